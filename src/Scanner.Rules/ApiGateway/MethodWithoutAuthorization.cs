using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

namespace Scanner.Rules.ApiGateway;

/// <summary>W59: a non-OPTIONS method with no authorization (AuthorizationType NONE or absent).</summary>
public sealed class MethodWithoutAuthorization : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W59",
        "API Gateway method has no authorization",
        "API Gateway method {0} has no authorization (AuthorizationType is NONE or unset).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "API Gateway",
        "A method without an authorizer can be called by anyone who knows the URL. Only CORS preflight (OPTIONS) methods are normally left open.",
        "Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (with an AuthorizerId); keep NONE for OPTIONS methods only.",
        aliases: [new RuleAlias("cfn-guard", "API_GW_METHOD_AUTHORIZATION_TYPE_RULE")],
        resourceTypes: ["AWS::ApiGateway::Method"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::ApiGateway::Method");

    private static void Analyze(ResourceContext context)
    {
        var httpMethod = context.Property("HttpMethod");
        if (PropertyValues.Literals(context, httpMethod).Any(m => string.Equals(m.Trim(), "OPTIONS", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var method = PropertyValues.Literals(context, httpMethod).FirstOrDefault() ?? "(unknown)";
        var authorization = context.Property("AuthorizationType");
        if (PropertyValues.MayBeMissing(context, authorization))
        {
            context.Report(Rule, context.Resource.TypeNode, method);
        }
        else if (PropertyValues.AnyLiteral(context, authorization, a => string.Equals(a.Trim(), "NONE", StringComparison.OrdinalIgnoreCase)))
        {
            context.Report(Rule, authorization, method);
        }
    }
}
