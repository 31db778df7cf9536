using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST005: trusting a whole (own or trusted) account admits every identity there that may call sts:AssumeRole.</summary>
public sealed class TrustPolicyAccountPrincipalWithoutNarrowing : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST005",
        "Account principal of own or trusted account without narrowing",
        "The principal '{0}' trusts the whole account {1}: any user or role there whose permissions allow sts:AssumeRole can assume this role{2}.",
        SecuritySeverity.Low,
        "An account principal (arn:aws:iam::<account>:root or a bare account id) delegates the decision to the account's identity policies; every administrator with Action \"*\" can assume the role. That is usually more principals than intended.",
        "Add ArnEquals aws:PrincipalArn (or a condition on aws:PrincipalTag/…) naming the roles that need access, or name those roles as principals.",
        [new RuleAlias("checkov", "CKV_AWS_61")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.Restrictions.IsRestricted(ConditionKeys.PrincipalArn) || s.Restrictions.IsRestricted(ConditionKeys.UserId)
                || s.Restrictions.IsRestricted(k => k.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var note = TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(ConditionKeys.PrincipalArn, ConditionKeys.UserId)) + TrustRuleSupport.BranchNote(s);

            foreach (var p in s.Principals)
            {
                if (p.Kind == PrincipalKind.Account && TrustRuleSupport.IsOwnOrTrusted(p.Account, scope.Trusted))
                {
                    var which = p.Account!.Ownership == AccountOwnership.Own ? "of this stack" : p.Account.Display + " (trusted)";
                    Report(scope, p.Value.Node, null, p.Value.Text, which, note);
                }
            }
        }
    }
}
