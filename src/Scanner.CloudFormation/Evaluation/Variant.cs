using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Evaluation;

/// <summary>Whether a variant has a value, or which kind of absence it is.</summary>
public enum Presence
{
    /// <summary>The property has a value (known or not).</summary>
    Present,

    /// <summary>The property is not written (or written empty, <c>Key:</c> with no value).</summary>
    Missing,

    /// <summary>The property is removed with <c>AWS::NoValue</c>.</summary>
    Removed,
}

/// <summary>
/// One value a property can take at deploy time: the value (or its absence), the node it is written at (for the
/// finding's location), the <see cref="Scenario"/> that selects it, and where it comes from when it is a parameter
/// ("the default of parameter SSHLocation"). Variants never contain an undecided <see cref="ConditionalValue"/>:
/// every Fn::If on the way is one variant per deployable branch. Navigate further with <see cref="Variants"/>.
/// </summary>
public sealed class Variant
{
    private readonly TemplateEvaluator _evaluator;
    private readonly bool _syntactic;
    private Value? _value;

    internal Variant(TemplateEvaluator evaluator, Presence presence, SyntaxNode? node, Value? value, Scenario scenario, bool syntactic, string? sourceParameter = null, string? provenance = null, ScalarNode? keyNode = null)
    {
        KeyNode = keyNode;
        _evaluator = evaluator;
        Presence = presence;
        Node = node;
        _value = value;
        Scenario = scenario;
        _syntactic = syntactic;
        SourceParameter = sourceParameter;
        Provenance = provenance;
    }

    public Presence Presence { get; }

    /// <summary>Missing or removed with AWS::NoValue.</summary>
    public bool IsAbsent => Presence != Presence.Present;

    public bool IsMissing => Presence == Presence.Missing;

    public bool IsRemoved => Presence == Presence.Removed;

    /// <summary>Where the value is written; the AWS::NoValue reference when removed; null when missing.</summary>
    public SyntaxNode? Node { get; }

    /// <summary>The key the value is written under, when it is an entry of a mapping in the template (for findings about "this setting is here").</summary>
    public ScalarNode? KeyNode { get; }

    /// <summary>The deploy-time circumstances that select this variant (<see cref="Scenario.Always"/> when unconditional).</summary>
    public Scenario Scenario { get; }

    /// <summary>The parameter this value is exactly (a <c>Ref</c> to it), or null.</summary>
    public string? SourceParameter { get; }

    /// <summary>Where a parameter's value comes from, for messages: "the default of parameter SSHLocation", or null.</summary>
    public string? Provenance { get; }

    /// <summary>
    /// The evaluated value: a literal, a list or map (navigate into those with <see cref="Variants"/>), a symbolic
    /// or composite value when only known at deploy time, <see cref="NoValue"/> when absent.
    /// </summary>
    public Value Value => _value ??= Presence == Presence.Present ? _evaluator.Evaluate(Node, Scenario) : new NoValue(Node);

    /// <summary>The literal's text, or null (absent, not a literal, or only known at deploy time).</summary>
    public string? AsString => IsAbsent ? null : Value.AsString;

    /// <summary>The boolean CloudFormation reads (true/false in any case, as YAML booleans or strings), or null.</summary>
    public bool? AsBoolean => IsAbsent ? null : Value.AsBoolean;

    public long? AsInteger => IsAbsent ? null : Value.AsInteger;

    /// <summary>True when present and a literal.</summary>
    public bool IsKnown => !IsAbsent && Value is LiteralValue;

    /// <summary>True when present but only known at deploy time (a parameter with no usable value, an attribute, …).</summary>
    public bool IsUnknown => !IsAbsent && Value.Certainty == Certainty.Unknown;

    /// <summary>The value for messages, naming its source when it is a parameter: "0.0.0.0/0 (the default of parameter SSHLocation)".</summary>
    public string Display => Provenance is null ? Text : $"{Text} ({Provenance})";

    /// <summary>The value's text: the literal, or a rendering with <c>${…}</c> for unknown parts.</summary>
    public string Text => IsAbsent ? (IsRemoved ? "AWS::NoValue" : string.Empty) : Value is LiteralValue l ? l.Text : Value.Display;

    /// <summary>
    /// The variants below this one at a dotted path (<c>*</c> = every list item), within this variant's scenario.
    /// An empty path gives this variant.
    /// </summary>
    public IReadOnlyList<Variant> Variants(string path) => Variants(path, Scenario);

    /// <summary>
    /// The variants below this one at <paramref name="path"/> within a narrower scenario (one that includes this
    /// variant's): reading a second property in the scenario of the first keeps a parameter both use at one value,
    /// e.g. <c>FromPort</c> and <c>ToPort</c> written with the same <c>!Ref Port</c>.
    /// </summary>
    public IReadOnlyList<Variant> Variants(string path, Scenario within)
    {
        if (path.Length == 0)
        {
            return [this];
        }

        if (IsAbsent)
        {
            return path.Split('.').Contains("*") ? [] : [new Variant(_evaluator, Presence.Missing, null, null, within, true)];
        }

        return _syntactic
            ? _evaluator.Variants(Node, path, within)
            : _evaluator.ValueVariants(Value, Node, path, within);
    }

    /// <summary>
    /// Every deployable combination of the values at several paths below this variant, read one after the other
    /// within the scenario of the previous ones (so a parameter several of them use takes one value per
    /// combination). Each combination holds one variant per path, in order; the last one's scenario is the
    /// combination's. Bounded by <see cref="TemplateEvaluator.MaxVariants"/>.
    /// </summary>
    public IReadOnlyList<Variant[]> Combinations(params string[] paths)
    {
        var result = new List<Variant[]>();
        var chosen = new Variant[paths.Length];
        Combine(0, Scenario);
        return result;

        void Combine(int index, Scenario scenario)
        {
            if (index == paths.Length)
            {
                result.Add((Variant[])chosen.Clone());
                return;
            }

            foreach (var variant in Variants(paths[index], scenario))
            {
                if (result.Count >= TemplateEvaluator.MaxVariants)
                {
                    return;
                }

                chosen[index] = variant;
                Combine(index + 1, variant.Scenario);
            }
        }
    }

    /// <summary>The first variant below this one at <paramref name="path"/> matching <paramref name="predicate"/>, or null.</summary>
    public Variant? Find(string path, Func<Variant, bool> predicate) => Variants(path).FirstOrDefault(predicate);

    internal Variant WithKey(ScalarNode? key) =>
        key is null || KeyNode is not null ? this : new Variant(_evaluator, Presence, Node, _value, Scenario, _syntactic, SourceParameter, Provenance, key);

    public override string ToString() => Scenario.IsAlways ? Display : $"{Display} [{Scenario}]";
}

/// <summary>
/// One written alternative of a node (see <see cref="TemplateEvaluator.Choices"/>): the node an Fn::If chooses, or
/// none when it is <c>AWS::NoValue</c>, with the scenario that selects it.
/// </summary>
/// <param name="Node">The chosen node; null when the choice removes the value (AWS::NoValue).</param>
/// <param name="At">Where the choice is written (the chosen node, or the AWS::NoValue reference).</param>
/// <param name="Scenario">The deploy-time circumstances that select it.</param>
public readonly record struct Choice(SyntaxNode? Node, SyntaxNode At, Scenario Scenario)
{
    /// <summary>True when the choice removes the value (AWS::NoValue).</summary>
    public bool IsRemoved => Node is null;
}
