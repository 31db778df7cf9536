using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Trust;

/// <summary>TRUST010: Allow with NotAction in a trust grants every STS action but the listed ones.</summary>
public sealed class TrustPolicyAllowWithNotAction : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST010",
        "Trust policy allows with NotAction",
        "Allow with NotAction grants every STS action except the listed ones, including session tagging and actions added later{0}.",
        SecuritySeverity.High,
        "NotAction in an Allow is an open-ended grant: every current and future action not listed is allowed, such as sts:TagSession or sts:SetSourceIdentity.",
        "Replace NotAction with Action listing the actions the principal needs.",
        [new RuleAlias("cfn-nag", "W14")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.NotAction is { } na)
            {
                Report(scope, na.KeyNode ?? na.Node, null, TrustRuleSupport.BranchNote(s));
            }
        }
    }
}
