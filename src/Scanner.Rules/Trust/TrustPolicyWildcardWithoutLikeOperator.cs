using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST017: a wildcard under an Equals operator is compared literally.</summary>
public sealed class TrustPolicyWildcardWithoutLikeOperator : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST017",
        "Wildcard under a non-Like operator",
        "The value '{0}' of '{1}' contains a wildcard, but '{2}' compares it literally: {3}{4}.",
        SecuritySeverity.Low,
        "Only StringLike and ArnLike (and their negations) treat * and ? as wildcards. Under StringEquals or ArnEquals they are ordinary characters, so an Allow never matches (and gets \"fixed\" with something broader) and a Deny guard never fires.",
        "Use StringLike/ArnLike for patterns, or remove the wildcard.",
        findingSeverities: [SecuritySeverity.Medium]);

    public override RuleDescriptor Descriptor => Rule;

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
                    Report(scope, c.KeyNode, s.IsDeny ? SecuritySeverity.Medium : null, v.Text, c.Key, c.Operator.Text, effect, TrustRuleSupport.BranchNote(s));
                }
            }
        }
    }
}
