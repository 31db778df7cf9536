using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

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
        var stageNames = PropertyValues.Literals(context, context.Property("StageName")).ToHashSet(StringComparer.Ordinal);
        var stageResources = context.Template.ResourcesOfType(ApiGatewayResources.Stage)
            .Where(stage => ApiGatewayResources.Target(stage.Property("DeploymentId")) == context.LogicalId)
            .Select(stage => stage.LogicalId)
            .ToHashSet(StringComparer.Ordinal);
        var planned = ApiGatewayResources.UsagePlanStages(context.Template).Any(stage =>
            (ApiGatewayResources.Target(stage.Get("Stage")) is { } target && stageResources.Contains(target))
            || PropertyValues.Literals(context, stage.Get("Stage")).Any(stageNames.Contains));
        if (!planned)
        {
            context.Report(Rule, context.Resource.TypeNode);
        }
    }
}
