using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST012: principal kinds paired with actions or condition keys they can never use (dead trust).</summary>
public sealed class TrustPolicyPrincipalActionMismatch() : TrustPolicyRule(TrustRules.PrincipalActionMismatch)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.Action is null || s.Action.Values.Any(v => !v.IsKnown))
            {
                continue;
            }

            foreach (var p in s.Principals)
            {
                string? needed = p.Kind switch
                {
                    PrincipalKind.SamlProvider => "sts:AssumeRoleWithSAML",
                    PrincipalKind.OidcProvider or PrincipalKind.WebIdentityProvider => "sts:AssumeRoleWithWebIdentity",
                    PrincipalKind.Account or PrincipalKind.IamRole or PrincipalKind.IamUser or PrincipalKind.AssumedRoleSession or PrincipalKind.Service or PrincipalKind.Everyone => "sts:AssumeRole",
                    _ => null,
                };
                if (needed is not null && s.Action.Matches(needed) == false)
                {
                    Report(scope, p.Value.Scenario, p.Value.Node, null, $"The principal '{p.Value.Text}' can only assume the role with {needed}, which the statement does not allow");
                }
            }

            var hasService = s.Principals.Any(p => p.Kind == PrincipalKind.Service);
            var hasAws = s.Principals.Any(p => p.Type == PrincipalType.Aws);

            // Callers that never send sts:ExternalId: federated principals, and services not documented to pass one.
            var withoutExternalId = s.Principals.FirstOrDefault(p => p.IsFederated || (p.Kind == PrincipalKind.Service && !ServicePrincipalFacts.SendsExternalIdFor(p.Name)));
            foreach (var c in s.Clauses)
            {
                if (c.KeyIs(ConditionKeys.ExternalId) && withoutExternalId is not null)
                {
                    Report(scope, c.Scenario, c.KeyNode, null, $"'{c.Key}' is sent by AWS principals and by the few services documented to pass one, not by '{withoutExternalId.Value.Text}', which can never satisfy it");
                }
                else if (c.KeyStartsWith("SAML:") && (hasAws || hasService))
                {
                    Report(scope, c.Scenario, c.KeyNode, null, $"'{c.Key}' exists only in SAML federation; the AWS or service principals of this statement can never satisfy it");
                }
            }
        }
    }
}
