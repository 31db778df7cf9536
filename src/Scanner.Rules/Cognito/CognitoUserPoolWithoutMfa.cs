using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

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

    private static void Analyze(ResourceContext context) => PropertyVariants.CheckEach(context, Check);

    private static bool Check(ResourceContext context, MappingNode? properties)
    {
        if (properties?.Get("MfaConfiguration") is { } node && IsOff(context.Evaluate(node)))
        {
            context.Report(Rule, node, "set to 'OFF'");
            return true;
        }

        return false;
    }

    private static bool IsOff(Value value) => value switch
    {
        ConditionalValue c => IsOff(c.WhenTrue) || IsOff(c.WhenFalse),
        LiteralValue l => string.Equals(l.Text, "off", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
