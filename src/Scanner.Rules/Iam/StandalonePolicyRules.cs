using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Iam;

// Rules on AWS::IAM::Policy documents (and the newer RolePolicy/UserPolicy/GroupPolicy, which hold the same kind of document).

/// <summary>F4: reports that the IAM policy allows all actions.</summary>
public sealed class PolicyAllowsAllActions : WildcardActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F4",
        "IAM policy allows all actions",
        "IAM policy allows the wildcard action '{0}'.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "A wildcard action grants every current and future action of the service (or of AWS), far more than any workload needs.",
        "List the actions the workload calls.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_63")],
        resourceTypes: ["AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W12: reports that the IAM policy allows actions on all resources.</summary>
public sealed class PolicyAllowsAllResources : WildcardResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W12",
        "IAM policy allows actions on all resources",
        "IAM policy allows its actions on every resource (Resource '{0}').",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Resource '*' applies the statement's actions to every resource of the account, including ones created later.",
        "Scope Resource to the ARNs the workload uses.",
        resourceTypes: ["AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W16: reports that the IAM policy allows actions through NotAction.</summary>
public sealed class PolicyAllowsNotAction : AllowNotActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W16",
        "IAM policy allows actions through NotAction",
        "IAM policy allows every action except '{0}' (Allow with NotAction).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Allow with NotAction grants every action that is not listed, including actions AWS adds later.",
        "Replace NotAction with Action listing what is needed; use NotAction only with Deny.",
        resourceTypes: ["AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W22: reports that the IAM policy allows resources through NotResource.</summary>
public sealed class PolicyAllowsNotResource : AllowNotResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W22",
        "IAM policy allows resources through NotResource",
        "IAM policy allows its actions on every resource except '{0}' (Allow with NotResource).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Allow with NotResource applies the actions to every resource that is not listed, including ones created later.",
        "Replace NotResource with Resource listing the ARNs the workload uses; use NotResource only with Deny.",
        resourceTypes: ["AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>F39: reports that the IAM policy allows passing any role.</summary>
public sealed class PolicyAllowsPassingAnyRole : PassRoleOnAnyResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F39",
        "IAM policy allows passing any role",
        "IAM policy allows '{0}' on Resource '*', so any role of the account can be passed to a service.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "iam:PassRole on every role lets the holder give a service (an instance, a function, a pipeline) a more powerful role than its own and act through it.",
        "Limit iam:PassRole to the ARNs of the roles the workload hands to services, and add an iam:PassedToService condition.",
        resourceTypes: ["AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}
