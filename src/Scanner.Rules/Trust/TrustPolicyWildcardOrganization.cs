using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST021: an organization condition whose pattern matches any organization.</summary>
public sealed class TrustPolicyWildcardOrganization : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST021",
        "Organization condition with a wildcard value",
        "The pattern '{0}' of '{1}' matches principals of any organization, not only yours{2}.",
        SecuritySeverity.High,
        "Anyone can create an AWS organization. aws:PrincipalOrgID compared with o-* or *, or aws:PrincipalOrgPaths starting with o-*/, admits members of every organization; a path under your own organization id (o-a1b2c3d4e5/*) is fine.",
        "Compare aws:PrincipalOrgID with your organization id using StringEquals, or give aws:PrincipalOrgPaths a path that starts with your organization id.");

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var a in s.Restrictions.Assessed.Where(a => a.Weakness == ClauseWeakness.WildcardValue && (a.Clause.KeyIs(ConditionKeys.PrincipalOrgId) || a.Clause.KeyIs(ConditionKeys.PrincipalOrgPaths))))
            {
                Report(scope, a.Clause.KeyNode, null, a.OffendingValue?.Text, a.Clause.Key, TrustRuleSupport.BranchNote(s));
            }
        }
    }
}
