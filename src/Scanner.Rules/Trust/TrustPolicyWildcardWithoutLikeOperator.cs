using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST017: a wildcard under an Equals operator is compared literally.</summary>
public sealed class TrustPolicyWildcardWithoutLikeOperator() : TrustPolicyRule(TrustRules.WildcardWithoutLikeOperator)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Document.Statements)
        {
            foreach (var c in s.Clauses)
            {
                if (c.Operator.Family is not (ConditionFamily.String or ConditionFamily.Arn) || c.Operator.IsLike)
                {
                    continue;
                }

                if (c.Values.FirstOrDefault(v => v.ContainsWildcard && !v.Text.Contains("${*}", StringComparison.Ordinal)) is { } v)
                {
                    var effect = s.IsDeny ? "this Deny never applies" : "this Allow never matches a real caller";
                    Report(scope, c.Scenario, c.KeyNode, s.IsDeny ? SecuritySeverity.Medium : null, v.Text, c.Key, c.Operator.Text, effect);
                }
            }
        }
    }
}
