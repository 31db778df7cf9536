using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST024: sts:SetSourceIdentity without an sts:SourceIdentity condition lets callers claim any identity.</summary>
public sealed class TrustPolicyUnconstrainedSourceIdentity : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST024",
        "sts:SetSourceIdentity without an sts:SourceIdentity constraint",
        "'{0}' lets the caller set any source identity, which persists through role chaining and into CloudTrail{1}.",
        SecuritySeverity.Medium,
        "The source identity is set once and cannot be changed by later sessions; policies keyed on aws:SourceIdentity and audits rely on it. Unconstrained, a caller can claim to be someone else.",
        "Add StringEquals sts:SourceIdentity: ${aws:username} (written ${!aws:username} inside Fn::Sub), with Version 2012-10-17.");

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.Action is null || TrustRuleSupport.OnlyServices(s) || s.Restrictions.IsRestricted(ConditionKeys.SourceIdentity))
            {
                continue;
            }

            if (s.Action.Matching("sts:SetSourceIdentity").FirstOrDefault() is { } granting)
            {
                Report(scope, granting.Node, null, granting.Text, TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(ConditionKeys.SourceIdentity)) + TrustRuleSupport.BranchNote(s));
            }
        }
    }
}
