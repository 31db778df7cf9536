using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Elb;

/// <summary>W56: an application load balancer listener serving plain HTTP.</summary>
public sealed class ListenerWithoutHttps : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W56",
        "Load balancer listener uses plain HTTP",
        "Listener uses Protocol HTTP; traffic between clients and the load balancer is not encrypted.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "ELB",
        "An HTTP listener carries requests, cookies and credentials in clear text. A listener whose default actions all redirect to HTTPS serves nothing in clear and is not reported.",
        "Use Protocol HTTPS with a certificate, and keep any HTTP listener to a redirect to HTTPS.",
        aliases: [new RuleAlias("cfn-guard", "ELBV2_LISTENER_PROTOCOL_RULE")],
        resourceTypes: ["AWS::ElasticLoadBalancingV2::Listener"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::ElasticLoadBalancingV2::Listener");

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("Protocol").FirstLiteral(p => p.Trim() == "HTTP") is { } http && !RedirectsToHttps(context))
        {
            context.Report(Rule, http);
        }
    }

    // The standard port-80 listener: every default action redirects to HTTPS, so no content is served in clear.
    private static bool RedirectsToHttps(ResourceContext context)
    {
        var actions = context.Variants("DefaultActions.*");
        return actions.Count > 0 && actions.All(action => action.Value is MapValue
            && action.Variants("Type").AnyLiteral(t => t.Trim() == "redirect")
            && action.Variants("RedirectConfig.Protocol").AnyLiteral(p => p.Trim() == "HTTPS"));
    }
}
