using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST015: a shared CI OIDC issuer trusted without a sub condition admits every repository of every customer.</summary>
public sealed class TrustPolicyCiOidcWithoutSubject : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST015",
        "Multi-tenant CI OIDC provider without sub condition",
        "The CI identity provider '{0}' is trusted without a '{0}:sub' condition, so a workflow of any repository of any customer of that CI service can assume the role{1}.",
        SecuritySeverity.Critical,
        "GitHub Actions, GitLab, Terraform Cloud, CircleCI, Bitbucket and Buildkite issue tokens for all their customers from one issuer. The audience (e.g. sts.amazonaws.com) is the same for everyone, so only the sub claim says which repository or project the token belongs to.",
        "Add a StringEquals (or StringLike) condition on <issuer>:sub naming your repository and branch or environment, e.g. repo:acme/deploy:environment:prod.",
        [new RuleAlias("checkov", "CKV_AWS_358")],
        findingSeverities: [SecuritySeverity.Medium]);

    public override RuleDescriptor Descriptor => Rule;

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
                    Report(scope, p.Value.Node, null, p.Issuer, TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(sub)) + TrustRuleSupport.BranchNote(s));
                }
                else if (p.Issuer!.Contains("${", StringComparison.Ordinal))
                {
                    // The issuer is a parameter without default or an import: it may well be a shared CI issuer.
                    scope.Reporter.Report(Rule, p.Value.Node,
                        $"The OIDC issuer '{p.Issuer}' cannot be resolved and the statement has no '{sub}' condition, so whether tokens of other repositories or tenants can assume the role is unverifiable{TrustRuleSupport.BranchNote(s)}.",
                        SecuritySeverity.Medium);
                }
            }
        }
    }
}
