using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST020: IfExists or Null used where a value check is needed, and the MFA anti-pattern.</summary>
public sealed class TrustPolicyIfExistsOrNullAsRestriction() : TrustPolicyRule(TrustRules.IfExistsOrNullAsRestriction)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            // sts:ExternalId is TRUST007's whole subject, whatever weakens it.
            foreach (var a in s.Restrictions.Assessed.Where(a => a.Weakness is ClauseWeakness.IfExists or ClauseWeakness.ExistenceOnly
                && TrustRuleSupport.IsReliedOnKey(a.Clause.Key) && !a.Clause.KeyIs(ConditionKeys.ExternalId)))
            {
                if (s.Restrictions.IsRestricted(a.Clause.Key))
                {
                    continue; // the key is also checked by an effective clause (e.g. Null paired with StringEquals)
                }

                Report(scope, a.Clause.Scenario, a.Clause.KeyNode, null, a.Clause.Key, a.Explanation);
            }

            foreach (var c in s.Clauses.Where(c => c.Operator.Family == ConditionFamily.Bool && c.KeyIs("aws:MultiFactorAuthPresent") && !c.Operator.IsNegated))
            {
                if (c.Values.Any(v => v.Value.AsBoolean == false))
                {
                    Report(scope, c.Scenario, c.KeyNode, null, c.Key, "comparing it with \"false\" matches only sessions that report no MFA and never those without the key; use BoolIfExists with \"true\" to require MFA");
                }
            }
        }
    }
}
