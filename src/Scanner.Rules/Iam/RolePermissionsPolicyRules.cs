using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Iam;

// Rules on a role's inline permissions policies (Policies).

/// <summary>F3: reports that the IAM role permissions policy allows all actions.</summary>
public sealed class RoleAllowsAllActions : WildcardActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F3",
        "IAM role permissions policy allows all actions",
        "IAM role permissions policy allows the wildcard action '{0}'.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "A wildcard action grants every current and future action of the service (or of AWS), far more than any workload needs.",
        "List the actions the workload calls.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_63")],
        resourceTypes: ["AWS::IAM::Role", "AWS::Serverless::Function", "AWS::Serverless::StateMachine"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W11: reports that the IAM role permissions policy allows actions on all resources.</summary>
public sealed class RoleAllowsAllResources : WildcardResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W11",
        "IAM role permissions policy allows actions on all resources",
        "IAM role permissions policy allows its actions on every resource (Resource '{0}').",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Resource '*' applies the statement's actions to every resource of the account, including ones created later.",
        "Scope Resource to the ARNs the workload uses.",
        resourceTypes: ["AWS::IAM::Role", "AWS::Serverless::Function", "AWS::Serverless::StateMachine"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W15: reports that the IAM role permissions policy allows actions through NotAction.</summary>
public sealed class RoleAllowsNotAction : AllowNotActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W15",
        "IAM role permissions policy allows actions through NotAction",
        "IAM role permissions policy allows every action except '{0}' (Allow with NotAction).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Allow with NotAction grants every action that is not listed, including actions AWS adds later.",
        "Replace NotAction with Action listing what is needed; use NotAction only with Deny.",
        resourceTypes: ["AWS::IAM::Role", "AWS::Serverless::Function", "AWS::Serverless::StateMachine"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W21: reports that the IAM role permissions policy allows resources through NotResource.</summary>
public sealed class RoleAllowsNotResource : AllowNotResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W21",
        "IAM role permissions policy allows resources through NotResource",
        "IAM role permissions policy allows its actions on every resource except '{0}' (Allow with NotResource).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Allow with NotResource applies the actions to every resource that is not listed, including ones created later.",
        "Replace NotResource with Resource listing the ARNs the workload uses; use NotResource only with Deny.",
        resourceTypes: ["AWS::IAM::Role", "AWS::Serverless::Function", "AWS::Serverless::StateMachine"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>F38: reports that the IAM role permissions policy allows passing any role.</summary>
public sealed class RoleAllowsPassingAnyRole : PassRoleOnAnyResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F38",
        "IAM role permissions policy allows passing any role",
        "IAM role permissions policy allows '{0}' on Resource '*', so any role of the account can be passed to a service.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "iam:PassRole on every role lets the holder give a service (an instance, a function, a pipeline) a more powerful role than its own and act through it.",
        "Limit iam:PassRole to the ARNs of the roles the workload hands to services, and add an iam:PassedToService condition.",
        resourceTypes: ["AWS::IAM::Role", "AWS::Serverless::Function", "AWS::Serverless::StateMachine"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}
