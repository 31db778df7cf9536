using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.ElastiCache;

/// <summary>F44: the ElastiCache replication group AUTH token must not be readable from the template or the console.</summary>
public sealed class ElastiCacheAuthTokenNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F44", "ElastiCache replication group AUTH token", "AWS::ElastiCache::ReplicationGroup", "AuthToken", "ElastiCache", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::ElastiCache::ReplicationGroup";

    protected override string PropertyPath => "AuthToken";
}
