using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Elasticsearch;

/// <summary>W85: elasticsearch domain does not encrypt traffic between nodes.</summary>
public sealed class ElasticsearchDomainWithoutNodeToNodeEncryption : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W85",
        "Elasticsearch domain does not encrypt traffic between nodes",
        "Elasticsearch node-to-node encryption (NodeToNodeEncryptionOptions.Enabled) {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Elasticsearch",
        "Without node-to-node encryption, data moves between the domain's nodes in the clear.",
        "Set NodeToNodeEncryptionOptions.Enabled: true.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_6"), new RuleAlias("cfn-guard", "ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK")],
        resourceTypes: ["AWS::Elasticsearch::Domain"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Elasticsearch::Domain";

    protected override string PropertyPath => "NodeToNodeEncryptionOptions.Enabled";
}
