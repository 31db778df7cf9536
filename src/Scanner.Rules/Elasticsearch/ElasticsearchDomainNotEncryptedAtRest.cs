using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Elasticsearch;

/// <summary>W54: elasticsearch domain is not encrypted at rest.</summary>
public sealed class ElasticsearchDomainNotEncryptedAtRest : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W54",
        "Elasticsearch domain is not encrypted at rest",
        "Elasticsearch domain encryption at rest (EncryptionAtRestOptions.Enabled) {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Elasticsearch",
        "Without encryption at rest, indices, logs, swap and automated snapshots of the domain are stored in the clear.",
        "Set EncryptionAtRestOptions.Enabled: true, optionally with KmsKeyId.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_5"), new RuleAlias("cfn-guard", "ELASTICSEARCH_ENCRYPTED_AT_REST")],
        resourceTypes: ["AWS::Elasticsearch::Domain"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Elasticsearch::Domain";

    protected override string PropertyPath => "EncryptionAtRestOptions.Enabled";
}
