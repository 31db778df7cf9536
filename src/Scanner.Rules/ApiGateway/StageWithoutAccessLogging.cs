using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.ApiGateway;

/// <summary>W69: a REST API stage without AccessLogSetting.</summary>
public sealed class StageWithoutAccessLogging : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W69",
        "API Gateway stage has no access logging",
        "API Gateway stage does not configure AccessLogSetting.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "API Gateway",
        "Access logs record who called which route of a REST API stage and with what result. Without them there is nothing to investigate abuse with.",
        "Set AccessLogSetting with a DestinationArn (a CloudWatch Logs group or Firehose stream) and a Format.",
        aliases: [new RuleAlias("cfn-guard", "API_GW_STAGE_ACCESS_LOGGING_RULE")],
        resourceTypes: [ApiGatewayResources.Stage], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ApiGatewayResources.Stage);

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("AccessLogSetting").FirstAbsent() is { } missing)
        {
            context.Report(Rule, missing);
        }
    }
}
