using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Redshift;

/// <summary>F28: a Redshift cluster without Encrypted true.</summary>
public sealed class ClusterNotEncrypted : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F28",
        "Redshift cluster is not encrypted",
        "Redshift cluster does not set Encrypted to true.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "Redshift",
        "An unencrypted cluster stores its data blocks, backups and snapshots in clear; warehouse data is usually the most sensitive an organisation has.",
        "Set Encrypted: true (and KmsKeyId to a customer managed key).",
        aliases: [new RuleAlias("cfn-guard", "REDSHIFT_CLUSTER_CONFIGURATION_CHECK")],
        resourceTypes: ["AWS::Redshift::Cluster"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(c => c.RequireTrue(Rule, "Encrypted"), "AWS::Redshift::Cluster");
}
