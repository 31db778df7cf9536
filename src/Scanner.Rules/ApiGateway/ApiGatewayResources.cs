using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.ApiGateway;

/// <summary>Links between API Gateway resources (stages, deployments, usage plans) in one template.</summary>
internal static class ApiGatewayResources
{
    public const string Deployment = "AWS::ApiGateway::Deployment";
    public const string Stage = "AWS::ApiGateway::Stage";
    public const string UsagePlan = "AWS::ApiGateway::UsagePlan";

    /// <summary>The logical id a Ref or GetAtt designates, else null.</summary>
    public static string? Target(SyntaxNode? node) => node switch
    {
        IntrinsicNode { Name: "Ref", Argument: ScalarNode name } => name.Text,
        IntrinsicNode { Name: "Fn::GetAtt" } getAtt when getAtt.Arguments.Count > 0 && getAtt.Arguments[0] is ScalarNode name => name.Text,
        _ => null,
    };

    /// <summary>Every ApiStages entry of every usage plan of the template.</summary>
    public static IEnumerable<MappingNode> UsagePlanStages(Template template) =>
        template.ResourcesOfType(UsagePlan)
            .Select(plan => plan.Property("ApiStages"))
            .OfType<SequenceNode>()
            .SelectMany(stages => stages.Items.OfType<MappingNode>());
}
