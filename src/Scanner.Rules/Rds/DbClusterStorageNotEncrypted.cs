using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Rds;

/// <summary>F26: an RDS/Aurora DB cluster without StorageEncrypted true.</summary>
public sealed class DbClusterStorageNotEncrypted : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F26",
        "RDS DB cluster storage is not encrypted",
        "RDS DB cluster does not set StorageEncrypted to true.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "RDS",
        "Unencrypted cluster storage leaves the data, its backups and snapshots readable to anyone who obtains the underlying storage or a shared snapshot. Encryption cannot be turned on later without a restore.",
        "Set StorageEncrypted: true (and KmsKeyId to a customer managed key).",
        aliases: [new RuleAlias("cfn-guard", "RDS_STORAGE_ENCRYPTED")],
        resourceTypes: ["AWS::RDS::DBCluster"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(c => c.RequireTrue(Rule, "StorageEncrypted"), "AWS::RDS::DBCluster");
}
