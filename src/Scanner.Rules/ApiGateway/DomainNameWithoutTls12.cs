using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.ApiGateway;

/// <summary>W62: a custom domain name whose security policy allows TLS 1.0 (explicitly, or by leaving it unset).</summary>
public sealed class DomainNameWithoutTls12 : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W62",
        "API Gateway domain name allows TLS older than 1.2",
        "API Gateway domain name does not require TLS 1.2 (SecurityPolicy is {0}).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "API Gateway",
        "TLS 1.0 and 1.1 have known weaknesses. A custom domain name without SecurityPolicy, or with TLS_1_0, still negotiates them.",
        "Set SecurityPolicy to TLS_1_2.",
        aliases: [new RuleAlias("cfn-guard", "API_GW_DOMAIN_DENY_NON_TLS_TRAFFIC")],
        resourceTypes: ["AWS::ApiGateway::DomainName"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::ApiGateway::DomainName");

    private static void Analyze(ResourceContext context)
    {
        var policy = context.Variants("SecurityPolicy");
        if (policy.FirstAbsent() is { } unset)
        {
            context.Report(Rule, unset, "unset");
        }
        else if (policy.FirstLiteral(p => string.Equals(p.Trim(), "TLS_1_0", StringComparison.OrdinalIgnoreCase)) is { } old)
        {
            context.Report(Rule, old, "TLS_1_0");
        }
    }
}
