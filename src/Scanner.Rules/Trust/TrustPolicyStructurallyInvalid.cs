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
        "IAM rejects trust documents with a missing Statement, Effect or Principal, an Effect other than Allow/Deny, Principal and NotPrincipal (or Action and NotAction) together, duplicate or non-alphanumeric Sids, unknown elements, unparsable JSON, or more than 2048 characters (the default quota). Version 2008-10-17 or no Version makes ${aws:…} variables literal text. A document that cannot be resolved statically is reported too, since nothing about it can be verified.",
        "Fix the document's structure; use Version 2012-10-17.",
        [new RuleAlias("cfn-lint", "E3530"), new RuleAlias("parliament", "MALFORMED")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var problem in scope.Document.Problems)
        {
            SecuritySeverity? severity = problem.Code switch
            {
                PolicyProblemCode.EmptyPrincipal or PolicyProblemCode.UnknownPrincipalType => null, // TRUST026
                PolicyProblemCode.MissingVersion or PolicyProblemCode.OldVersion or PolicyProblemCode.DuplicateKey or PolicyProblemCode.UnresolvedDocument => SecuritySeverity.Low,
                _ => SecuritySeverity.Medium,
            };
            if (severity is { } sev)
            {
                var message = problem.Code == PolicyProblemCode.UnresolvedDocument ? problem.Message.TrimEnd('.') + "; no trust rule can verify it." : problem.Message;
                scope.Reporter.Report(TrustRuleSupport.AtSeverity(Rule, sev), problem.Node, message);
            }
        }

        if (scope.Document.TextLength is > TrustPolicyQuota)
        {
            scope.Reporter.Report(Rule, scope.Document.Node, $"The trust document has {(scope.Document.Encoding == PolicyEncoding.Object ? "about " : string.Empty)}{scope.Document.TextLength} characters besides whitespace as JSON, more than the default quota of {TrustPolicyQuota}.");
        }
    }
}
