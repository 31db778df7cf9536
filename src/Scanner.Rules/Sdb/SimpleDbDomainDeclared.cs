using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Sdb;

/// <summary>F77: any AWS::SDB::Domain. SimpleDB cannot encrypt data at rest and is closed to new customers.</summary>
public sealed class SimpleDbDomainDeclared : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F77",
        "SimpleDB domain declared",
        "Template declares a SimpleDB domain; SimpleDB offers no encryption at rest and should not hold data.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "SimpleDB",
        "Amazon SimpleDB does not encrypt data at rest, lacks fine-grained access control and is a legacy service; any data stored in it is exposed to whoever can read the underlying storage.",
        "Use DynamoDB (with SSE and a customer managed KMS key) instead of SimpleDB.",
        resourceTypes: ["AWS::SDB::Domain"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(c => c.Report(Rule, c.Resource.TypeNode), "AWS::SDB::Domain");
}
