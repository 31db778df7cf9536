using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Iam;

/// <summary>An Action/NotAction/Resource/NotResource element: a string or list of strings.</summary>
public sealed class ValueElement
{
    internal ValueElement(string name, ScalarNode? keyNode, SyntaxNode node, IReadOnlyList<PolicyValue> values)
    {
        Name = name;
        KeyNode = keyNode;
        Node = node;
        Values = values;
    }

    /// <summary>The element name as IAM spells it (<c>Action</c>, <c>NotResource</c>, …).</summary>
    public string Name { get; }

    public ScalarNode? KeyNode { get; }

    public SyntaxNode Node { get; }

    public IReadOnlyList<PolicyValue> Values { get; }

    public bool HasStar => Values.Any(v => v.IsStar);

    /// <summary>Values that match <paramref name="action"/> as IAM globs (case-insensitive). Unknown values are not included.</summary>
    public IEnumerable<PolicyValue> Matching(string action) => Values.Where(v => v.Literal is { } l && ActionPattern.Matches(l, action));

    /// <summary>True when some value matches, false when none can, null when an unknown value might.</summary>
    public bool? Matches(string action) =>
        Matching(action).Any() ? true : Values.Any(v => !v.IsKnown) ? null : false;
}

/// <summary>The Condition block of a statement.</summary>
public sealed class ConditionBlock
{
    internal ConditionBlock(ScalarNode? keyNode, SyntaxNode node, IReadOnlyList<ConditionClause> clauses)
    {
        KeyNode = keyNode;
        Node = node;
        Clauses = clauses;
    }

    public ScalarNode? KeyNode { get; }

    public SyntaxNode Node { get; }

    public IReadOnlyList<ConditionClause> Clauses { get; }

    public IEnumerable<ConditionClause> ForKey(string key) => Clauses.Where(c => c.KeyIs(key));
}

/// <summary>One statement of a policy document (after Fn::If expansion: a statement per undecided branch).</summary>
public sealed class PolicyStatement
{
    private StatementRestrictions? _restrictions;

    internal PolicyStatement(SyntaxNode node, int index, Scenario scenario)
    {
        Node = node;
        Index = index;
        Scenario = scenario;
    }

    /// <summary>The document this statement belongs to.</summary>
    public PolicyDocument Document { get; internal set; } = null!;

    /// <summary>The statement's node (its mapping; for synthesized statements, the resource's Properties).</summary>
    public SyntaxNode Node { get; }

    /// <summary>Position in the Statement list (0 for a single statement object).</summary>
    public int Index { get; }

    /// <summary>
    /// The deploy-time circumstances under which the statement reads this way: its document's, narrowed by the
    /// undecided Fn::If it was read through (one statement per consistent branch). Findings about it hold under it.
    /// </summary>
    public Scenario Scenario { get; }

    public string? Sid { get; internal init; }

    public ScalarNode? SidNode { get; internal init; }

    public PolicyEffect Effect { get; internal init; }

    public SyntaxNode? EffectNode { get; internal init; }

    public PrincipalElement? Principal { get; internal init; }

    public PrincipalElement? NotPrincipal { get; internal init; }

    public ValueElement? Action { get; internal init; }

    public ValueElement? NotAction { get; internal init; }

    public ValueElement? Resource { get; internal init; }

    public ValueElement? NotResource { get; internal init; }

    public ConditionBlock? Condition { get; internal init; }

    public bool IsAllow => Effect == PolicyEffect.Allow;

    public bool IsDeny => Effect == PolicyEffect.Deny;

    /// <summary>Principals of <see cref="Principal"/> (empty when absent).</summary>
    public IReadOnlyList<PolicyPrincipal> Principals => Principal?.Principals ?? [];

    /// <summary>Every condition clause (empty when there is no Condition).</summary>
    public IReadOnlyList<ConditionClause> Clauses => Condition?.Clauses ?? [];

    /// <summary>The effective restriction of this statement's conditions, computed once.</summary>
    public StatementRestrictions Restrictions => _restrictions ??= new StatementRestrictions(this);

    /// <summary>
    /// Whether the statement covers <paramref name="action"/>: through Action (glob match) or NotAction (not listed).
    /// Null when an unresolved value might decide either way.
    /// </summary>
    public bool? CoversAction(string action)
    {
        if (Action is not null)
        {
            return Action.Matches(action);
        }

        if (NotAction is not null)
        {
            var m = NotAction.Matches(action);
            return m is null ? null : !m.Value;
        }

        return false;
    }

