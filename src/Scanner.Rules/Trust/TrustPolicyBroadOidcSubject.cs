using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST016: a CI OIDC sub pattern broader than one repository's ref or environment, tiered by how much it admits.</summary>
public sealed class TrustPolicyBroadOidcSubject() : TrustPolicyRule(TrustRules.BroadOidcSubject)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var c in s.Clauses)
            {
                if (!c.KeyEndsWith(":sub") || !TrustRuleSupport.IsCiIssuer(c.Key[..^4]) || !c.Operator.IsPositive)
                {
                    continue;
                }

                var worst = c.Values.Where(v => v.IsKnown)
                    .Select(v => (Value: v, Breadth: OidcSubject.Classify(v.Literal!, c.Operator.IsLike)))
                    .OrderByDescending(x => x.Breadth)
                    .FirstOrDefault();
                if (worst.Value is null || worst.Breadth == SubjectBreadth.Specific)
                {
                    continue;
                }

                var (severity, what) = worst.Breadth switch
                {
                    SubjectBreadth.AnyOwner => (SecuritySeverity.Critical, "matches repositories of any owner"),
                    SubjectBreadth.NotRepositoryScoped => (SecuritySeverity.High, "does not name a repository, so any repository with that claim matches"),
                    SubjectBreadth.AnyRepositoryOfOwner => (SecuritySeverity.Medium, "matches every repository, branch and pull request of the owner"),
                    _ => (SecuritySeverity.Low, "matches every branch, pull request and environment of the repository"),
                };
                Report(scope, c.Scenario, c.KeyNode, severity, c.Key, worst.Value.Text, what);
            }
        }
    }
}
