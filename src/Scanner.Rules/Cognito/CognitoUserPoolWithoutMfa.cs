using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Cognito;

/// <summary>
/// F78: a user pool with multi-factor authentication off. The value is compared ignoring case and quoting, so an
/// unquoted YAML <c>OFF</c> (a YAML 1.1 boolean that cfn-nag cannot see) is caught too.
/// </summary>
public sealed class CognitoUserPoolWithoutMfa : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F78",
        "Cognito user pool has MFA turned off",
        "Cognito user pool has MfaConfiguration {0}; set it to 'ON', or at least 'OPTIONAL'.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "Cognito",
        "Without multi-factor authentication a stolen or guessed password is enough to take over a user's account.",
        "Set MfaConfiguration to 'ON' (quoted in YAML), or 'OPTIONAL' to let users enrol, and configure the SMS or TOTP factor.",
        aliases: [new RuleAlias("cfn-guard", "COGNITO_USER_POOL_MFA_CONFIGURATION_RULE")],
        resourceTypes: ["AWS::Cognito::UserPool"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::Cognito::UserPool");

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("MfaConfiguration").FirstLiteral(m => string.Equals(m, "off", StringComparison.OrdinalIgnoreCase)) is { } off)
        {
            context.Report(Rule, off, "set to 'OFF'");
        }
    }
}
