using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST013: SAML federation that does not check the assertion was addressed to AWS sign-in.</summary>
public sealed class TrustPolicySamlWithoutAudience : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST013",
        "SAML federation without SAML:aud",
        "The SAML provider '{0}' is trusted without a SAML:aud condition, so an assertion issued for another service provider of the same IdP can be replayed here{1}.",
        SecuritySeverity.Medium,
        "SAML:aud is the recipient URL of the assertion. Requiring https://signin.aws.amazon.com/saml (or the regional sign-in endpoint) ensures the IdP issued it for AWS rather than for another application that trusts the same IdP.",
        "Add StringEquals SAML:aud: https://signin.aws.amazon.com/saml.");

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.CoversAction("sts:AssumeRoleWithSAML") != true || s.Restrictions.IsRestricted(ConditionKeys.SamlAudience))
            {
                continue;
            }

            var note = TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(ConditionKeys.SamlAudience)) + TrustRuleSupport.BranchNote(s);

            foreach (var p in s.Principals.Where(p => p.Kind == PrincipalKind.SamlProvider))
            {
                Report(scope, p.Value.Node, null, p.Value.Text, note);
            }
        }
    }
}
