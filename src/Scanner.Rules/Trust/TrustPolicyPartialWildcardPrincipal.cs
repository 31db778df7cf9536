using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Trust;

/// <summary>TRUST004: IAM accepts "*" alone as a wildcard principal; any other pattern is rejected at deploy time.</summary>
public sealed class TrustPolicyPartialWildcardPrincipal : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST004",
        "Partial wildcard in a Principal value",
        "The principal '{0}' contains a wildcard; IAM accepts only \"*\" on its own and rejects this policy. Use an account principal with an ArnLike aws:PrincipalArn condition instead{1}.",
        SecuritySeverity.Medium,
        "Principals do not support patterns such as role/ci-* or arn:aws:iam::*:root: IAM reports an invalid principal and the deployment fails. Patterns belong in conditions.",
        "Name the account (arn:aws:iam::<account>:root) as principal and match the roles with ArnLike aws:PrincipalArn.");

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Document.Statements)
        {
            foreach (var p in (s.Principal?.Principals ?? []).Concat(s.NotPrincipal?.Principals ?? []))
            {
                if (p.HasPartialWildcard)
                {
                    Report(scope, p.Value.Node, null, p.Value.Text, TrustRuleSupport.BranchNote(s));
                }
            }
        }
    }
}
