using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Rds;

/// <summary>
/// F27: a DB instance without StorageEncrypted true. Instances of a cluster (DBClusterIdentifier) take their
/// encryption from the cluster, which F26 checks.
/// </summary>
public sealed class DbInstanceStorageNotEncrypted : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F27",
        "RDS DB instance storage is not encrypted",
        "RDS DB instance does not set StorageEncrypted to true.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "RDS",
        "Unencrypted instance storage leaves the data, its automated backups, read replicas and snapshots readable to anyone who obtains the underlying storage or a shared snapshot. Encryption cannot be turned on later without a restore.",
        "Set StorageEncrypted: true (and KmsKeyId to a customer managed key).",
        aliases: [new RuleAlias("cfn-guard", "RDS_STORAGE_ENCRYPTED")],
        resourceTypes: ["AWS::RDS::DBInstance"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::RDS::DBInstance");

    private static void Analyze(ResourceContext context)
    {
        // An instance of an Aurora cluster takes its encryption from the cluster.
        if (context.Combinations("DBClusterIdentifier", "StorageEncrypted").FirstOrDefault(c => c[0].IsAbsent && (c[1].IsAbsent || c[1].AsBoolean == false)) is { } unencrypted)
        {
            context.Report(Rule, unencrypted[1]);
        }
    }
}
