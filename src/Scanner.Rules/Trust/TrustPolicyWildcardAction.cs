using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST009: a wildcard action in a trust policy grants every assume path and session-tagging action.</summary>
public sealed class TrustPolicyWildcardAction() : TrustPolicyRule(TrustRules.WildcardAction)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.Action is null)
            {
                continue;
            }

            // Open trust (any principal, or a third party without ExternalId) makes the extra actions reachable by strangers.
            var open = s.Principals.Any(p => p.IsEveryone && !s.Restrictions.RestrictsIdentity)
                || (s.Principals.Any(p => TrustRuleSupport.IsThirdParty(p, scope.Trusted)) && !s.Restrictions.IsRestricted(ConditionKeys.ExternalId));
            foreach (var v in s.Action.Values)
            {
                if (v.ContainsWildcard)
                {
                    Report(scope, v.Scenario, v.Node, open ? SecuritySeverity.High : null, v.Text);
                }
            }
        }
    }
}
