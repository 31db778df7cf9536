using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Dms;

/// <summary>W91: a DMS replication instance with a public address (DMS's default when PubliclyAccessible is absent).</summary>
public sealed class DmsReplicationInstancePublic : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W91",
        "DMS replication instance is publicly accessible",
        "DMS replication instance is publicly accessible: PubliclyAccessible {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "DMS",
        "A replication instance reads from and writes to your databases. With a public address it can be reached from the internet; DMS makes instances public unless told otherwise.",
        "Set PubliclyAccessible: false and place the instance in private subnets through ReplicationSubnetGroupIdentifier.",
        aliases: [new RuleAlias("cfn-guard", "DMS_REPLICATION_NOT_PUBLIC")],
        resourceTypes: ["AWS::DMS::ReplicationInstance"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::DMS::ReplicationInstance");

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("PubliclyAccessible").FirstNotFalse() is { } open)
        {
            context.Report(Rule, open, open switch
            {
                { IsMissing: true } => "is not set, and DMS defaults it to true",
                { IsRemoved: true } => "is removed with AWS::NoValue, and DMS defaults it to true",
                _ => "is " + open.Display,
            });
        }
    }
}
