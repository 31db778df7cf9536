using Scanner.Core.Diagnostics;
using Scanner.Iam;
using Scanner.Rules.Iam;

namespace Scanner.Rules.Sqs;

// Rules on AWS::SQS::QueuePolicy documents.

/// <summary>F7: reports that the SQS queue policy allows principals through NotPrincipal.</summary>
public sealed class QueuePolicyAllowsNotPrincipal : AllowNotPrincipalRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F7",
        "SQS queue policy allows principals through NotPrincipal",
        "SQS queue policy grants access to every principal except '{0}' (Allow with NotPrincipal).",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "SQS",
        "Allow with NotPrincipal grants access to everyone, in every account and anonymously, except the listed principals.",
        "Replace NotPrincipal with Principal naming who needs access; use NotPrincipal only with Deny.",
        resourceTypes: ["AWS::SQS::QueuePolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>F20: reports that the SQS queue policy allows all actions.</summary>
public sealed class QueuePolicyAllowsAllActions : WildcardActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F20",
        "SQS queue policy allows all actions",
        "SQS queue policy allows the wildcard action '{0}'.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "SQS",
        "A wildcard action in a resource policy lets the named principals do anything to the resource, including changing its policy or deleting it.",
        "List the actions the principals need.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_72")],
        resourceTypes: ["AWS::SQS::QueuePolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>F21: reports that the SQS queue policy allows any principal.</summary>
public sealed class QueuePolicyAllowsAnyPrincipal : WildcardPrincipalRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F21",
        "SQS queue policy allows any principal",
        "SQS queue policy grants access to the wildcard principal '{0}' without a condition that pins the caller's account, organization or source.",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "SQS",
        "A wildcard principal opens the resource to every AWS account and, for some services, to anonymous callers.",
        "Name the principals that need access, or restrict the statement with aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceAccount.",
        resourceTypes: ["AWS::SQS::QueuePolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W18: reports that the SQS queue policy allows actions through NotAction.</summary>
public sealed class QueuePolicyAllowsNotAction : AllowNotActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W18",
        "SQS queue policy allows actions through NotAction",
        "SQS queue policy allows every action except '{0}' (Allow with NotAction).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "SQS",
        "Allow with NotAction grants every action that is not listed, including actions AWS adds later.",
        "Replace NotAction with Action listing what the principals need; use NotAction only with Deny.",
        resourceTypes: ["AWS::SQS::QueuePolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}
