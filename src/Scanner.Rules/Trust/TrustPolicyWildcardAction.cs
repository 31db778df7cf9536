using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST009: a wildcard action in a trust policy grants every assume path and session-tagging action.</summary>
public sealed class TrustPolicyWildcardAction : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST009",
        "Wildcard action in trust policy",
        "The action '{0}' allows more than the principal needs, including sts:TagSession, sts:SetSourceIdentity and every AssumeRoleWith* path{1}.",
        SecuritySeverity.Medium,
        "sts:* (or *) lets the caller choose session tags and source identity, which downstream ABAC policies trust, and opens every federation path. Trust policies should list the exact actions.",
        "List the actions explicitly, usually sts:AssumeRole (or AssumeRoleWithSAML / AssumeRoleWithWebIdentity).",
        [new RuleAlias("cfn-nag", "F2"), new RuleAlias("checkov", "CKV2_AWS_68")],
        findingSeverities: [SecuritySeverity.High]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            if (s.Action is null)
            {
                continue;
            }

            // Open trust (any principal, or a third party without ExternalId) makes the extra actions reachable by strangers.
            var open = s.Principals.Any(p => p.IsEveryone && !s.Restrictions.RestrictsIdentity)
                || (s.Principals.Any(p => TrustRuleSupport.IsThirdParty(p, scope.Trusted)) && !s.Restrictions.IsRestricted(ConditionKeys.ExternalId));
            foreach (var v in s.Action.Values)
            {
                if (v.ContainsWildcard)
                {
                    Report(scope, v.Node, open ? SecuritySeverity.High : null, v.Text, TrustRuleSupport.BranchNote(s));
                }
            }
        }
    }
}
