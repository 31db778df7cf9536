using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Iam;

// Rules on AWS::IAM::ManagedPolicy documents.

/// <summary>F5: reports that the IAM managed policy allows all actions.</summary>
public sealed class ManagedPolicyAllowsAllActions : WildcardActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F5",
        "IAM managed policy allows all actions",
        "IAM managed policy allows the wildcard action '{0}'.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "A wildcard action grants every current and future action of the service (or of AWS), far more than any workload needs.",
        "List the actions the workload calls.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_63")],
        resourceTypes: ["AWS::IAM::ManagedPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W13: reports that the IAM managed policy allows actions on all resources.</summary>
public sealed class ManagedPolicyAllowsAllResources : WildcardResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W13",
        "IAM managed policy allows actions on all resources",
        "IAM managed policy allows its actions on every resource (Resource '{0}').",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Resource '*' applies the statement's actions to every resource of the account, including ones created later.",
        "Scope Resource to the ARNs the workload uses.",
        resourceTypes: ["AWS::IAM::ManagedPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W17: reports that the IAM managed policy allows actions through NotAction.</summary>
public sealed class ManagedPolicyAllowsNotAction : AllowNotActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W17",
        "IAM managed policy allows actions through NotAction",
        "IAM managed policy allows every action except '{0}' (Allow with NotAction).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Allow with NotAction grants every action that is not listed, including actions AWS adds later.",
        "Replace NotAction with Action listing what is needed; use NotAction only with Deny.",
        resourceTypes: ["AWS::IAM::ManagedPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W23: reports that the IAM managed policy allows resources through NotResource.</summary>
public sealed class ManagedPolicyAllowsNotResource : AllowNotResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W23",
        "IAM managed policy allows resources through NotResource",
        "IAM managed policy allows its actions on every resource except '{0}' (Allow with NotResource).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Allow with NotResource applies the actions to every resource that is not listed, including ones created later.",
        "Replace NotResource with Resource listing the ARNs the workload uses; use NotResource only with Deny.",
        resourceTypes: ["AWS::IAM::ManagedPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>F40: reports that the IAM managed policy allows passing any role.</summary>
public sealed class ManagedPolicyAllowsPassingAnyRole : PassRoleOnAnyResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F40",
        "IAM managed policy allows passing any role",
        "IAM managed policy allows '{0}' on Resource '*', so any role of the account can be passed to a service.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "iam:PassRole on every role lets the holder give a service (an instance, a function, a pipeline) a more powerful role than its own and act through it.",
        "Limit iam:PassRole to the ARNs of the roles the workload hands to services, and add an iam:PassedToService condition.",
        resourceTypes: ["AWS::IAM::ManagedPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}
