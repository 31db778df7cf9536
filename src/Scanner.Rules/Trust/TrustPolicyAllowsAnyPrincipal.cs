using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST001: a wildcard principal with no condition at all lets every AWS identity in the world assume the role.</summary>
public sealed class TrustPolicyAllowsAnyPrincipal() : TrustPolicyRule(TrustRules.AllowsAnyPrincipal)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            // Clauses that restrict nothing (IfExists, vacuous ForAllValues, wildcard organizations…) count as absent.
            if (s.Principals.FirstOrDefault(p => p.IsEveryone) is not { } everyone || s.Restrictions.HasRestrictingClauses)
            {
                continue;
            }

            Report(scope, everyone.Value.Scenario, everyone.Value.Node, null, TrustRuleSupport.NeutralizedNote(s, _ => true));
        }
    }
}
