using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST008: an aws:PrincipalArn/aws:PrincipalAccount pattern that matches any account.</summary>
public sealed class TrustPolicyBroadPrincipalArnPattern() : TrustPolicyRule(TrustRules.BroadPrincipalArnPattern)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var a in s.Restrictions.Assessed)
            {
                if (a.Weakness == ClauseWeakness.WildcardValue && (a.Clause.KeyIs(ConditionKeys.PrincipalArn) || a.Clause.KeyIs(ConditionKeys.PrincipalAccount)))
                {
                    Report(scope, a.Clause.Scenario, a.Clause.KeyNode, null, a.OffendingValue?.Text, a.Clause.Key);
                }
            }
        }
    }
}
