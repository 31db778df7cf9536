using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST024: sts:SetSourceIdentity without an sts:SourceIdentity condition lets callers claim any identity.</summary>
public sealed class TrustPolicyUnconstrainedSourceIdentity() : TrustPolicyRule(TrustRules.UnconstrainedSourceIdentity)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.Action is null || TrustRuleSupport.OnlyServices(s) || s.Restrictions.IsRestricted(ConditionKeys.SourceIdentity))
            {
                continue;
            }

            if (s.Action.Matching("sts:SetSourceIdentity").FirstOrDefault() is { } granting)
            {
                Report(scope, granting.Scenario, granting.Node, null, granting.Text, TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(ConditionKeys.SourceIdentity)));
            }
        }
    }
}
