using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST019: ForAllValues on a single-valued key (or without a Null check) is true when the key is absent.</summary>
public sealed class TrustPolicyForAllValuesVacuous() : TrustPolicyRule(TrustRules.ForAllValuesVacuous)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            // sts:ExternalId is TRUST007's whole subject, whatever weakens it.
            foreach (var a in s.Restrictions.Assessed.Where(a => a.Weakness is ClauseWeakness.ForAllValuesOnSingleValuedKey or ClauseWeakness.ForAllValuesWithoutNullCheck && !a.Clause.KeyIs(ConditionKeys.ExternalId)))
            {
                if (s.Restrictions.IsRestricted(a.Clause.Key))
                {
                    continue; // another clause already requires the key
                }

                // ForAllValues on the tag-key lists limits which tags a caller may add; sending none is harmless, so
                // the Null companion is not needed there (it is TRUST023's recommended form).
                if (a.Weakness == ClauseWeakness.ForAllValuesWithoutNullCheck && (a.Clause.KeyIs(ConditionKeys.TagKeys) || a.Clause.KeyIs(ConditionKeys.TransitiveTagKeys)))
                {
                    continue;
                }

                Report(scope, a.Clause.Scenario, a.Clause.KeyNode, null, a.Explanation);
            }
        }
    }
}