    /// <summary>
    /// True when Resource, NotResource or a condition value uses a policy variable, whose meaning depends on the
    /// document's Version (without 2012-10-17 it is literal text).
    /// </summary>
    public bool UsesPolicyVariables =>
        (Resource?.Values ?? []).Concat(NotResource?.Values ?? []).Concat(Clauses.SelectMany(c => c.Values)).Any(v => v.ContainsPolicyVariable);

    /// <summary>The node findings about this statement as a whole point at (its Sid, else the Effect, else the statement).</summary>
    public SyntaxNode ReportNode => (SyntaxNode?)SidNode ?? EffectNode ?? Node;

    public override string ToString() => $"Statement {Index}{(Sid is null ? string.Empty : " (" + Sid + ")")}";
}

/// <summary>A structural problem found while reading a document (missing Effect, unparsable JSON, …).</summary>
public sealed record PolicyProblem(PolicyProblemCode Code, string Message, SyntaxNode Node, PolicyStatement? Statement = null);

public enum PolicyProblemCode
{
    /// <summary>A document written as a string is not valid JSON.</summary>
    InvalidJson,

    /// <summary>A document, statement or element is not of the shape IAM expects (e.g. a number where an object belongs).</summary>
    InvalidShape,
    MissingStatement,
    MissingEffect,
    InvalidEffect,
    MissingPrincipal,
    PrincipalAndNotPrincipal,
    MissingAction,
    ActionAndNotAction,
    ResourceAndNotResource,
    DuplicateSid,
    InvalidSid,
    MissingVersion,
    InvalidVersion,
    OldVersion,

    /// <summary>An element name IAM does not know, or one written in the wrong case.</summary>
    UnknownElement,

    /// <summary>The same key twice in a mapping (loaders keep only the last one).</summary>
    DuplicateKey,
    UnknownPrincipalType,
    EmptyPrincipal,
    InvalidConditionOperator,

    /// <summary>The document is longer than the quota for its kind.</summary>
    TooLong,

    /// <summary>The document is not written in the template (a parameter, an import…) and cannot be analysed.</summary>
    UnresolvedDocument,
}

/// <summary>One policy document found in a template.</summary>
public sealed class PolicyDocument
{
    internal PolicyDocument(PolicyKind kind, Resource owner, string propertyPath, SyntaxNode node, PolicyEncoding encoding, Scenario scenario)
    {
        Kind = kind;
        Owner = owner;
        PropertyPath = propertyPath;
        Node = node;
        Encoding = encoding;
        Scenario = scenario;
    }

    public PolicyKind Kind { get; }

    /// <summary>The resource holding the document.</summary>
    public Resource Owner { get; }

    /// <summary>The property the document came from, relative to Properties (<c>Policies/0/PolicyDocument</c>); empty for synthesized ones.</summary>
    public string PropertyPath { get; }

    /// <summary>The property's value node (the string scalar / intrinsic for encoded documents, the Properties map for synthesized ones).</summary>
    public SyntaxNode Node { get; }

    public PolicyEncoding Encoding { get; }

    /// <summary>
    /// The deploy-time circumstances under which the document exists and reads this way: the owner's Condition and
    /// the undecided Fn::If the document was chosen by (one document per consistent branch).
    /// </summary>
    public Scenario Scenario { get; }

    /// <summary>For inline policies: the PolicyName value, if literal.</summary>
    public string? PolicyName { get; internal init; }

    public string? Version { get; internal set; }

    public SyntaxNode? VersionNode { get; internal set; }

    public IReadOnlyList<PolicyStatement> Statements { get; internal set; } = [];

    public IReadOnlyList<PolicyProblem> Problems { get; internal set; } = [];

    /// <summary>Characters other than whitespace of the document as JSON (exact for strings, estimated for objects), for size quotas.</summary>
    public int? TextLength { get; internal set; }

    /// <summary>True when some statement uses a policy variable (then a missing or old Version changes what the document means).</summary>
    public bool UsesPolicyVariables => Statements.Any(s => s.UsesPolicyVariables);

    /// <summary>Allow statements only.</summary>
    public IEnumerable<PolicyStatement> AllowStatements => Statements.Where(s => s.IsAllow);

    public override string ToString() => $"{Kind} policy {Owner.LogicalId}/{PropertyPath}";
}
