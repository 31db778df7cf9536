using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Elasticsearch;

/// <summary>W90: elasticsearch domain is not in a VPC.</summary>
public sealed class ElasticsearchDomainOutsideVpc : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W90",
        "Elasticsearch domain is not in a VPC",
        "Elasticsearch domain does not set VPCOptions, so its endpoint is reachable from the internet.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Elasticsearch",
        "A domain outside a VPC has a public endpoint guarded only by its access policy; inside a VPC, security groups and routing limit who can reach it.",
        "Set VPCOptions with SubnetIds and SecurityGroupIds.",
        aliases: [new RuleAlias("cfn-guard", "ELASTICSEARCH_IN_VPC_ONLY")],
        resourceTypes: ["AWS::Elasticsearch::Domain"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Elasticsearch::Domain";

    protected override string PropertyPath => "VPCOptions";
}
