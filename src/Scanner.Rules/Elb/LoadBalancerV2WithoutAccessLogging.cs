using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

namespace Scanner.Rules.Elb;

/// <summary>W52: an ELBv2 load balancer without the attribute access_logs.s3.enabled set to true.</summary>
public sealed class LoadBalancerV2WithoutAccessLogging : Rule
{
    private const string AccessLogsKey = "access_logs.s3.enabled";

    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W52",
        "Load balancer (v2) has no access logging",
        "Load balancer does not set the attribute access_logs.s3.enabled to true.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "ELB",
        "Access logs of an application or network load balancer record each request or connection with its client; without them, attacks through the load balancer cannot be traced. Gateway load balancers, which have no access logs, are not reported.",
        "Add LoadBalancerAttributes entries access_logs.s3.enabled = true and access_logs.s3.bucket = <log bucket>.",
        aliases: [new RuleAlias("cfn-guard", "ELBV2_ACCESS_LOGGING_RULE")],
        resourceTypes: ["AWS::ElasticLoadBalancingV2::LoadBalancer"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::ElasticLoadBalancingV2::LoadBalancer");

    private static void Analyze(ResourceContext context)
    {
        // Gateway load balancers have no access logs to enable.
        if (PropertyValues.AnyLiteral(context, context.Property("Type"), t => t.Trim() == "gateway"))
        {
            return;
        }

        var attributes = context.Property("LoadBalancerAttributes");
        var setting = (attributes as SequenceNode)?.Items.OfType<MappingNode>()
            .LastOrDefault(a => PropertyValues.AnyLiteral(context, a.Get("Key"), k => k.Trim() == AccessLogsKey));
        if (setting is null)
        {
            // An attribute list we cannot read (an expression) may hold the setting.
            if (PropertyValues.MayBeMissing(context, attributes) || attributes is SequenceNode)
            {
                context.Report(Rule, attributes ?? context.Resource.TypeNode);
            }

            return;
        }

        var value = setting.Get("Value");
        if (PropertyValues.MayBeFalse(context, value))
        {
            context.Report(Rule, value ?? setting);
        }
    }
}
