using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

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
        if (context.Variants("Type").AnyLiteral(t => t.Trim() == "gateway"))
        {
            return;
        }

        foreach (var attributes in context.Variants("LoadBalancerAttributes"))
        {
            if (attributes.IsAbsent)
            {
                context.Report(Rule, attributes);
                return;
            }

            if (attributes.Value is not ListValue)
            {
                continue; // an attribute list we cannot read (an expression) may hold the setting
            }

            var setting = attributes.Variants("*").LastOrDefault(a => a.Variants("Key").AnyLiteral(k => k.Trim() == AccessLogsKey));
            if (setting is null)
            {
                context.Report(Rule, attributes.Node, attributes.Scenario);
                return;
            }

            if (setting.Variants("Value").FirstOrDefault(v => v.IsAbsent || v.AsBoolean == false) is { } off)
            {
                context.Report(Rule, off.Node ?? setting.Node, off.Scenario);
                return;
            }
        }
    }
}
