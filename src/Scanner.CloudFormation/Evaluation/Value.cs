using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Evaluation;

/// <summary>What is known about an evaluated value: everything, its shape only, or nothing concrete.</summary>
public enum Certainty
{
    /// <summary>A literal: the exact text is known.</summary>
    Known,

    /// <summary>A list or map whose items may themselves be unknown.</summary>
    Structure,

    /// <summary>Only known symbolically (a parameter without value, an attribute, a branch not decided…).</summary>
    Unknown,
}

/// <summary>
/// The result of evaluating a node. Rules decide explicitly what <see cref="Certainty.Unknown"/> means for them;
/// nothing here silently turns an unknown into a safe value.
/// </summary>
public abstract record Value(SyntaxNode? Origin)
{
    public abstract Certainty Certainty { get; }

    public bool IsKnown => Certainty == Certainty.Known;

    /// <summary>The literal's text, or null when it is not a literal.</summary>
    public string? AsString => (this as LiteralValue)?.Text;

    public bool? AsBoolean => this is LiteralValue l ? ScalarParsing.ParseBoolean(l.Text, l.Kind == ScalarKind.Boolean) : null;

    public long? AsInteger => this is LiteralValue l ? ScalarParsing.ParseInteger(l.Text) : null;

    public double? AsNumber => this is LiteralValue l ? ScalarParsing.ParseNumber(l.Text) : null;

    public IReadOnlyList<Value>? AsList => (this as ListValue)?.Items;

    /// <summary>A human-readable rendering, used in messages ("${AWS::AccountId}", "Ref(Param)").</summary>
    public abstract string Display { get; }
}

public sealed record LiteralValue(string Text, ScalarKind Kind, SyntaxNode? Origin = null) : Value(Origin)
{
    public override Certainty Certainty => Certainty.Known;

    public override string Display => Text;

    public static LiteralValue Of(string text, SyntaxNode? origin = null) => new(text, ScalarKind.String, origin);
}

public sealed record ListValue(IReadOnlyList<Value> Items, SyntaxNode? Origin = null) : Value(Origin)
{
    public override Certainty Certainty => Certainty.Structure;

    public override string Display => "[" + string.Join(", ", Items.Select(i => i.Display)) + "]";
}

public sealed record MapValue(IReadOnlyList<KeyValuePair<string, Value>> Entries, SyntaxNode? Origin = null) : Value(Origin)
{
    public override Certainty Certainty => Certainty.Structure;

    public Value? Get(string key) => Entries.LastOrDefault(e => e.Key == key).Value;

    public override string Display => "{" + string.Join(", ", Entries.Select(e => e.Key + ": " + e.Value.Display)) + "}";
}

public enum SymbolKind
{
    /// <summary>A template parameter with neither a given value nor a default.</summary>
    Parameter,

    /// <summary>AWS::AccountId, AWS::Region, …: known at deploy time, to the deploying account.</summary>
    PseudoParameter,

    /// <summary>Ref to a resource (its physical id / ARN, depending on type).</summary>
    ResourceRef,

    /// <summary>Fn::GetAtt of a resource.</summary>
    GetAtt,

    ImportValue,
    GetAZs,
    Cidr,

    /// <summary>Something that cannot be resolved (an undeclared reference, an unsupported function).</summary>
    Unknown,
}

/// <summary>A value known only by what it refers to.</summary>
public sealed record SymbolicValue(SymbolKind Kind, string Name, string? Attribute = null, SyntaxNode? Origin = null) : Value(Origin)
{
    public override Certainty Certainty => Certainty.Unknown;

    public override string Display => Kind switch
    {
        SymbolKind.GetAtt => $"${{{Name}.{Attribute}}}",
        SymbolKind.ImportValue => $"ImportValue({Name})",
        SymbolKind.GetAZs => "GetAZs",
        SymbolKind.Cidr => "Cidr",
        SymbolKind.Unknown => $"<{Name}>",
        _ => $"${{{Name}}}",
    };
}

/// <summary>A string built from parts some of which are not known (Fn::Sub, Fn::Join with symbols).</summary>
public sealed record CompositeValue(IReadOnlyList<Value> Parts, SyntaxNode? Origin = null) : Value(Origin)
{
    public override Certainty Certainty => Certainty.Unknown;

    public override string Display => string.Concat(Parts.Select(p => p.Display));

    /// <summary>The literal text before the first unknown part ("arn:aws:s3:::" in "arn:aws:s3:::${Bucket}/*").</summary>
    public string KnownPrefix => string.Concat(Parts.TakeWhile(p => p is LiteralValue).Select(p => ((LiteralValue)p).Text));
}

/// <summary>Fn::If whose condition could not be decided: both branches, tagged with the condition.</summary>
public sealed record ConditionalValue(string Condition, Value WhenTrue, Value WhenFalse, SyntaxNode? Origin = null) : Value(Origin)
{
    public override Certainty Certainty => Certainty.Unknown;

    public override string Display => $"If({Condition}, {WhenTrue.Display}, {WhenFalse.Display})";
}

/// <summary>AWS::NoValue: the property is removed.</summary>
public sealed record NoValue(SyntaxNode? Origin = null) : Value(Origin)
{
    public override Certainty Certainty => Certainty.Known;

    public override string Display => "AWS::NoValue";
}
