using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Trust;

/// <summary>TRUST003: Allow with NotPrincipal trusts everyone except a few; Deny with NotPrincipal is legal but fragile.</summary>
public sealed class TrustPolicyAllowWithNotPrincipal() : TrustPolicyRule(TrustRules.AllowWithNotPrincipal)
{
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
                Report(scope, s.Scenario, np.KeyNode ?? np.Node, null, "Allow with NotPrincipal lets every principal except the listed ones assume the role");
            }
            else if (s.IsDeny)
            {
                Report(scope, s.Scenario, np.KeyNode ?? np.Node, SecuritySeverity.Low, "Deny with NotPrincipal must list the account, role and session ARNs of every exempted caller, which is easy to get wrong; prefer a Deny with an aws:PrincipalArn condition");
            }
        }
    }
}
