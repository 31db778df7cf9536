using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.CloudFormation;

namespace Scanner.Rules.ApiGateway;

/// <summary>
/// W68: a deployment whose stage (StageName) no usage plan of the template names. A deployment without StageName
/// creates no stage a plan could name, and is reported too.
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
        resourceTypes: [ApiGatewayResources.Deployment, ApiGatewayResources.UsagePlan]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ApiGatewayResources.Deployment);

    private static void Analyze(ResourceContext context)
    {
        var stageNames = PropertyValues.Literals(context, context.Property("StageName")).ToHashSet(StringComparer.Ordinal);
        var planned = stageNames.Count > 0 && ApiGatewayResources.UsagePlanStages(context.Template)
            .Any(stage => PropertyValues.Literals(context, stage.Get("Stage")).Any(stageNames.Contains));
        if (!planned)
        {
            context.Report(Rule, context.Resource.TypeNode);
        }
    }
}
