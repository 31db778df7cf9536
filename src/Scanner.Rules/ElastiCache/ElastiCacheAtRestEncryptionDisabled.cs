using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.ElastiCache;

/// <summary>F25: elastiCache replication group is not encrypted at rest.</summary>
public sealed class ElastiCacheAtRestEncryptionDisabled : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F25",
        "ElastiCache replication group is not encrypted at rest",
        "ElastiCache replication group encryption at rest (AtRestEncryptionEnabled) {0}.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "ElastiCache",
        "Without encryption at rest, cached data, backups and swap on the nodes are stored in the clear. It cannot be turned on after creation.",
        "Set AtRestEncryptionEnabled: true, optionally with KmsKeyId.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_29"), new RuleAlias("cfn-guard", "ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_AT_REST")],
        resourceTypes: ["AWS::ElastiCache::ReplicationGroup"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::ElastiCache::ReplicationGroup";

    protected override string PropertyPath => "AtRestEncryptionEnabled";
}
