using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST013: SAML federation that does not check the assertion was addressed to AWS sign-in.</summary>
public sealed class TrustPolicySamlWithoutAudience() : TrustPolicyRule(TrustRules.SamlWithoutAudience)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.CoversAction("sts:AssumeRoleWithSAML") != true || s.Restrictions.IsRestricted(ConditionKeys.SamlAudience))
            {
                continue;
            }

            var note = TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(ConditionKeys.SamlAudience));

            foreach (var p in s.Principals.Where(p => p.Kind == PrincipalKind.SamlProvider))
            {
                Report(scope, p.Value.Scenario, p.Value.Node, null, p.Value.Text, note);
            }
        }
    }
}
