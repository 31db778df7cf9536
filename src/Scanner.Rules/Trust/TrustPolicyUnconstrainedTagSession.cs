using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST023: sts:TagSession without constraints lets callers pick the session tags that ABAC policies trust.</summary>
public sealed class TrustPolicyUnconstrainedTagSession : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST023",
        "sts:TagSession without tag constraints",
        "'{0}' lets the caller set any session tags, which become aws:PrincipalTag values downstream{1}{2}.",
        SecuritySeverity.Medium,
        "Session tags become aws:PrincipalTag/<key> for everything the session does, and transitive tags survive role chaining. Without aws:RequestTag values or a ForAllValues aws:TagKeys list, the caller can give itself any tag that an attribute-based policy checks.",
        "Constrain the tags: StringEquals aws:RequestTag/<key> with the allowed values and ForAllValues:StringEquals aws:TagKeys with the allowed keys (and sts:TransitiveTagKeys when chaining).",
        findingSeverities: [SecuritySeverity.High]);

    public override RuleDescriptor Descriptor => Rule;

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

            Report(scope, granting.Node, usesAbac ? SecuritySeverity.High : null, granting.Text,
                usesAbac ? " (this template checks aws:PrincipalTag, so the tags grant access)" : string.Empty, TrustRuleSupport.BranchNote(s));
        }
    }
}
