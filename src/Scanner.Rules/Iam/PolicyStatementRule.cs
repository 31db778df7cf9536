using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;

namespace Scanner.Rules.Iam;

/// <summary>The node a statement-level finding points at, the value shown in the message, and its Fn::If branch.</summary>
public readonly record struct PolicyOffender(SyntaxNode Node, string Text, string? Branch = null);

/// <summary>
/// Base for the cfn-nag policy families: every Allow statement of the documents of one kind held by some resource
/// types is checked, and each offending statement is reported once, at its first offending value.
/// </summary>
public abstract class PolicyStatementRule : Rule
{
    /// <summary>Which documents of the resources the rule reads (trust, identity or resource policies).</summary>
    protected abstract PolicyKind PolicyKind { get; }

    /// <summary>The resource types whose documents the rule reads.</summary>
    protected abstract IReadOnlyList<string> PolicyResourceTypes { get; }

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterPolicyAction(Analyze, PolicyKind, [.. PolicyResourceTypes]);

    /// <summary>The offending value of an Allow statement, or null when the statement is fine.</summary>
    protected abstract PolicyOffender? FindOffender(PolicyStatement statement);

    private void Analyze(PolicyContext context)
    {
        // A SAM function or state machine with its own Role generates no role: its trust and policies are unused.
        if (context.Resource.Type.StartsWith("AWS::Serverless::", StringComparison.Ordinal) && context.Resource.Property("Role") is not null)
        {
            return;
        }

        foreach (var statement in context.Statements)
        {
            if (statement.IsAllow && FindOffender(statement) is { } offender)
            {
                PolicyFindings.Report(context, Descriptor, offender.Node, offender.Branch ?? statement.Branch ?? context.Document.Branch, offender.Text);
            }
        }
    }

    protected static PolicyOffender Offend(PolicyValue value) => new(value.Node, value.Text, value.Branch);

    /// <summary>A finding about a whole element (NotAction, NotPrincipal…): at its key, showing its first value.</summary>
    protected static PolicyOffender Offend(SyntaxNode? key, SyntaxNode node, string text) => new(key ?? node, text);
}

/// <summary>Reporting helpers shared by the policy rules.</summary>
internal static class PolicyFindings
{
    /// <summary>Reports with the descriptor's message, naming the Fn::If branch when the offending part is conditional.</summary>
    public static void Report(PolicyContext context, RuleDescriptor descriptor, SyntaxNode node, string? branch, params object?[] args)
    {
        var message = descriptor.FormatMessage(args);
        if (branch is not null)
        {
            message = $"{message.TrimEnd('.')} (when {branch}).";
        }

        context.ReportMessage(descriptor, node, message);
    }
}

/// <summary>Allow with <c>*</c> or <c>service:*</c> in Action (a partial wildcard such as <c>s3:Get*</c> does not count).</summary>
public abstract class WildcardActionRule : PolicyStatementRule
{
    protected override PolicyOffender? FindOffender(PolicyStatement statement) =>
        statement.Action?.Values.FirstOrDefault(v => v.Literal is { } action && ActionPattern.IsServiceWildcard(action)) is { } value ? Offend(value) : null;
}

/// <summary>Allow with Resource exactly <c>*</c>.</summary>
public abstract class WildcardResourceRule : PolicyStatementRule
{
    protected override PolicyOffender? FindOffender(PolicyStatement statement) =>
        statement.Resource?.Values.FirstOrDefault(v => v.IsStar) is { } value ? Offend(value) : null;
}

/// <summary>Allow with NotAction: every action but the listed ones, including actions added to AWS later.</summary>
public abstract class AllowNotActionRule : PolicyStatementRule
{
    protected override PolicyOffender? FindOffender(PolicyStatement statement) =>
        statement.NotAction is { } notAction ? Offend(notAction.KeyNode, notAction.Node, First(notAction.Values)) : null;

    private static string First(IReadOnlyList<PolicyValue> values) => values.Count == 0 ? string.Empty : values[0].Text;
}

/// <summary>Allow with NotResource: every resource but the listed ones.</summary>
public abstract class AllowNotResourceRule : PolicyStatementRule
{
    protected override PolicyOffender? FindOffender(PolicyStatement statement) =>
        statement.NotResource is { } notResource ? Offend(notResource.KeyNode, notResource.Node, notResource.Values.Count == 0 ? string.Empty : notResource.Values[0].Text) : null;
}

/// <summary>Allow with NotPrincipal: every principal but the listed ones, in every account.</summary>
public abstract class AllowNotPrincipalRule : PolicyStatementRule
{
    protected override PolicyOffender? FindOffender(PolicyStatement statement) =>
        statement.NotPrincipal is { } notPrincipal
            ? Offend(notPrincipal.KeyNode, notPrincipal.Node, notPrincipal.Principals.Count == 0 ? string.Empty : notPrincipal.Principals[0].Value.Text)
            : null;
}

/// <summary>
/// Allow to a principal containing <c>*</c> (<c>"*"</c>, <c>{AWS: "*"}</c>, <c>arn:aws:iam::*:root</c>…). A statement whose
/// conditions effectively pin the caller (organization, account, principal ARN, or the source resource/account a
/// service acts for) is not open to everyone and is not reported.
/// </summary>
public abstract class WildcardPrincipalRule : PolicyStatementRule
{
    private static readonly string[] CallerKeys =
    [
        .. ConditionKeys.IdentityKeys,
        ConditionKeys.SourceAccount,
        ConditionKeys.SourceArn,
        ConditionKeys.SourceOrgId,
        "kms:CallerAccount",
    ];

    protected override PolicyOffender? FindOffender(PolicyStatement statement)
    {
        var wildcard = statement.Principals.FirstOrDefault(p => p.Value.KnownParts.Any(part => part.Contains('*', StringComparison.Ordinal)));
        if (wildcard is null || CallerKeys.Any(statement.Restrictions.IsRestricted))
        {
            return null;
        }

        return Offend(wildcard.Value);
    }
}

/// <summary>
/// Allow of <c>iam:PassRole</c> (written out or matched by a pattern such as <c>iam:Pass*</c>, <c>iam:*Role</c>, <c>*</c>)
/// together with Resource <c>*</c>: the holder can hand any role in the account to a service it controls.
/// </summary>
public abstract class PassRoleOnAnyResourceRule : PolicyStatementRule
{
    protected override PolicyOffender? FindOffender(PolicyStatement statement)
    {
        if (statement.Resource is not { HasStar: true })
        {
            return null;
        }

        return statement.Action?.Matching("iam:PassRole").FirstOrDefault() is { } value ? Offend(value) : null;
    }
}
