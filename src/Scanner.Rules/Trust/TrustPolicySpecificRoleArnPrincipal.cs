using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST027 (off by default): a literal role/user ARN principal is bound to the unique id of that principal.</summary>
public sealed class TrustPolicySpecificRoleArnPrincipal() : TrustPolicyRule(TrustRules.SpecificRoleArnPrincipal)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var p in s.Principals.Where(p => p.Kind is PrincipalKind.IamRole or PrincipalKind.IamUser && p.TemplateResource is null && !p.HasPartialWildcard))
            {
                Report(scope, p.Value.Scenario, p.Value.Node, null, p.Value.Text, p.Kind == PrincipalKind.IamRole ? "role" : "user");
            }
        }
    }
}
