using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST026: principal values IAM rejects (groups, role names, bad service names, empty principals, unknown keys).</summary>
public sealed class TrustPolicyMalformedPrincipal() : TrustPolicyRule(TrustRules.MalformedPrincipal)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Document.Statements)
        {
            foreach (var p in (s.Principal?.Principals ?? []).Concat(s.NotPrincipal?.Principals ?? []))
            {
                if (p.Kind is PrincipalKind.Malformed or PrincipalKind.IamGroup && !p.HasPartialWildcard)
                {
                    Report(scope, p.Value.Scenario, p.Value.Node, null, Capitalize(p.Problem ?? $"'{p.Value.Text}' is not a valid principal"));
                }
            }
        }

        foreach (var problem in scope.Document.Problems.Where(p => p.Code is PolicyProblemCode.EmptyPrincipal or PolicyProblemCode.UnknownPrincipalType))
        {
            Report(scope, scope.Document.Scenario, problem.Node, null, problem.Message.TrimEnd('.'));
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
