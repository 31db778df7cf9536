using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST008: an aws:PrincipalArn/aws:PrincipalAccount pattern that matches any account.</summary>
public sealed class TrustPolicyBroadPrincipalArnPattern : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST008",
        "Over-broad aws:PrincipalArn or aws:PrincipalAccount pattern",
        "The pattern '{0}' of '{1}' matches principals of any account; role and user names are not unique across accounts, so anyone can create a matching principal{2}.",
        SecuritySeverity.High,
        "A role named Deployer can be created in any account. A PrincipalArn pattern must pin the account field, and aws:PrincipalAccount must not be a wildcard.",
        "Put the account id in the pattern (arn:aws:iam::111122223333:role/Deployer) or add StringEquals aws:PrincipalOrgID.");

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var a in s.Restrictions.Assessed)
            {
                if (a.Weakness == ClauseWeakness.WildcardValue && (a.Clause.KeyIs(ConditionKeys.PrincipalArn) || a.Clause.KeyIs(ConditionKeys.PrincipalAccount)))
                {
                    Report(scope, a.Clause.KeyNode, null, a.OffendingValue?.Text, a.Clause.Key, TrustRuleSupport.BranchNote(s));
                }
            }
        }
    }
}
