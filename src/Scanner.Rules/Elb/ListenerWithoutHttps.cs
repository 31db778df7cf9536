using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

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
        var protocol = context.Property("Protocol");
        if (PropertyValues.AnyLiteral(context, protocol, p => p.Trim() == "HTTP") && !RedirectsToHttps(context))
        {
            context.Report(Rule, protocol);
        }
    }

    // The standard port-80 listener: every default action redirects to HTTPS, so no content is served in clear.
    private static bool RedirectsToHttps(ResourceContext context) =>
        context.Property("DefaultActions") is SequenceNode { Count: > 0 } actions
        && actions.Items.All(action => action is MappingNode a
            && PropertyValues.AnyLiteral(context, a.Get("Type"), t => t.Trim() == "redirect")
            && PropertyValues.AnyLiteral(context, Resource.Navigate(a, "RedirectConfig.Protocol"), p => p.Trim() == "HTTPS"));
}
