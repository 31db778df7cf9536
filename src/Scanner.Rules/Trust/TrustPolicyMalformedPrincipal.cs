using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST026: principal values IAM rejects (groups, role names, bad service names, empty principals, unknown keys).</summary>
public sealed class TrustPolicyMalformedPrincipal : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST026",
        "Malformed principal value",
        "{0}; IAM rejects the trust policy{1}.",
        SecuritySeverity.Low,
        "IAM validates principals when the role is created: groups are not principals, Ref of a role gives its name rather than its ARN, service principals have the form <name>.amazonaws.com, Federated takes a SAML/OIDC provider ARN or a built-in identity provider, and empty principals or unknown principal types are rejected. The deployment fails.",
        "Use Fn::GetAtt <Role>.Arn for roles in the template, account or role ARNs for AWS principals, and provider ARNs for Federated.",
        [new RuleAlias("parliament", "UNKNOWN_PRINCIPAL")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Document.Statements)
        {
            foreach (var p in (s.Principal?.Principals ?? []).Concat(s.NotPrincipal?.Principals ?? []))
            {
                if (p.Kind is PrincipalKind.Malformed or PrincipalKind.IamGroup && !p.HasPartialWildcard)
                {
                    Report(scope, p.Value.Node, null, Capitalize(p.Problem ?? $"'{p.Value.Text}' is not a valid principal"), TrustRuleSupport.BranchNote(s));
                }
            }
        }

        foreach (var problem in scope.Document.Problems.Where(p => p.Code is PolicyProblemCode.EmptyPrincipal or PolicyProblemCode.UnknownPrincipalType))
        {
            Report(scope, problem.Node, null, problem.Message.TrimEnd('.'), string.Empty);
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
