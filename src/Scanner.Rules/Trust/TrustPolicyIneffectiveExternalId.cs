using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST007: an sts:ExternalId clause that any caller satisfies (IfExists, wildcards, negation, Null, set operators, empty values).</summary>
public sealed class TrustPolicyIneffectiveExternalId() : TrustPolicyRule(TrustRules.IneffectiveExternalId)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var a in s.Restrictions.Assessed)
            {
                if (!a.Clause.KeyIs(ConditionKeys.ExternalId))
                {
                    continue;
                }

                var why = a.Weakness != ClauseWeakness.None ? a.Explanation
                    : a.Clause.Operator.Qualifier != SetQualifier.None ? $"the set operator '{a.Clause.Operator.Text}' is meant for multi-valued keys"
                    : a.Clause.Values.FirstOrDefault(v => v.IsStar) is { } star ? "the value \"*\" is not a secret id"
                    : null;
                if (why is null)
                {
                    continue;
                }

                Report(scope, a.Clause.Scenario, a.Clause.KeyNode, null, why);
            }
        }
    }
}
