using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST022: an organization-perimeter Deny without the AWS-service exception also denies the trusted service.</summary>
public sealed class TrustPolicyOrgDenyBlocksServices : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST022",
        "Organization perimeter Deny without the AWS-service exception",
        "This Deny on '{0}' also denies the service principals the policy trusts, because AWS services carry no organization id; add BoolIfExists aws:PrincipalIsAWSService: \"false\"{1}.",
        SecuritySeverity.Low,
        "A Deny with StringNotEquals aws:PrincipalOrgID is true for callers without an organization id, which includes AWS services assuming the role. Unless the Deny exempts services, the Allow for the service principal never works.",
        "Add BoolIfExists: {aws:PrincipalIsAWSService: \"false\"} to the Deny statement.");

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        if (!scope.Allows.Any(s => s.Principals.Any(p => p.Kind == PrincipalKind.Service)))
        {
            return;
        }

        foreach (var s in scope.Document.Statements.Where(s => s.IsDeny && s.Principal?.HasEveryone == true))
        {
            var exempt = s.Clauses.Any(c => c.Operator.Family == ConditionFamily.Bool && c.KeyIs("aws:PrincipalIsAWSService") && c.Values.Any(v => v.Value.AsBoolean == false));
            if (exempt)
            {
                continue;
            }

            foreach (var c in s.Clauses.Where(c => c.Operator.Family == ConditionFamily.String && c.Operator.IsNegated
                && (c.KeyIs(ConditionKeys.PrincipalOrgId) || c.KeyIs(ConditionKeys.PrincipalOrgPaths))))
            {
                Report(scope, c.KeyNode, null, c.Key, TrustRuleSupport.BranchNote(s));
            }
        }
    }
}
