using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST011: Resource/NotResource or non-STS actions in a trust policy (usually an identity policy in the wrong place).</summary>
public sealed class TrustPolicyNonTrustElement() : TrustPolicyRule(TrustRules.NonTrustElement)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Document.Statements)
        {
            foreach (var element in new[] { s.Resource, s.NotResource })
            {
                if (element is not null)
                {
                    Report(scope, s.Scenario, element.KeyNode ?? element.Node, null, $"A trust policy cannot have {element.Name}; IAM rejects it (\"Has prohibited field {element.Name}\")");
                }
            }

            foreach (var v in s.Action?.Values ?? [])
            {
                if (v.Literal is { } action && !TrustRuleSupport.TrustActions.Any(t => ActionPattern.Matches(action, t)))
                {
                    Report(scope, v.Scenario, v.Node, null, $"'{action}' is not an action a trust policy can grant");
                }
            }
        }
    }
}
