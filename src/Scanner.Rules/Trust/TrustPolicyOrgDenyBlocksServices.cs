using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST022: an organization-perimeter Deny without the AWS-service exception also denies the trusted service.</summary>
public sealed class TrustPolicyOrgDenyBlocksServices() : TrustPolicyRule(TrustRules.OrgDenyBlocksServices)
{
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
                Report(scope, c.Scenario, c.KeyNode, null, c.Key);
            }
        }
    }
}
