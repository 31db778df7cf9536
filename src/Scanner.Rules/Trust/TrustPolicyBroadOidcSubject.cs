using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST016: a CI OIDC sub pattern broader than one repository's ref or environment, tiered by how much it admits.</summary>
public sealed class TrustPolicyBroadOidcSubject : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST016",
        "Over-broad OIDC sub pattern",
        "The '{0}' value '{1}' {2}{3}.",
        SecuritySeverity.Medium,
        "The sub claim of CI tokens is repo:<owner>/<repo>:<context> (GitHub) or project_path:<group>/<project>:… (GitLab). A wildcard in the owner admits other owners (repo:acme* matches acme-evil/x), a pattern without the repository admits any repository with the same environment or ref, owner/* admits every repository of the organization and owner/repo:* admits every branch and pull request.",
        "Pin owner and repository and, where possible, the branch or environment: repo:acme/deploy:environment:prod or repo:acme/deploy:ref:refs/heads/main.",
        [new RuleAlias("checkov", "CKV_AWS_358")],
        findingSeverities: [SecuritySeverity.Low, SecuritySeverity.High, SecuritySeverity.Critical]);

    public override RuleDescriptor Descriptor => Rule;

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
                Report(scope, c.KeyNode, severity, c.Key, worst.Value.Text, what, TrustRuleSupport.BranchNote(s));
            }
        }
    }
}
