using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Dax;

/// <summary>W83: dAX cluster is not encrypted at rest.</summary>
public sealed class DaxClusterNotEncrypted : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W83",
        "DAX cluster is not encrypted at rest",
        "DAX cluster server-side encryption (SSESpecification.SSEEnabled) {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "DAX",
        "A DAX cluster caches DynamoDB items on its nodes; without server-side encryption the cached data is stored in the clear. It can only be chosen at creation.",
        "Set SSESpecification.SSEEnabled: true.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_47"), new RuleAlias("cfn-guard", "DAX_ENCRYPTION_ENABLED")],
        resourceTypes: ["AWS::DAX::Cluster"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::DAX::Cluster";

    protected override string PropertyPath => "SSESpecification.SSEEnabled";
}
