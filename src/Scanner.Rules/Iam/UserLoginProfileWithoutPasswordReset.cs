using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Iam;

/// <summary>
/// W50: a console login profile whose initial password (known to whoever wrote or deployed the template) need
/// not be changed at first sign-in. Users without a login profile have no console password and are fine.
/// </summary>
public sealed class UserLoginProfileWithoutPasswordReset : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W50",
        "IAM user login profile does not require a password reset",
        "IAM user login profile does not set PasswordResetRequired to true, so the initial password can stay in use.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "The password in a login profile passes through templates, parameters and pipelines. Requiring a reset at first sign-in makes sure only the user knows the password that stays in use.",
        "Set LoginProfile.PasswordResetRequired to true.",
        resourceTypes: ["AWS::IAM::User"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::IAM::User");

    private static void Analyze(ResourceContext context)
    {
        foreach (var profile in context.Variants("LoginProfile").Present())
        {
            foreach (var reset in profile.Variants("PasswordResetRequired"))
            {
                // Only a value known to be true passes: a parameter without a value could be anything.
                if (reset.IsAbsent)
                {
                    context.Report(Rule, profile.KeyNode ?? profile.Node, reset.Scenario);
                    return;
                }

                if (reset.AsBoolean != true)
                {
                    context.Report(Rule, reset);
                    return;
                }
            }
        }
    }
}
