using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

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
        var httpMethods = context.Variants("HttpMethod").Literals().ToList();
        if (httpMethods.Any(m => string.Equals(m.Trim(), "OPTIONS", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var method = httpMethods.FirstOrDefault() ?? "(unknown)";
        var authorization = context.Variants("AuthorizationType");
        if (authorization.FirstAbsent() is { } missing)
        {
            context.Report(Rule, missing, method);
        }
        else if (authorization.FirstLiteral(a => string.Equals(a.Trim(), "NONE", StringComparison.OrdinalIgnoreCase)) is { } none)
        {
            context.Report(Rule, none, method);
        }
    }
}
