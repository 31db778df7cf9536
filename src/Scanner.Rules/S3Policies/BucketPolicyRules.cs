using Scanner.Core.Diagnostics;
using Scanner.Iam;
using Scanner.Rules.Iam;

namespace Scanner.Rules.S3Policies;

// Rules on AWS::S3::BucketPolicy documents.

/// <summary>F9: reports that the S3 bucket policy allows principals through NotPrincipal.</summary>
public sealed class BucketPolicyAllowsNotPrincipal : AllowNotPrincipalRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F9",
        "S3 bucket policy allows principals through NotPrincipal",
        "S3 bucket policy grants access to every principal except '{0}' (Allow with NotPrincipal).",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "S3",
        "Allow with NotPrincipal grants access to everyone, in every account and anonymously, except the listed principals.",
        "Replace NotPrincipal with Principal naming who needs access; use NotPrincipal only with Deny.",
        resourceTypes: ["AWS::S3::BucketPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>F15: reports that the S3 bucket policy allows all actions.</summary>
public sealed class BucketPolicyAllowsAllActions : WildcardActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F15",
        "S3 bucket policy allows all actions",
        "S3 bucket policy allows the wildcard action '{0}'.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "S3",
        "A wildcard action in a resource policy lets the named principals do anything to the resource, including changing its policy or deleting it.",
        "List the actions the principals need.",
        resourceTypes: ["AWS::S3::BucketPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>F16: reports that the S3 bucket policy allows any principal.</summary>
public sealed class BucketPolicyAllowsAnyPrincipal : WildcardPrincipalRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F16",
        "S3 bucket policy allows any principal",
        "S3 bucket policy grants access to the wildcard principal '{0}' without a condition that pins the caller's account, organization or source.",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "S3",
        "A wildcard principal opens the resource to every AWS account and, for some services, to anonymous callers.",
        "Name the principals that need access, or restrict the statement with aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceAccount.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_70")],
        resourceTypes: ["AWS::S3::BucketPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W20: reports that the S3 bucket policy allows actions through NotAction.</summary>
public sealed class BucketPolicyAllowsNotAction : AllowNotActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W20",
        "S3 bucket policy allows actions through NotAction",
        "S3 bucket policy allows every action except '{0}' (Allow with NotAction).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "S3",
        "Allow with NotAction grants every action that is not listed, including actions AWS adds later.",
        "Replace NotAction with Action listing what the principals need; use NotAction only with Deny.",
        resourceTypes: ["AWS::S3::BucketPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}
