using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Elb;

/// <summary>W55: an HTTPS/TLS listener whose SslPolicy is unset or still accepts TLS 1.0/1.1.</summary>
public sealed class ListenerWithWeakTlsPolicy : Rule
{
    /// <summary>Predefined ELB security policies that still negotiate TLS 1.0 or 1.1.</summary>
    private static readonly HashSet<string> WeakPolicies = new(StringComparer.Ordinal)
    {
        "ELBSecurityPolicy-2016-08",
        "ELBSecurityPolicy-2015-05",
        "ELBSecurityPolicy-TLS-1-0-2015-04",
        "ELBSecurityPolicy-TLS-1-1-2017-01",
        "ELBSecurityPolicy-FS-2018-06",
        "ELBSecurityPolicy-FS-1-1-2019-08",
        "ELBSecurityPolicy-2015",
        "ELBSecurityPolicy-TLS13-1-0-2021-06",
        "ELBSecurityPolicy-TLS13-1-1-2021-06",
    };

    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W55",
        "Load balancer listener allows TLS older than 1.2",
        "Listener SslPolicy {0} accepts TLS versions older than 1.2.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "ELB",
        "An HTTPS or TLS listener without SslPolicy gets ELBSecurityPolicy-2016-08, which, like the other listed legacy policies, still negotiates TLS 1.0 and 1.1.",
        "Set SslPolicy to a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06 or ELBSecurityPolicy-TLS-1-2-Ext-2018-06.",
        aliases: [new RuleAlias("cfn-guard", "ELBV2_LISTENER_SSL_POLICY_RULE")],
        resourceTypes: ["AWS::ElasticLoadBalancingV2::Listener"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::ElasticLoadBalancingV2::Listener");

    private static void Analyze(ResourceContext context)
    {
        foreach (var c in context.Combinations("Protocol", "SslPolicy"))
        {
            var (protocol, policy) = (c[0], c[1]);
            if (protocol.AsString?.Trim() is not ("HTTPS" or "TLS"))
            {
                continue;
            }

            if (policy.IsAbsent)
            {
                context.Report(Rule, policy, "(unset, so ELBSecurityPolicy-2016-08)");
                return;
            }

            if (policy.AsString is { } name && WeakPolicies.Contains(name.Trim()))
            {
                context.Report(Rule, policy, name);
                return;
            }
        }
    }
}
