using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.ApiGateway;

/// <summary>W64: a REST API stage that no usage plan of the template references.</summary>
public sealed class StageWithoutUsagePlan : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W64",
        "API Gateway stage has no usage plan",
        "API Gateway stage is not referenced by any AWS::ApiGateway::UsagePlan.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "API Gateway",
        "Usage plans throttle and cap requests per client. A stage outside every usage plan has only account-level limits, so one caller can exhaust them.",
        "Add the stage to an AWS::ApiGateway::UsagePlan (ApiStages: [{ApiId, Stage: !Ref TheStage}]).",
        resourceTypes: [ApiGatewayResources.Stage, ApiGatewayResources.UsagePlan], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ApiGatewayResources.Stage);

    private static void Analyze(ResourceContext context)
    {
        var covering = ApiGatewayResources.UsagePlanStages(context.TemplateContext)
            .Where(stage => ApiGatewayResources.Target(stage) == context.LogicalId)
            .Select(stage => stage.Scenario);
        if (context.TemplateContext.Uncovered(context.Scenario, covering) is { } uncovered)
        {
            context.Report(Rule, context.Resource.TypeNode, uncovered);
        }
    }
}
