using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>
/// Base of the trust rules: runs on every trust policy (role and SAM function) with the trusted accounts of the run.
/// The descriptor comes from the <see cref="TrustRules"/> table.
/// </summary>
public abstract class TrustPolicyRule(RuleDescriptor descriptor) : Rule
{
    public sealed override RuleDescriptor Descriptor { get; } = descriptor;

    public override void Initialize(RuleRegistrationContext context)
    {
        var trusted = TrustRuleSupport.TrustedAccounts(context.Arguments);
        context.RegisterPolicyAction(policy => Analyze(new TrustPolicyScope(policy, trusted)), PolicyKind.Trust);
    }

    /// <summary>Analyses one trust document.</summary>
    protected abstract void Analyze(TrustPolicyScope scope);

    /// <summary>
    /// Reports with the message format filled in, at the rule's severity or another of its finding severities (the
    /// level stays the rule's), holding under <paramref name="when"/> (the scenario of the statement, value or clause
    /// at fault): the message says so ("… when condition IsDev holds").
    /// </summary>
    protected void Report(TrustPolicyScope scope, Scenario when, SyntaxNode? node, SecuritySeverity? severity, params object?[] args) =>
        scope.Reporter.Report(Descriptor, node, Descriptor.FormatMessage(args), severity, when);
}

/// <summary>What a trust rule sees: the document, its Allow statements, the trusted accounts and a de-duplicating reporter.</summary>
public sealed class TrustPolicyScope
{
    internal TrustPolicyScope(PolicyContext policy, IReadOnlySet<string> trusted)
    {
        Policy = policy;
        Trusted = trusted;
        Reporter = new TrustReporter(policy);
    }

    public PolicyContext Policy { get; }

    public PolicyDocument Document => Policy.Document;

    public IReadOnlySet<string> Trusted { get; }

    internal TrustReporter Reporter { get; }

    public IEnumerable<PolicyStatement> Allows => Document.Statements.Where(s => s.IsAllow);
}
