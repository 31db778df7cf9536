using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Trust;

/// <summary>TRUST003: Allow with NotPrincipal trusts everyone except a few; Deny with NotPrincipal is legal but fragile.</summary>
public sealed class TrustPolicyAllowWithNotPrincipal : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST003",
        "Trust policy uses NotPrincipal",
        "{0}{1}.",
        SecuritySeverity.Critical,
        "Allow with NotPrincipal lets every principal of every account assume the role except the ones listed. Deny with NotPrincipal is valid but must list the account, the role and each assumed-role session ARN to avoid locking out or letting in the wrong callers.",
        "Use Principal with the identities that may assume the role; express exceptions with a Deny and aws:PrincipalArn conditions.",
        [new RuleAlias("cfn-nag", "F6"), new RuleAlias("parliament", "NOTPRINCIPAL_WITH_ALLOW")],
        findingSeverities: [SecuritySeverity.Low]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Document.Statements)
        {
            if (s.NotPrincipal is not { } np)
            {
                continue;
            }

            if (s.IsAllow)
            {
                Report(scope, np.KeyNode ?? np.Node, null, "Allow with NotPrincipal lets every principal except the listed ones assume the role", TrustRuleSupport.BranchNote(s));
            }
            else if (s.IsDeny)
            {
                Report(scope, np.KeyNode ?? np.Node, SecuritySeverity.Low, "Deny with NotPrincipal must list the account, role and session ARNs of every exempted caller, which is easy to get wrong; prefer a Deny with an aws:PrincipalArn condition", TrustRuleSupport.BranchNote(s));
            }
        }
    }
}
