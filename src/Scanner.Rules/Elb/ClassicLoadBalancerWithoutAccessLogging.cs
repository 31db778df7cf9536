using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Elb;

/// <summary>W26: a Classic Load Balancer without enabled access logs (AccessLoggingPolicy.Enabled true).</summary>
public sealed class ClassicLoadBalancerWithoutAccessLogging : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W26",
        "Classic load balancer has no access logging",
        "Classic load balancer does not enable access logging (AccessLoggingPolicy.Enabled).",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "ELB",
        "Load balancer access logs record each client request with its source address and outcome; without them, attacks through the load balancer cannot be traced.",
        "Set AccessLoggingPolicy with Enabled: true and an S3BucketName.",
        aliases: [new RuleAlias("cfn-guard", "ELB_LOGGING_ENABLED")],
        resourceTypes: ["AWS::ElasticLoadBalancing::LoadBalancer"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::ElasticLoadBalancing::LoadBalancer");

    private static void Analyze(ResourceContext context)
    {
        // Reported unless logging is on in every deployable variant (a value known only at deploy time is not "on").
        if (context.Combinations("AccessLoggingPolicy", "AccessLoggingPolicy.Enabled").FirstOrDefault(c => c[1].AsBoolean != true) is { } off)
        {
            context.Report(Rule, off[1].Node ?? off[0].Node, off[1].Scenario);
        }
    }
}
