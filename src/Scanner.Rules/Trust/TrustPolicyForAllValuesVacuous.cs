using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST019: ForAllValues on a single-valued key (or without a Null check) is true when the key is absent.</summary>
public sealed class TrustPolicyForAllValuesVacuous : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST019",
        "ForAllValues condition that is true when the key is absent",
        "The condition does not restrict anything: {0}, so callers without it (e.g. principals outside any organization) match{1}.",
        SecuritySeverity.High,
        "ForAllValues asks whether every value of the request's key is in the list, which is vacuously true when the request has no such key. On single-valued keys it should not be used at all; on multi-valued keys it needs a Null: {key: \"false\"} companion to require the key.",
        "Use the operator without ForAllValues for single-valued keys (StringEquals aws:PrincipalOrgID), or add Null: {<key>: \"false\"} for multi-valued keys.",
        [new RuleAlias("parliament", "SINGLE_VALUE_CONDITION_TOO_PERMISSIVE")]);

    public override RuleDescriptor Descriptor => Rule;

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

                Report(scope, a.Clause.KeyNode, null, a.Explanation, TrustRuleSupport.BranchNote(s));
            }
        }
    }
}
