using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;

namespace Scanner.Rules.ApiGateway;

/// <summary>Links between API Gateway resources (stages, deployments, usage plans) in one template.</summary>
internal static class ApiGatewayResources
{
    public const string Deployment = "AWS::ApiGateway::Deployment";
    public const string Stage = "AWS::ApiGateway::Stage";
    public const string UsagePlan = "AWS::ApiGateway::UsagePlan";

    /// <summary>The logical id a Ref or GetAtt designates, else null.</summary>
    public static string? Target(Variant variant) => variant.IsAbsent ? null : variant.Value switch
    {
        SymbolicValue { Kind: SymbolKind.ResourceRef or SymbolKind.GetAtt } reference => reference.Name,
        _ => null,
    };

    /// <summary>The scenarios under which a deployable stage of the template deploys <paramref name="deployment"/>.</summary>
    public static IEnumerable<Scenario> StagesDeploying(TemplateContext template, string deployment) =>
        template.ResourcesOfType(Stage)
            .SelectMany(stage => template.Variants(stage, "DeploymentId"))
            .Where(id => Target(id) == deployment)
            .Select(id => id.Scenario);

    /// <summary>Every ApiStages entry's Stage of every deployable usage plan of the template.</summary>
    public static IEnumerable<Variant> UsagePlanStages(TemplateContext template) =>
        template.ResourcesOfType(UsagePlan).SelectMany(plan => template.Variants(plan, "ApiStages.*.Stage"));
}
