using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Trust;

/// <summary>TRUST010: Allow with NotAction in a trust grants every STS action but the listed ones.</summary>
public sealed class TrustPolicyAllowWithNotAction() : TrustPolicyRule(TrustRules.AllowWithNotAction)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.NotAction is { } na)
            {
                Report(scope, s.Scenario, na.KeyNode ?? na.Node, null);
            }
        }
    }
}
