using System.Globalization;
using Scanner.CloudFormation.Editing;

namespace Scanner.Rules.Fixes;

/// <summary>
/// The fixes the built-in rules offer, as data. A row is added only where the secure value is unambiguous and right
/// without human input: no key to choose, no placeholder text, no behaviour a working stack depends on (so no
/// closing of public access or of plain-text listeners). Rows whose property CloudFormation can only set at creation
/// are marked <see cref="PropertyFix.RecreatesResource"/>.
/// </summary>
public static class FixCatalog
{
    public static IReadOnlyList<PropertyFix> All { get; } =
    [
        PropertyFix.Set("F1", "Encrypted", true)
            .Recreates(),
        PropertyFix.Set("F19", "EnableKeyRotation", true)
            .When(
                FixCondition.OneOf("KeySpec", orAbsent: true, "SYMMETRIC_DEFAULT"),
                FixCondition.OneOf("KeyUsage", orAbsent: true, "ENCRYPT_DECRYPT"),
                FixCondition.OneOf("Origin", orAbsent: true, "AWS_KMS")),
        PropertyFix.Set("F25", "AtRestEncryptionEnabled", true)
            .When(
                FixCondition.OneOf("Engine", orAbsent: true, "redis", "valkey"),
                FixCondition.Literal("EngineVersion", SupportsElastiCacheEncryption))
            .Unless("GlobalReplicationGroupId")
            .Recreates(),
        PropertyFix.Set("F26", "StorageEncrypted", true)
            .Unless("SnapshotIdentifier", "SourceDBClusterIdentifier", "RestoreType", "ReplicationSourceIdentifier", "GlobalClusterIdentifier")
            .Recreates(),
        PropertyFix.Set("F27", "StorageEncrypted", true)
            .Unless(
                "DBSnapshotIdentifier",
                "DBClusterSnapshotIdentifier",
                "SourceDBInstanceIdentifier",
                "SourceDbiResourceId",
                "SourceDBInstanceAutomatedBackupsArn",
                "SourceDBClusterIdentifier",
                "RestoreTime",
                "UseLatestRestorableTime")
            .When(
                FixCondition.Literal("DBInstanceClass", c => !c.StartsWith("db.t1.", StringComparison.Ordinal) && !c.StartsWith("db.m1.", StringComparison.Ordinal) && !c.StartsWith("db.m2.", StringComparison.Ordinal)),
                FixCondition.Literal("Engine", e => !e.Equals("sqlserver-ex", StringComparison.OrdinalIgnoreCase)))
            .Recreates(),
        PropertyFix.Set("F28", "Encrypted", true)
            .Unless("SnapshotIdentifier"),
        PropertyFix.Set("F30", "StorageEncrypted", true)
            .Unless("SnapshotIdentifier", "SourceDBClusterIdentifier", "RestoreType")
            .Recreates(),
        PropertyFix.Set("F32", "Encrypted", true)
            .Recreates(),
        PropertyFix.Set("F80", "DeletionProtection", true),
        PropertyFix.Set(
                "W41",
                "BucketEncryption",
                EditValue.Map(("ServerSideEncryptionConfiguration", EditValue.List(
                    EditValue.Map(("ServerSideEncryptionByDefault", EditValue.Map(("SSEAlgorithm", "AES256"))))))))
            .Described("Set BucketEncryption to SSE-S3 (SSEAlgorithm AES256), the encryption S3 applies to new objects by default."),
        PropertyFix.Set("W49", "StreamEncryption", EditValue.Map(("EncryptionType", "KMS"), ("KeyId", "alias/aws/kinesis")))
            .Described("Set StreamEncryption to KMS with the AWS managed key alias/aws/kinesis."),
        PropertyFix.Set("W50", "LoginProfile.PasswordResetRequired", true),
        PropertyFix.Set("W55", "SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06")
            .When(FixCondition.OneOf("Protocol", orAbsent: false, "HTTPS", "TLS")),
        PropertyFix.Set("W62", "SecurityPolicy", "TLS_1_2"),
        PropertyFix.Set("W73", "BillingMode", "PROVISIONED")
            .When(FixCondition.Present("ProvisionedThroughput"))
            .OnlyWhereAbsent()
            .Described("Set BillingMode to PROVISIONED, the mode the table's ProvisionedThroughput already implies."),
        PropertyFix.Set("W74", "SSESpecification.SSEEnabled", true),
        PropertyFix.Set("W78", "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", true),
        PropertyFix.Set("W79", "ImageScanningConfiguration.ScanOnPush", true),
        PropertyFix.Set("W81", "EncryptionConfiguration.Encrypted", true)
            .Within("PolicyDetails.Actions.*.CrossRegionCopy.*"),
        PropertyFix.Set("W83", "SSESpecification.SSEEnabled", true)
            .Recreates(),
        PropertyFix.Set("W87", "CacheDataEncrypted", true)
            .Within("StageDescription.MethodSettings.*", "StageDescription"),
        PropertyFix.Set("W88", "DeliveryStreamEncryptionConfigurationInput.KeyType", "AWS_OWNED_CMK")
            .When(FixCondition.OneOf("DeliveryStreamType", orAbsent: true, "DirectPut"))
            .Unless("DeliveryStreamEncryptionConfigurationInput.KeyARN"),
    ];

    private static readonly Dictionary<string, PropertyFix> ById = All.ToDictionary(f => f.RuleId, StringComparer.Ordinal);

    public static bool IsFixable(string ruleId) => ById.ContainsKey(ruleId);

    public static PropertyFix? For(string ruleId) => ById.GetValueOrDefault(ruleId);

    /// <summary>Encryption at rest needs Redis 3.2.6 or later (or any Valkey); a version that does not parse is not judged.</summary>
    private static bool SupportsElastiCacheEncryption(string version)
    {
        var parts = version.Split('.');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return false;
        }

        if (major != 3)
        {
            return major > 3;
        }

        var minor = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        var patch = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        return minor > 2 || (minor == 2 && patch >= 6);
    }
}
