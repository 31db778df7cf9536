using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.ApiGateway;

/// <summary>
/// W68: a deployment that no usage plan of the template covers. A plan covers it when one of its ApiStages names
/// the deployment's StageName, or references an AWS::ApiGateway::Stage whose DeploymentId is this deployment.
/// </summary>
public sealed class DeploymentWithoutUsagePlan : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W68",
        "API Gateway deployment has no usage plan",
        "API Gateway deployment's stage is not named by any AWS::ApiGateway::UsagePlan.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "API Gateway",
        "Usage plans throttle and cap requests per client. A deployed stage outside every usage plan has only account-level limits.",
        "Add the deployment's stage to an AWS::ApiGateway::UsagePlan (ApiStages: [{ApiId, Stage: <StageName>}]).",
        resourceTypes: [ApiGatewayResources.Deployment, ApiGatewayResources.UsagePlan], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ApiGatewayResources.Deployment);

    private static void Analyze(ResourceContext context)
    {
        var stageNames = context.Variants("StageName").Literals().ToHashSet(StringComparer.Ordinal);
        var stageResources = context.TemplateContext.ResourcesOfType(ApiGatewayResources.Stage)
            .Where(stage => context.TemplateContext.Variants(stage, "DeploymentId").Any(id => ApiGatewayResources.Target(id) == context.LogicalId))
            .Select(stage => stage.LogicalId)
            .ToHashSet(StringComparer.Ordinal);
        var covering = ApiGatewayResources.UsagePlanStages(context.TemplateContext)
            .Where(stage => (ApiGatewayResources.Target(stage) is { } target && stageResources.Contains(target)) || (stage.AsString is { } name && stageNames.Contains(name)))
            .Select(stage => stage.Scenario);
        if (context.TemplateContext.Uncovered(context.Scenario, covering) is { } uncovered)
        {
            context.Report(Rule, context.Resource.TypeNode, uncovered);
        }
    }
}
