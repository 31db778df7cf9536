using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST011: Resource/NotResource or non-STS actions in a trust policy (usually an identity policy in the wrong place).</summary>
public sealed class TrustPolicyNonTrustElement : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST011",
        "Resource element or non-trust action in a trust policy",
        "{0}{1}.",
        SecuritySeverity.Medium,
        "A trust policy may only contain the STS actions that assume a role or decorate the session, and no Resource element: IAM rejects a trust policy with Resource, and permissions such as s3:GetObject do nothing there. This is usually an identity policy pasted into AssumeRolePolicyDocument.",
        "Move permissions to Policies or a managed policy, and keep only sts:AssumeRole* / sts:TagSession / sts:SetSourceIdentity / sts:SetContext in the trust policy.");

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Document.Statements)
        {
            foreach (var element in new[] { s.Resource, s.NotResource })
            {
                if (element is not null)
                {
                    Report(scope, element.KeyNode ?? element.Node, null, $"A trust policy cannot have {element.Name}; IAM rejects it (\"Has prohibited field {element.Name}\")", TrustRuleSupport.BranchNote(s));
                }
            }

            foreach (var v in s.Action?.Values ?? [])
            {
                if (v.Literal is { } action && !TrustRuleSupport.TrustActions.Any(t => ActionPattern.Matches(action, t)))
                {
                    Report(scope, v.Node, null, $"'{action}' is not an action a trust policy can grant", TrustRuleSupport.BranchNote(s));
                }
            }
        }
    }
}
