using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
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
        var profile = context.Property("LoginProfile");
        if (profile is null or ScalarNode { IsNull: true })
        {
            return;
        }

        var reset = context.Property("LoginProfile.PasswordResetRequired");
        if (reset is null or ScalarNode { IsNull: true })
        {
            context.Report(Rule, TemplateValues.PropertyKey(context.Resource, "LoginProfile") ?? profile);
            return;
        }

        // Only a value known to be true passes: a parameter without a value could be anything.
        if (context.Evaluate(reset).AsBoolean != true)
        {
            context.Report(Rule, reset);
        }
    }
}
