using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST001: a wildcard principal with no condition at all lets every AWS identity in the world assume the role.</summary>
public sealed class TrustPolicyAllowsAnyPrincipal : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST001",
        "Wildcard principal without an identity-restricting condition",
        "The role can be assumed by any principal of any AWS account: the wildcard principal has no condition on the caller's organization, account or ARN{0}.",
        SecuritySeverity.Critical,
        "A trust policy whose principal is \"*\" admits every authenticated identity of every account unless a condition pins who the caller is. Conditions that restrict nothing (IfExists, ForAllValues on a missing key, organization wildcards, Null) do not count. The only sound use of \"*\" is together with aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn or aws:userid compared with positive operators.",
        "Name the trusted account or role as the principal, or keep \"*\" and add StringEquals aws:PrincipalOrgID (or ArnEquals aws:PrincipalArn) with your organization or role.",
        [new RuleAlias("checkov", "CKV_AWS_60")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            // Clauses that restrict nothing (IfExists, vacuous ForAllValues, wildcard organizations…) count as absent.
            if (s.Principals.FirstOrDefault(p => p.IsEveryone) is not { } everyone || s.Restrictions.HasRestrictingClauses)
            {
                continue;
            }

            Report(scope, everyone.Value.Node, null, TrustRuleSupport.NeutralizedNote(s, _ => true) + TrustRuleSupport.BranchNote(s));
        }
    }
}
