using System.Text;

namespace Scanner.CloudFormation.Evaluation;

/// <summary>An assumption about a condition under which a branch of a value applies.</summary>
public readonly record struct ConditionAssumption(string Condition, bool Value)
{
    /// <summary>"condition IsDev holds", "condition HasLogKey is false".</summary>
    public string Describe() => Value ? $"condition {Condition} holds" : $"condition {Condition} is false";

    public override string ToString() => Describe();
}

/// <summary>Why a parameter has the value a scenario pins it to.</summary>
public enum PinSource
{
    /// <summary>The parameter keeps its Default.</summary>
    Default,

    /// <summary>One of the parameter's AllowedValues.</summary>
    AllowedValue,

    /// <summary>A value the template compares the parameter with, the only one the scenario's conditions allow.</summary>
    Forced,

    /// <summary>Any value other than the ones the template names (its Default, AllowedValues, compared literals).</summary>
    Other,
}

/// <summary>A parameter (or pseudo parameter) pinned to one of its possible values in a scenario.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">The value as text (a list parameter's items joined with commas); null for <see cref="PinSource.Other"/>.</param>
/// <param name="Source">Where the value comes from.</param>
public readonly record struct ParameterPin(string Name, string? Value, PinSource Source)
{
    public bool IsOther => Source == PinSource.Other;

    /// <summary>"parameter Env is dev", "parameter Env is prod (its default)".</summary>
    public string Describe() => Source switch
    {
        PinSource.Default => $"parameter {Name} is {Value} (its default)",
        PinSource.Other => $"parameter {Name} is none of the values the template names",
        _ => $"parameter {Name} is {Value}",
    };

    /// <summary>How a value that is exactly this parameter is introduced in a message: "the default of parameter Env".</summary>
    public string Provenance() => Source switch
    {
        PinSource.Default => $"the default of parameter {Name}",
        PinSource.AllowedValue => $"an allowed value of parameter {Name}",
        _ => $"parameter {Name}",
    };

    public override string ToString() => Describe();
}

/// <summary>
/// The deploy-time circumstances under which a value holds: an immutable conjunction of condition assumptions
/// (<c>IsProd</c> is true) and parameter pins (<c>Env</c> = <c>dev</c>). <see cref="Always"/> is the empty
/// conjunction. Scenarios are built by the evaluator, which prunes the impossible ones (see
/// <see cref="TemplateEvaluator.Assume"/>); equality is structural, so scenarios can key caches.
/// </summary>
public sealed class Scenario : IEquatable<Scenario>
{
    private readonly ConditionAssumption[] _conditions;
    private readonly ParameterPin[] _pins;
    private readonly int _hash;

