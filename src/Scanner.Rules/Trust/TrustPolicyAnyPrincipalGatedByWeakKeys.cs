using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST002: a wildcard principal whose conditions test only things the caller controls or that say nothing about who it is.</summary>
public sealed class TrustPolicyAnyPrincipalGatedByWeakKeys() : TrustPolicyRule(TrustRules.AnyPrincipalGatedByWeakKeys)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.Principals.FirstOrDefault(p => p.IsEveryone) is not { } everyone || !s.Restrictions.HasRestrictingClauses || s.Restrictions.RestrictsIdentity)
            {
                continue;
            }

            var keys = string.Join(", ", s.Restrictions.Assessed.Where(a => !a.IsNeutralized).Select(a => a.Clause.Key).Distinct(StringComparer.OrdinalIgnoreCase).Select(k => "'" + k + "'"));
            Report(scope, everyone.Value.Scenario, everyone.Value.Node, null, keys, TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.IsIdentityKey));
        }
    }
}
