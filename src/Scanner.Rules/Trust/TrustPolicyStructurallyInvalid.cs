using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST030: trust documents IAM rejects, or whose Version makes policy variables literal, or that cannot be analysed.</summary>
public sealed class TrustPolicyStructurallyInvalid : TrustPolicyRule
{
    /// <summary>The default quota of a trust policy, in characters other than whitespace.</summary>
    public const int TrustPolicyQuota = 2048;

    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST030",
        "Structurally invalid trust document",
        "{0}",
        SecuritySeverity.Medium,
        "IAM rejects trust documents with a missing Statement, Effect or Principal, an Effect other than Allow/Deny, Principal and NotPrincipal (or Action and NotAction) together, duplicate or non-alphanumeric Sids, unknown elements, unparsable JSON, or more than 2048 characters (the default quota). Without Version 2012-10-17 (no Version, or 2008-10-17) policy variables such as ${aws:username} are literal text: that is reported where the document uses them, since only then does the Version change what it means. Duplicate keys and documents that cannot be resolved statically are reported at LOW.",
        "Fix the document's structure; use Version 2012-10-17 where the document uses policy variables.",
        [new RuleAlias("cfn-lint", "E3530"), new RuleAlias("parliament", "MALFORMED")],
        findingSeverities: [SecuritySeverity.Low]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var problem in scope.Document.Problems)
        {
            if (Rate(problem.Code, scope.Document) is not { } severity)
            {
                continue;
            }

            var message = problem.Code switch
            {
                PolicyProblemCode.UnresolvedDocument => problem.Message.TrimEnd('.') + "; no trust rule can verify it.",
                PolicyProblemCode.MissingVersion or PolicyProblemCode.OldVersion => problem.Message.TrimEnd('.') + "; this document uses them, so its conditions do not mean what they appear to.",
                _ => problem.Message,
            };
            scope.Reporter.Report(Rule, problem.Node, message, severity);
        }

        if (scope.Document.TextLength is > TrustPolicyQuota)
        {
            scope.Reporter.Report(Rule, scope.Document.Node, $"The trust document has {(scope.Document.Encoding == PolicyEncoding.Object ? "about " : string.Empty)}{scope.Document.TextLength} characters besides whitespace as JSON, more than the default quota of {TrustPolicyQuota}.");
        }
    }

    /// <summary>The severity of a problem, or null when it is not this rule's to report (or changes nothing).</summary>
    private static SecuritySeverity? Rate(PolicyProblemCode code, PolicyDocument document) => code switch
    {
        PolicyProblemCode.EmptyPrincipal or PolicyProblemCode.UnknownPrincipalType => null, // TRUST026
        PolicyProblemCode.MissingVersion or PolicyProblemCode.OldVersion => document.UsesPolicyVariables ? SecuritySeverity.Medium : null,
        PolicyProblemCode.DuplicateKey or PolicyProblemCode.UnresolvedDocument => SecuritySeverity.Low,
        _ => SecuritySeverity.Medium,
    };
}
