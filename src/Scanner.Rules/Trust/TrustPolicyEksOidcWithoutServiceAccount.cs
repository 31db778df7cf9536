using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST018: an EKS (IRSA) OIDC trust without a service-account sub gives the role to every pod of the cluster.</summary>
public sealed class TrustPolicyEksOidcWithoutServiceAccount() : TrustPolicyRule(TrustRules.EksOidcWithoutServiceAccount)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var p in s.Principals.Where(p => p.Kind == PrincipalKind.OidcProvider && TrustRuleSupport.IsEksIssuer(p.Issuer)))
            {
                var sub = p.Issuer + ":sub";
                if (!s.Restrictions.IsRestricted(sub))
                {
                    Report(scope, p.Value.Scenario, p.Value.Node, null, $"The EKS OIDC provider '{p.Issuer}' is trusted without a '{sub}' condition, so every service account of the cluster can assume the role{TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(sub))}");
                    continue;
                }

                foreach (var c in s.Restrictions.Effective.Where(c => c.KeyIs(sub) && c.Operator.IsLike))
                {
                    foreach (var v in c.Values.Where(v => v.Literal is not null))
                    {
                        var parts = v.Literal!.Split(':');
                        if (parts.Length != 4 || parts[0] != "system" || parts[1] != "serviceaccount")
                        {
                            continue;
                        }

                        if (parts[2].Contains('*', StringComparison.Ordinal) || parts[2].Contains('?', StringComparison.Ordinal))
                        {
                            Report(scope, c.Scenario, c.KeyNode, null, $"The pattern '{v.Literal}' matches service accounts of every namespace of the cluster");
                        }
                        else if (parts[3] == "*")
                        {
                            Report(scope, c.Scenario, c.KeyNode, SecuritySeverity.Medium, $"The pattern '{v.Literal}' matches every service account of the namespace '{parts[2]}'");
                        }
                    }
                }
            }
        }
    }
}
