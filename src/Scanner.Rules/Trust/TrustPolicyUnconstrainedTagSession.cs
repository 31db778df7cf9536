using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST023: sts:TagSession without constraints lets callers pick the session tags that ABAC policies trust.</summary>
public sealed class TrustPolicyUnconstrainedTagSession() : TrustPolicyRule(TrustRules.UnconstrainedTagSession)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        var usesAbac = scope.Policy.Template.Tree.Source.Text.Contains("aws:PrincipalTag", StringComparison.OrdinalIgnoreCase);
        foreach (var s in scope.Allows)
        {
            if (s.Action is null || TrustRuleSupport.OnlyServices(s) || s.Principals.Count == 0)
            {
                continue;
            }

            var constrained = s.Restrictions.IsRestricted(k => k.StartsWith("aws:RequestTag/", StringComparison.OrdinalIgnoreCase))
                || s.Clauses.Any(c => c.KeyIs(ConditionKeys.TagKeys) && c.Operator.Qualifier == SetQualifier.ForAllValues && c.Operator.IsPositive);
            if (constrained)
            {
                continue;
            }

            var granting = s.Action.Matching("sts:TagSession").FirstOrDefault();
            if (granting is null)
            {
                continue;
            }

            Report(scope, granting.Scenario, granting.Node, usesAbac ? SecuritySeverity.High : null, granting.Text,
                usesAbac ? " (this template checks aws:PrincipalTag, so the tags grant access)" : string.Empty);
        }
    }
}
