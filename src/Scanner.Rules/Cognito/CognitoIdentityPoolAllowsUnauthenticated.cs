using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Cognito;

/// <summary>W57: an identity pool that hands out AWS credentials to unauthenticated (guest) users.</summary>
public sealed class CognitoIdentityPoolAllowsUnauthenticated : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W57",
        "Cognito identity pool allows unauthenticated identities",
        "Cognito identity pool sets AllowUnauthenticatedIdentities to true; make sure the guest role grants only what anonymous users may do.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Cognito",
        "Guest identities receive AWS credentials from the pool's unauthenticated role without signing in. That is acceptable only when that role is tightly scoped.",
        "Set AllowUnauthenticatedIdentities to false, or keep it and restrict the unauthenticated role to the minimum actions and resources.",
        aliases: [new RuleAlias("cfn-guard", "COGNITO_ALLOW_UNAUTHENTICATED_IDENTITIES_RULE")],
        resourceTypes: ["AWS::Cognito::IdentityPool"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::Cognito::IdentityPool");

    private static void Analyze(ResourceContext context) => context.ForbidTrue(Rule, "AllowUnauthenticatedIdentities");
}
