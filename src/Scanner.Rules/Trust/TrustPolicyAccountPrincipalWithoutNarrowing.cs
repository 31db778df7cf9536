using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST005: trusting a whole (own or trusted) account admits every identity there that may call sts:AssumeRole.</summary>
public sealed class TrustPolicyAccountPrincipalWithoutNarrowing() : TrustPolicyRule(TrustRules.AccountPrincipalWithoutNarrowing)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.Restrictions.IsRestricted(ConditionKeys.PrincipalArn) || s.Restrictions.IsRestricted(ConditionKeys.UserId)
                || s.Restrictions.IsRestricted(k => k.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var note = TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(ConditionKeys.PrincipalArn, ConditionKeys.UserId));

            foreach (var p in s.Principals)
            {
                if (p.Kind == PrincipalKind.Account && TrustRuleSupport.IsOwnOrTrusted(p.Account, scope.Trusted))
                {
                    var which = p.Account!.Ownership == AccountOwnership.Own ? "of this stack" : p.Account.Display + " (trusted)";
                    Report(scope, p.Value.Scenario, p.Value.Node, null, p.Value.Text, which, note);
                }
            }
        }
    }
}
