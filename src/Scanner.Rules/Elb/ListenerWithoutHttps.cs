using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.CloudFormation;

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
        "An HTTP listener carries requests, cookies and credentials in clear text. A listener that only redirects to HTTPS is the usual exception and may be suppressed with a reason.",
        "Use Protocol HTTPS with a certificate, and keep any HTTP listener to a redirect to HTTPS.",
        resourceTypes: ["AWS::ElasticLoadBalancingV2::Listener"]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::ElasticLoadBalancingV2::Listener");

    private static void Analyze(ResourceContext context)
    {
        var protocol = context.Property("Protocol");
        if (PropertyValues.AnyLiteral(context, protocol, p => p.Trim() == "HTTP"))
        {
            context.Report(Rule, protocol);
        }
    }
}
