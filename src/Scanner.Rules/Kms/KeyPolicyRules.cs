using Scanner.Core.Diagnostics;
using Scanner.Iam;
using Scanner.Rules.Iam;

namespace Scanner.Rules.Kms;

// Rules on AWS::KMS::Key key policies.

/// <summary>F76: reports that the KMS key policy allows any principal.</summary>
public sealed class KeyPolicyAllowsAnyPrincipal : WildcardPrincipalRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F76",
        "KMS key policy allows any principal",
        "KMS key policy grants access to the wildcard principal '{0}' without a condition that pins the caller's account, organization or source.",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "KMS",
        "A wildcard principal opens the resource to every AWS account and, for some services, to anonymous callers.",
        "Name the principals that need access, or restrict the statement with aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceAccount.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_33")],
        resourceTypes: ["AWS::KMS::Key"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Resource;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}
