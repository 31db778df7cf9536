using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Iam;

/// <summary>Base for F11/F12: a policy resource that names users directly instead of groups.</summary>
public abstract class PolicyAttachedToUsersRule : Rule
{
    protected abstract string ResourceType { get; }

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ResourceType);

    private void Analyze(ResourceContext context)
    {
        if (context.Variants("Users").FirstOrDefault(users => users.Variants("*").Count > 0) is { } attached)
        {
            context.Report(Descriptor, attached.KeyNode ?? attached.Node, attached.Scenario);
        }
    }
}

/// <summary>F11: an AWS::IAM::Policy attached straight to users.</summary>
public sealed class PolicyAttachedToUser : PolicyAttachedToUsersRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F11",
        "IAM policy is attached directly to users",
        "IAM policy is attached to users; attach it to a group and add the users to the group.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "Policies attached to individual users make permissions depend on who someone is rather than what job they do, and they pile up unnoticed.",
        "Replace Users with Groups and manage membership through the group.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_40")],
        resourceTypes: ["AWS::IAM::Policy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::IAM::Policy";
}

/// <summary>F12: an AWS::IAM::ManagedPolicy attached straight to users.</summary>
public sealed class ManagedPolicyAttachedToUser : PolicyAttachedToUsersRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F12",
        "IAM managed policy is attached directly to users",
        "IAM managed policy is attached to users; attach it to a group and add the users to the group.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "Managed policies attached to individual users make permissions depend on who someone is rather than what job they do, and they pile up unnoticed.",
        "Replace Users with Groups and manage membership through the group.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_40")],
        resourceTypes: ["AWS::IAM::ManagedPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::IAM::ManagedPolicy";
}
