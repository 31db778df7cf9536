using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Trust;

/// <summary>TRUST004: IAM accepts "*" alone as a wildcard principal; any other pattern is rejected at deploy time.</summary>
public sealed class TrustPolicyPartialWildcardPrincipal() : TrustPolicyRule(TrustRules.PartialWildcardPrincipal)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Document.Statements)
        {
            foreach (var p in (s.Principal?.Principals ?? []).Concat(s.NotPrincipal?.Principals ?? []))
            {
                if (p.HasPartialWildcard)
                {
                    Report(scope, p.Value.Scenario, p.Value.Node, null, p.Value.Text);
                }
            }
        }
    }
}
