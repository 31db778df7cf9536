using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.ApiGateway;

/// <summary>W46: an HTTP/WebSocket API stage without AccessLogSettings.</summary>
public sealed class V2StageWithoutAccessLogging : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W46",
        "API Gateway V2 stage has no access logging",
        "API Gateway V2 stage does not configure AccessLogSettings.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "API Gateway",
        "Without access logs an HTTP or WebSocket API leaves no record of its callers, which leaves abuse and incidents uninvestigated.",
        "Set AccessLogSettings with a DestinationArn (a CloudWatch Logs group) and a Format.",
        aliases: [new RuleAlias("cfn-guard", "API_GWV2_ACCESS_LOGS_ENABLED")],
        resourceTypes: ["AWS::ApiGatewayV2::Stage"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::ApiGatewayV2::Stage");

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("AccessLogSettings").FirstAbsent() is { } missing)
        {
            context.Report(Rule, missing);
        }
    }
}
