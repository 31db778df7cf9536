using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST006: a third-party account trusted without sts:ExternalId is open to the confused-deputy problem.</summary>
public sealed class TrustPolicyCrossAccountWithoutExternalId() : TrustPolicyRule(TrustRules.CrossAccountWithoutExternalId)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            var r = s.Restrictions;
            if (r.IsRestricted(ConditionKeys.ExternalId) || r.IsRestricted(ConditionKeys.PrincipalOrgId) || r.IsRestricted(ConditionKeys.PrincipalOrgPaths))
            {
                continue;
            }

            var note = TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(ConditionKeys.ExternalId, ConditionKeys.PrincipalOrgId, ConditionKeys.PrincipalOrgPaths));

            foreach (var p in s.Principals)
            {
                if (TrustRuleSupport.IsThirdParty(p, scope.Trusted))
                {
                    Report(scope, p.Value.Scenario, p.Value.Node, null, $"The account {p.Account!.Display} of '{p.Value.Text}' is not known to be this stack's or a trusted account (list it with --trusted-accounts if it is), and the statement does not require sts:ExternalId", note);
                }
                else if (TrustRuleSupport.IsUnverifiableAccount(p))
                {
                    Report(scope, p.Value.Scenario, p.Value.Node, null, $"The account of '{p.Value.Text}' cannot be resolved, so whether it is a third party is unverifiable, and the statement does not require sts:ExternalId", note);
                }
            }
        }
    }
}
