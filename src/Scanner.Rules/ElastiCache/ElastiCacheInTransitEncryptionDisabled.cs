using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.ElastiCache;

/// <summary>F33: elastiCache replication group does not encrypt traffic.</summary>
public sealed class ElastiCacheInTransitEncryptionDisabled : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F33",
        "ElastiCache replication group does not encrypt traffic",
        "ElastiCache replication group encryption in transit (TransitEncryptionEnabled) {0}.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "ElastiCache",
        "Without TLS, data and AUTH tokens travel in the clear between clients and nodes and between the nodes themselves.",
        "Set TransitEncryptionEnabled: true.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_30"), new RuleAlias("cfn-guard", "ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_IN_TRANSIT")],
        resourceTypes: ["AWS::ElastiCache::ReplicationGroup"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::ElastiCache::ReplicationGroup";

    protected override string PropertyPath => "TransitEncryptionEnabled";
}
