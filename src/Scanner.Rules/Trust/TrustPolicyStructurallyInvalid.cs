using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST030: trust documents IAM rejects, or whose Version makes policy variables literal, or that cannot be analysed.</summary>
public sealed class TrustPolicyStructurallyInvalid() : TrustPolicyRule(TrustRules.StructurallyInvalid)
{
    /// <summary>The default quota of a trust policy, in characters other than whitespace.</summary>
    public const int TrustPolicyQuota = 2048;

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
            scope.Reporter.Report(Descriptor, problem.Node, message, severity);
        }

        if (scope.Document.TextLength is > TrustPolicyQuota)
        {
            scope.Reporter.Report(Descriptor, scope.Document.Node, $"The trust document has {(scope.Document.Encoding == PolicyEncoding.Object ? "about " : string.Empty)}{scope.Document.TextLength} characters besides whitespace as JSON, more than the default quota of {TrustPolicyQuota}.");
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
