using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Iam;

/// <summary>
/// F10: permissions written inline on a user are scattered across identities and hard to review; they belong on a
/// group (or a managed policy attached to one).
/// </summary>
public sealed class UserWithInlinePolicy : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F10",
        "IAM user has inline policies",
        "IAM user carries inline policies; grant permissions through a group instead.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "Inline user policies tie permissions to one person's identity. They are easy to forget when that person changes roles and are not visible when reviewing groups.",
        "Move the statements into a managed policy or a group policy and add the user to that group.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_40")],
        resourceTypes: ["AWS::IAM::User"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::IAM::User");

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("Policies").FirstOrDefault(policies => policies.Variants("*").Count > 0) is { } inline)
        {
            context.Report(Rule, inline.KeyNode ?? inline.Node, inline.Scenario);
        }
    }
}
