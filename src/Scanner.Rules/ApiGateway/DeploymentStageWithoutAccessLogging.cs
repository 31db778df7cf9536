using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.ApiGateway;

/// <summary>
/// W45: a deployment that creates its stage itself (StageDescription) without AccessLogSetting, or a deployment
/// with no StageDescription that no AWS::ApiGateway::Stage of the template deploys.
/// </summary>
public sealed class DeploymentStageWithoutAccessLogging : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W45",
        "API Gateway deployment stage has no access logging",
        "API Gateway deployment creates a stage without access logging (StageDescription.AccessLogSetting).",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "API Gateway",
        "A deployment with StageName/StageDescription creates the stage itself; without AccessLogSetting nobody can see who called the API. A deployment without StageDescription is accepted only when a separate AWS::ApiGateway::Stage deploys it (that stage is checked by W69).",
        "Add StageDescription.AccessLogSetting (DestinationArn and Format), or declare the stage as an AWS::ApiGateway::Stage with AccessLogSetting.",
        resourceTypes: [ApiGatewayResources.Deployment, ApiGatewayResources.Stage], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ApiGatewayResources.Deployment);

    private static void Analyze(ResourceContext context)
    {
        foreach (var description in context.Variants("StageDescription"))
        {
            if (description.IsAbsent)
            {
                // Without a stage description, a Stage resource deploying this deployment carries the logging.
                var covering = ApiGatewayResources.StagesDeploying(context.TemplateContext, context.LogicalId);
                if (context.TemplateContext.Uncovered(description.Scenario, covering) is { } uncovered)
                {
                    context.Report(Rule, context.Resource.TypeNode, uncovered);
                    return;
                }
            }
            else if (description.Variants("AccessLogSetting").FirstAbsent() is { } missing)
            {
                context.Report(Rule, description.Node, missing.Scenario);
                return;
            }
        }
    }
}
