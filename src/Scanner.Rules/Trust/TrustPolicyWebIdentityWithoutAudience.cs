using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST014: web identity federation without an audience condition (critical for built-in IdPs, which have no client list).</summary>
public sealed class TrustPolicyWebIdentityWithoutAudience() : TrustPolicyRule(TrustRules.WebIdentityWithoutAudience)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.CoversAction("sts:AssumeRoleWithWebIdentity") != true)
            {
                continue;
            }

            foreach (var p in s.Principals.Where(p => p.Kind is PrincipalKind.WebIdentityProvider or PrincipalKind.OidcProvider && p.Issuer is not null))
            {
                var audience = TrustRuleSupport.AudienceKey(p);
                if (s.Restrictions.IsRestricted(audience))
                {
                    continue;
                }

                var why = TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(audience));

                if (p.Kind == PrincipalKind.WebIdentityProvider)
                {
                    Report(scope, p.Value.Scenario, p.Value.Node, null, $"The built-in identity provider '{p.Issuer}' is trusted without a '{audience}' condition, so tokens issued to any application or identity pool, in any account, can assume the role{why}");
                    continue;
                }

                var clients = ClientCount(scope, p);
                if (clients == 1)
                {
                    continue;
                }

                var list = clients is null ? "its ClientIdList is not in this template, so it cannot be checked" : $"its ClientIdList has {clients} clients";
                Report(scope, p.Value.Scenario, p.Value.Node, SecuritySeverity.Medium, $"The OIDC provider '{p.Issuer}' is trusted without a '{audience}' condition and {list}: a token for any of the provider's clients can assume the role{why}");
            }

            // A provider that cannot be resolved may be a built-in IdP: without any audience condition, that cannot be ruled out.
            if (!s.Restrictions.IsRestricted(k => k.EndsWith(":aud", StringComparison.OrdinalIgnoreCase) || k.EndsWith(":app_id", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var p in s.Principals.Where(p => p is { Type: PrincipalType.Federated, Kind: PrincipalKind.Unresolved }))
                {
                    Report(scope, p.Value.Scenario, p.Value.Node, SecuritySeverity.Medium, $"The identity provider '{p.Value.Text}' cannot be resolved and the statement has no audience condition, so whether any application's tokens can assume the role is unverifiable");
                }
            }

            if (s.Principals.Any(p => p is { Kind: PrincipalKind.WebIdentityProvider, Issuer: "cognito-identity.amazonaws.com" }))
            {
                foreach (var c in s.Clauses.Where(c => c.KeyIs("cognito-identity.amazonaws.com:amr") && c.Operator.IsPositive))
                {
                    if (c.Values.Any(v => v.Literal is "unauthenticated"))
                    {
                        Report(scope, c.Scenario, c.KeyNode, SecuritySeverity.Low, "The role is granted to unauthenticated (guest) Cognito identities; make sure it carries only what anonymous users may do");
                    }
                }
            }
        }
    }

    /// <summary>The number of clients of an in-template OIDC provider (null when it is not in the template or not literal).</summary>
    private static int? ClientCount(TrustPolicyScope scope, PolicyPrincipal p)
    {
        var template = scope.Policy.TemplateContext;
        var provider = p.TemplateResource is { } id ? template.GetResource(id)
            : template.ResourcesOfType("AWS::IAM::OIDCProvider").FirstOrDefault(r => template.Variants(r, "Url").AnyLiteral(u => u.EndsWith(p.Issuer!, StringComparison.OrdinalIgnoreCase)));
        return provider is not null && template.Variants(provider, "ClientIdList") is [{ Value: ListValue list }] ? list.Items.Count : null;
    }
}
