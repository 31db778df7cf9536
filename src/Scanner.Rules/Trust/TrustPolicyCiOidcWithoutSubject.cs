using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST015: a shared CI OIDC issuer trusted without a sub condition admits every repository of every customer.</summary>
public sealed class TrustPolicyCiOidcWithoutSubject() : TrustPolicyRule(TrustRules.CiOidcWithoutSubject)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var p in s.Principals.Where(p => p.Kind == PrincipalKind.OidcProvider && p.Issuer is not null))
            {
                var sub = p.Issuer + ":sub";
                if (s.Restrictions.IsRestricted(sub))
                {
                    continue;
                }

                if (TrustRuleSupport.IsCiIssuer(p.Issuer))
                {
                    Report(scope, p.Value.Scenario, p.Value.Node, null, p.Issuer, TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(sub)));
                }
                else if (p.Issuer!.Contains("${", StringComparison.Ordinal))
                {
                    // The issuer is a parameter without default or an import: it may well be a shared CI issuer.
                    scope.Reporter.Report(Descriptor, p.Value.Node,
                        $"The OIDC issuer '{p.Issuer}' cannot be resolved and the statement has no '{sub}' condition, so whether tokens of other repositories or tenants can assume the role is unverifiable.",
                        SecuritySeverity.Medium,
                        p.Value.Scenario);
                }
            }
        }
    }
}
