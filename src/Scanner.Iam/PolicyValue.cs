using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Iam;

/// <summary>
/// One scalar value of a policy element (an action, a resource, a principal, a condition value), after intrinsic
/// resolution. <see cref="Node"/> is where it is written (inside the string for documents written as strings).
/// </summary>
public sealed class PolicyValue
{
    public PolicyValue(SyntaxNode node, Value value, Scenario? scenario = null, string? provenance = null, string? sourceParameter = null)
    {
        SourceParameter = sourceParameter;
        Node = node;
        Value = value;
        Scenario = scenario ?? Scenario.Always;
        Provenance = provenance;
        Text = value switch
        {
            LiteralValue l => l.Text,
            _ => value.Display,
        };
    }

    /// <summary>Where the value is written.</summary>
    public SyntaxNode Node { get; }

    /// <summary>The resolved value: a literal, or a composite/symbolic value when intrinsics could not be resolved.</summary>
    public Value Value { get; }

    /// <summary>The literal text, or a display rendering with <c>${…}</c> for the parts that are not known.</summary>
    public string Text { get; }

    /// <summary>
    /// The deploy-time circumstances under which the element has this value (the statement's, narrowed by an Fn::If
    /// inside the element or a parameter's possible value): findings about the value hold under it.
    /// </summary>
    public Scenario Scenario { get; }

    /// <summary>The parameter this value is exactly (a <c>Ref</c> to it), or null: a message naming it as the source need not repeat its pin.</summary>
    public string? SourceParameter { get; }

    /// <summary>Where a value that is exactly a parameter comes from ("the default of parameter Principal"), or null.</summary>
    public string? Provenance { get; }

    /// <summary>The value for messages, naming its source when it is a parameter: "* (the default of parameter Principal)".</summary>
    public string Display => Provenance is null ? Text : $"{Text} ({Provenance})";

    /// <summary>True when the whole value is a known literal.</summary>
    public bool IsKnown => Value is LiteralValue;

    /// <summary>The literal text, or null when some part is not known.</summary>
    public string? Literal => (Value as LiteralValue)?.Text;

    /// <summary>Exactly <c>*</c>.</summary>
    public bool IsStar => Literal == "*";

    /// <summary>True when a known part of the value contains <c>*</c> or <c>?</c> (unknown parts are not guessed at).</summary>
    public bool ContainsWildcard => KnownParts.Any(p => p.AsSpan().IndexOfAny('*', '?') >= 0);

    /// <summary>The literal pieces of the value (the whole text for a literal).</summary>
    public IEnumerable<string> KnownParts => Value switch
    {
        LiteralValue l => [l.Text],
        CompositeValue c => c.Parts.OfType<LiteralValue>().Select(p => p.Text),
        _ => [],
    };

    /// <summary>
    /// True when a known part contains a policy variable (<c>${aws:username}</c>, <c>${*}</c>). CloudFormation
    /// references that could not be resolved are symbolic parts, so a <c>${…}</c> in literal text is IAM's.
    /// </summary>
    public bool ContainsPolicyVariable => KnownParts.Any(p => p.Contains("${", StringComparison.Ordinal) && p.IndexOf('}', p.IndexOf("${", StringComparison.Ordinal)) > 0);

    /// <summary>True when any part refers to the stack's own account (<c>${AWS::AccountId}</c>).</summary>
    public bool MentionsOwnAccount => Symbols.Any(s => s is { Kind: SymbolKind.PseudoParameter, Name: "AWS::AccountId" });

    /// <summary>The symbolic parts of the value.</summary>
    public IEnumerable<SymbolicValue> Symbols => Value switch
    {
        SymbolicValue s => [s],
        CompositeValue c => c.Parts.OfType<SymbolicValue>(),
        _ => [],
    };

    public override string ToString() => Text;

    /// <summary>The value of a variant of a policy element (absent variants have none).</summary>
    internal static PolicyValue? Of(Variant variant, SyntaxNode fallbackNode) =>
        variant.IsAbsent ? null : new PolicyValue(variant.Node ?? fallbackNode, variant.Value, variant.Scenario, variant.Provenance, variant.SourceParameter);
}