    private Scenario(ConditionAssumption[] conditions, ParameterPin[] pins)
    {
        _conditions = conditions;
        _pins = pins;
        var hash = new HashCode();
        foreach (var c in conditions)
        {
            hash.Add(c);
        }

        foreach (var p in pins)
        {
            hash.Add(p);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>No assumption: holds in every deployment.</summary>
    public static Scenario Always { get; } = new([], []);

    /// <summary>Condition assumptions, ordered by name.</summary>
    public IReadOnlyList<ConditionAssumption> Conditions => _conditions;

    /// <summary>Parameter pins, ordered by name.</summary>
    public IReadOnlyList<ParameterPin> Parameters => _pins;

    public bool IsAlways => _conditions.Length == 0 && _pins.Length == 0;

    /// <summary>True when describing the scenario says something (pins to "any other value" say nothing).</summary>
    public bool IsDescribable => _conditions.Length > 0 || _pins.Any(p => !p.IsOther);

    /// <summary>What the scenario assumes about a condition, or null when nothing.</summary>
    public bool? ConditionValue(string name)
    {
        foreach (var c in _conditions)
        {
            if (c.Condition == name)
            {
                return c.Value;
            }
        }

        return null;
    }

    /// <summary>The pin of a parameter, or null when the scenario does not pin it.</summary>
    public ParameterPin? PinOf(string name)
    {
        foreach (var p in _pins)
        {
            if (p.Name == name)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>
    /// This scenario with one more condition assumption, without any consistency check (null when it assumes the
    /// opposite already). Use <see cref="TemplateEvaluator.Assume"/> to also prune semantic contradictions.
    /// </summary>
    public Scenario? With(string condition, bool value)
    {
        if (ConditionValue(condition) is { } existing)
        {
            return existing == value ? this : null;
        }

        var conditions = new ConditionAssumption[_conditions.Length + 1];
        var i = 0;
        var placed = false;
        foreach (var c in _conditions)
        {
            if (!placed && string.CompareOrdinal(condition, c.Condition) < 0)
            {
                conditions[i++] = new ConditionAssumption(condition, value);
                placed = true;
            }

            conditions[i++] = c;
        }

        if (!placed)
        {
            conditions[i] = new ConditionAssumption(condition, value);
        }

        return new Scenario(conditions, _pins);
    }

    /// <summary>This scenario with a parameter pinned (null when it pins the parameter to another value already).</summary>
    public Scenario? With(ParameterPin pin)
    {
        if (PinOf(pin.Name) is { } existing)
        {
            return existing.Value == pin.Value && existing.Source == pin.Source ? this : existing.Value == pin.Value ? this : null;
        }

        var pins = new ParameterPin[_pins.Length + 1];
        var i = 0;
        var placed = false;
        foreach (var p in _pins)
        {
            if (!placed && string.CompareOrdinal(pin.Name, p.Name) < 0)
            {
                pins[i++] = pin;
                placed = true;
            }

            pins[i++] = p;
        }

        if (!placed)
        {
            pins[i] = pin;
        }

        return new Scenario(_conditions, pins);
    }

    /// <summary>Both scenarios at once, without a consistency check (null when they contradict each other directly).</summary>
    public Scenario? And(Scenario other)
    {
        if (other.IsAlways || ReferenceEquals(this, other))
        {
            return this;
        }

        Scenario? result = this;
        foreach (var c in other._conditions)
        {
            result = result?.With(c.Condition, c.Value);
        }

        foreach (var p in other._pins)
        {
            result = result?.With(p);
        }

        return result;
    }

    /// <summary>True when every assumption and pin of <paramref name="other"/> is part of this scenario.</summary>
    public bool Includes(Scenario other) =>
        other._conditions.All(c => ConditionValue(c.Condition) == c.Value) && other._pins.All(p => PinOf(p.Name)?.Value == p.Value);

    /// <summary>
    /// "when condition IsDev holds and parameter Env is dev" for messages; empty for <see cref="Always"/>. Pins of
    /// <paramref name="except"/> (a parameter a message already names as the value's source) and pins to "any other
    /// value" are left out.
    /// </summary>
    public string Describe(string? except = null)
    {
        var parts = new List<string>(_conditions.Length + _pins.Length);
        parts.AddRange(_conditions.Select(c => c.Describe()));
        parts.AddRange(_pins.Where(p => !p.IsOther && p.Name != except).Select(p => p.Describe()));
        if (parts.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("when ");
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                text.Append(i == parts.Count - 1 ? " and " : ", ");
            }

            text.Append(parts[i]);
        }

        return text.ToString();
    }

    /// <summary>Appends <see cref="Describe"/> to a message, before its final period ("X is off when condition C holds.").</summary>
    public string AppendTo(string message, string? except = null)
    {
        var when = Describe(except);
        if (when.Length == 0)
        {
            return message;
        }

        return message.EndsWith('.') ? $"{message[..^1]} {when}." : $"{message} {when}";
    }

    /// <summary>
    /// The fewest scenarios whose union is the union of <paramref name="scenarios"/> (a fact found under each of
    /// them holds under any): a scenario another one includes is dropped, and two scenarios that differ only in the
    /// value of one condition become one without it (IsProd ∨ ¬IsProd is always). Parameter pins are never merged
    /// (their values need not be exhaustive). Order of first appearance is kept.
    /// </summary>
    public static IReadOnlyList<Scenario> Merge(IEnumerable<Scenario> scenarios)
    {
        var result = new List<Scenario>();
        foreach (var scenario in scenarios)
        {
            Add(result, scenario);
        }

        return result;

        static void Add(List<Scenario> result, Scenario scenario)
        {
            for (var i = 0; i < result.Count; i++)
            {
                var other = result[i];
                if (scenario.Includes(other))
                {
                    return; // already covered by a more general one
                }

                if (other.Includes(scenario))
                {
                    result.RemoveAt(i);
                    Add(result, scenario);
                    return;
                }

                if (ComplementOf(scenario, other) is { } merged)
                {
                    result.RemoveAt(i);
                    Add(result, merged);
                    return;
                }
            }

            result.Add(scenario);
        }
    }

    /// <summary>The two scenarios without the one condition they assume opposite values of, when that is their only difference.</summary>
    private static Scenario? ComplementOf(Scenario a, Scenario b)
    {
        if (a._conditions.Length != b._conditions.Length || !a._pins.AsSpan().SequenceEqual(b._pins))
        {
            return null;
        }

        var differing = -1;
        for (var i = 0; i < a._conditions.Length; i++)
        {
            if (a._conditions[i] == b._conditions[i])
            {
                continue;
            }

            if (differing >= 0 || a._conditions[i].Condition != b._conditions[i].Condition)
            {
                return null;
            }

            differing = i;
        }

        return differing < 0 ? null : new Scenario([.. a._conditions.Where((_, i) => i != differing)], a._pins);
    }

    public bool Equals(Scenario? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (_hash == other._hash && _conditions.AsSpan().SequenceEqual(other._conditions) && _pins.AsSpan().SequenceEqual(other._pins)));

    public override bool Equals(object? obj) => Equals(obj as Scenario);

    public override int GetHashCode() => _hash;

    public override string ToString() => IsAlways ? "always" : Describe();
}
