using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST002: a wildcard principal whose conditions test only things the caller controls or that say nothing about who it is.</summary>
public sealed class TrustPolicyAnyPrincipalGatedByWeakKeys : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST002",
        "Wildcard principal gated only by caller-controlled or non-identity keys",
        "The wildcard principal is restricted only by {0}, which do not pin the caller's organization, account or ARN, so principals of any account can still assume the role{1}.",
        SecuritySeverity.High,
        "With Principal \"*\", tags, source identity and ExternalId are chosen by the caller's own account, and IP ranges or times say nothing about identity. Only an effective condition on aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn or aws:userid limits who may assume the role.",
        "Add StringEquals aws:PrincipalOrgID (or aws:PrincipalAccount / ArnEquals aws:PrincipalArn) next to the existing conditions, or name the trusted principals explicitly.");

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.Principals.FirstOrDefault(p => p.IsEveryone) is not { } everyone || !s.Restrictions.HasRestrictingClauses || s.Restrictions.RestrictsIdentity)
            {
                continue;
            }

            var keys = string.Join(", ", s.Restrictions.Assessed.Where(a => !a.IsNeutralized).Select(a => a.Clause.Key).Distinct(StringComparer.OrdinalIgnoreCase).Select(k => "'" + k + "'"));
            Report(scope, everyone.Value.Node, null, keys, TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.IsIdentityKey) + TrustRuleSupport.BranchNote(s));
        }
    }
}
