using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST025: a service principal that sends source keys, trusted without checking them (cross-service confused deputy).</summary>
public sealed class TrustPolicyServiceWithoutSourceScope() : TrustPolicyRule(TrustRules.ServiceWithoutSourceScope)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            var r = s.Restrictions;
            if (r.IsRestricted(ConditionKeys.SourceAccount) || r.IsRestricted(ConditionKeys.SourceArn) || r.IsRestricted(ConditionKeys.SourceOrgId))
            {
                continue;
            }

            var note = TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(ConditionKeys.SourceAccount, ConditionKeys.SourceArn, ConditionKeys.SourceOrgId));

            foreach (var p in s.Principals.Where(p => p.Kind == PrincipalKind.Service && ServicePrincipalFacts.SendsSourceContextFor(p.Name)))
            {
                Report(scope, p.Value.Scenario, p.Value.Node, null, p.Name, note);
            }
        }
    }
}
