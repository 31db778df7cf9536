using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST021: an organization condition whose pattern matches any organization.</summary>
public sealed class TrustPolicyWildcardOrganization() : TrustPolicyRule(TrustRules.WildcardOrganization)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var a in s.Restrictions.Assessed.Where(a => a.Weakness == ClauseWeakness.WildcardValue && (a.Clause.KeyIs(ConditionKeys.PrincipalOrgId) || a.Clause.KeyIs(ConditionKeys.PrincipalOrgPaths))))
            {
                Report(scope, a.Clause.Scenario, a.Clause.KeyNode, null, a.OffendingValue?.Text, a.Clause.Key);
            }
        }
    }
}
