using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Iam;

// Rules on a role's trust policy (AssumeRolePolicyDocument).

/// <summary>F2: reports that the IAM role trust policy allows all actions.</summary>
public sealed class RoleTrustPolicyAllowsAllActions : WildcardActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F2",
        "IAM role trust policy allows all actions",
        "Trust policy allows the wildcard action '{0}' instead of naming the assume-role action the principal needs.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "A wildcard in a trust policy grants every STS action, including session tagging and source identity, so callers can set attributes that other policies trust.",
        "Name the exact action, such as sts:AssumeRole or sts:AssumeRoleWithWebIdentity.",
        resourceTypes: ["AWS::IAM::Role", "AWS::Serverless::Function"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Trust;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W14: reports that the IAM role trust policy allows actions through NotAction.</summary>
public sealed class RoleTrustPolicyAllowsNotAction : AllowNotActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W14",
        "IAM role trust policy allows actions through NotAction",
        "Trust policy allows every action except '{0}' (Allow with NotAction).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "Allow with NotAction in a trust policy grants every other STS action, including ones AWS adds later.",
        "Replace NotAction with Action naming the assume-role action the principal needs.",
        resourceTypes: ["AWS::IAM::Role", "AWS::Serverless::Function"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Trust;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>F6: reports that the IAM role trust policy allows principals through NotPrincipal.</summary>
public sealed class RoleTrustPolicyAllowsNotPrincipal : AllowNotPrincipalRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F6",
        "IAM role trust policy allows principals through NotPrincipal",
        "Trust policy lets every principal except '{0}' assume the role (Allow with NotPrincipal).",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "IAM",
        "Allow with NotPrincipal trusts every principal of every account except the listed ones.",
        "Replace NotPrincipal with Principal naming who may assume the role.",
        resourceTypes: ["AWS::IAM::Role", "AWS::Serverless::Function"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Trust;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}
