using Scanner.Core.Diagnostics;
using Scanner.Iam;
using Scanner.Rules.Iam;

namespace Scanner.Rules.Sns;

// Rules on AWS::SNS::TopicPolicy documents.

/// <summary>F8: reports that the SNS topic policy allows principals through NotPrincipal.</summary>
public sealed class TopicPolicyAllowsNotPrincipal : AllowNotPrincipalRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F8",
        "SNS topic policy allows principals through NotPrincipal",
        "SNS topic policy grants access to every principal except '{0}' (Allow with NotPrincipal).",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "SNS",
        "Allow with NotPrincipal grants access to everyone, in every account and anonymously, except the listed principals.",
        "Replace NotPrincipal with Principal naming who needs access; use NotPrincipal only with Deny.",
        resourceTypes: ["AWS::SNS::TopicPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>F18: reports that the SNS topic policy allows any principal.</summary>
public sealed class TopicPolicyAllowsAnyPrincipal : WildcardPrincipalRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F18",
        "SNS topic policy allows any principal",
        "SNS topic policy grants access to the wildcard principal '{0}' without a condition that pins the caller's account, organization or source.",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "SNS",
        "A wildcard principal opens the resource to every AWS account and, for some services, to anonymous callers.",
        "Name the principals that need access, or restrict the statement with aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceAccount.",
        resourceTypes: ["AWS::SNS::TopicPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W19: reports that the SNS topic policy allows actions through NotAction.</summary>
public sealed class TopicPolicyAllowsNotAction : AllowNotActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W19",
        "SNS topic policy allows actions through NotAction",
        "SNS topic policy allows every action except '{0}' (Allow with NotAction).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "SNS",
        "Allow with NotAction grants every action that is not listed, including actions AWS adds later.",
        "Replace NotAction with Action listing what the principals need; use NotAction only with Deny.",
        resourceTypes: ["AWS::SNS::TopicPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}
