using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Evaluation;

/// <summary>
/// Variants: every deployable value of a node or of a property path, each with the scenario that selects it.
/// Navigation follows mappings and lists in the syntax tree (so locations are exact), forks at every undecided
/// Fn::If (pruning impossible branch combinations), treats AWS::NoValue as absent, and evaluates only at the end:
/// a scalar or intrinsic there is expanded into its possibilities (the parameters it uses take each of their
/// possible values, undecided Fn::If inside it each branch); a mapping or list stays one variant to navigate into.
/// </summary>
public sealed partial class TemplateEvaluator
{
    /// <summary>The most variants one node or path expands into; further possibilities are not enumerated.</summary>
    public const int MaxVariants = 64;

    private readonly Dictionary<(SyntaxNode, Scenario), IReadOnlyList<Variant>> _leafVariants = new();

    /// <summary>Every deployable value of <paramref name="node"/> under <paramref name="scenario"/>.</summary>
    public IReadOnlyList<Variant> Variants(SyntaxNode? node, Scenario scenario) => Variants(node, string.Empty, scenario);

    /// <summary>
    /// Every deployable value at <paramref name="path"/> below <paramref name="node"/> (dotted; <c>*</c> = every
    /// item of a list, whose absent items are left out; a number = one item), under <paramref name="scenario"/>.
    /// </summary>
    public IReadOnlyList<Variant> Variants(SyntaxNode? node, string path, Scenario scenario)
    {
        var segments = path.Length == 0 ? [] : path.Split('.');
        var result = new List<Variant>();
        Walk(node, segments, 0, scenario, result, 0, null);
        return result;
    }

    /// <summary>
    /// Every deployable value at <paramref name="path"/> below an already evaluated value (one read from text, such
    /// as a policy written as a JSON string), under <paramref name="scenario"/>: undecided Fn::If inside it give one
    /// variant per consistent branch, <see cref="NoValue"/> is absent. <paramref name="at"/> locates values that
    /// carry no node of their own.
    /// </summary>
    public IReadOnlyList<Variant> Variants(Value value, SyntaxNode? at, string path, Scenario scenario) => ValueVariants(value, at, path, scenario);

    /// <summary>
    /// The written alternatives of a node, without evaluating it: every Fn::If on top of it stepped through (a
    /// decided one to its branch, an undecided one to each branch whose assumption is consistent with
    /// <paramref name="scenario"/>), <c>AWS::NoValue</c> as a choice without node. For readers of the written
    /// structure (a policy document written as a string is read from its text, not from its value); rules read
    /// <see cref="Variants(SyntaxNode?, string, Scenario)"/>.
    /// </summary>
    public IReadOnlyList<Choice> Choices(SyntaxNode node, Scenario scenario)
    {
        var result = new List<Choice>();
        Choose(node, scenario, result, 0);
        return result;
    }

    private void Choose(SyntaxNode node, Scenario scenario, List<Choice> result, int depth)
    {
        if (result.Count >= MaxVariants)
        {
            return;
        }

        if (node is IntrinsicNode { Name: "Ref", Argument: ScalarNode { Text: "AWS::NoValue" } })
        {
            result.Add(new Choice(null, node, scenario));
            return;
        }

        if (depth < MaxDepth && node is IntrinsicNode { Name: "Fn::If" } choice && choice.Arguments is [ScalarNode condition, var whenTrue, var whenFalse])
        {
            switch (EvaluateCondition(condition.Text, scenario))
            {
                case true:
                    Choose(whenTrue, scenario, result, depth + 1);
                    return;
                case false:
                    Choose(whenFalse, scenario, result, depth + 1);
                    return;
            }

            if (Assume(scenario, condition.Text, true) is { } holds)
            {
                Choose(whenTrue, holds, result, depth + 1);
            }

            if (Assume(scenario, condition.Text, false) is { } fails)
            {
                Choose(whenFalse, fails, result, depth + 1);
            }

            return;
        }

        result.Add(new Choice(node, node, scenario));
    }

    /// <summary>Navigation below an evaluated value (after an intrinsic that produced a list or map).</summary>
    internal IReadOnlyList<Variant> ValueVariants(Value value, SyntaxNode? fallback, string path, Scenario scenario)
    {
        var result = new List<Variant>();
        WalkValue(value, fallback, path.Length == 0 ? [] : path.Split('.'), 0, scenario, result);
        return result;
    }

    private void Walk(SyntaxNode? node, string[] segments, int index, Scenario scenario, List<Variant> result, int depth, ScalarNode? key)
    {
        if (result.Count >= MaxVariants)
        {
            return;
        }

        if (node is null or ScalarNode { IsNull: true })
        {
            AddAbsent(Presence.Missing, null, segments, index, scenario, result);
            return;
        }

        if (node is IntrinsicNode { Name: "Fn::If" } choice && choice.Arguments is [ScalarNode condition, var whenTrue, var whenFalse] && depth < MaxDepth)
        {
            switch (EvaluateCondition(condition.Text, scenario))
            {
                case true:
                    Walk(whenTrue, segments, index, scenario, result, depth + 1, key);
                    return;
                case false:
                    Walk(whenFalse, segments, index, scenario, result, depth + 1, key);
                    return;
            }

            if (Assume(scenario, condition.Text, true) is { } holds)
            {
                Walk(whenTrue, segments, index, holds, result, depth + 1, key);
            }

            if (Assume(scenario, condition.Text, false) is { } fails)
            {
                Walk(whenFalse, segments, index, fails, result, depth + 1, key);
            }

            return;
        }

        if (node is IntrinsicNode { Name: "Ref", Argument: ScalarNode { Text: "AWS::NoValue" } })
        {
            AddAbsent(Presence.Removed, node, segments, index, scenario, result);
            return;
        }

        if (index == segments.Length)
        {
            result.AddRange(Leaf(node, scenario).Select(v => v.WithKey(key)));
            return;
        }

        var segment = segments[index];
        switch (node)
        {
            case MappingNode map when segment == "*":
                Walk(map, segments, index + 1, scenario, result, depth + 1, key);
                break;
            case MappingNode map:
                Walk(map.Get(segment), segments, index + 1, scenario, result, depth + 1, map.GetKey(segment));
                break;
            case SequenceNode list when segment == "*":
                foreach (var item in list.Items)
                {
                    Walk(item, segments, index + 1, scenario, result, depth + 1, null);
                }

                break;
            case SequenceNode list:
                Walk(int.TryParse(segment, out var i) && i >= 0 && i < list.Count ? list[i] : null, segments, index + 1, scenario, result, depth + 1, null);
                break;
            case IntrinsicNode:
                // A list or map produced by a function (FindInMap, a list parameter…): navigate the evaluated value.
                foreach (var v in Leaf(node, scenario))
                {
                    WalkValue(v.Value, v.Node ?? node, segments, index, v.Scenario, result);
                }

                break;
            case ScalarNode when segment == "*":
                Walk(node, segments, index + 1, scenario, result, depth + 1, key);
                break;
            default:
                AddAbsent(Presence.Missing, null, segments, index, scenario, result);
                break;
        }
    }

    private void WalkValue(Value value, SyntaxNode? fallback, string[] segments, int index, Scenario scenario, List<Variant> result)
    {
        if (result.Count >= MaxVariants)
        {
            return;
        }

        if (value is NoValue)
        {
            AddAbsent(Presence.Removed, value.Origin ?? fallback, segments, index, scenario, result);
            return;
        }

        if (index == segments.Length)
        {
            foreach (var (lifted, liftedScenario) in Lift(value, scenario))
            {
                if (lifted is NoValue)
                {
                    AddAbsent(Presence.Removed, lifted.Origin ?? fallback, segments, index, liftedScenario, result);
                }
                else
                {
                    result.Add(new Variant(this, Presence.Present, lifted.Origin ?? fallback, lifted, liftedScenario, syntactic: false));
                }
            }

            return;
        }

        var segment = segments[index];
        switch (value)
        {
            case ConditionalValue:
                foreach (var (lifted, liftedScenario) in Lift(value, scenario))
                {
                    WalkValue(lifted, fallback, segments, index, liftedScenario, result);
                }

                break;
            case MapValue map when segment == "*":
                WalkValue(map, fallback, segments, index + 1, scenario, result);
                break;
            case MapValue map:
                if (map.Get(segment) is { } entry)
                {
                    WalkValue(entry, entry.Origin ?? fallback, segments, index + 1, scenario, result);
                }
                else
                {
                    AddAbsent(Presence.Missing, null, segments, index, scenario, result);
                }

                break;
            case ListValue list when segment == "*":
                foreach (var item in list.Items)
                {
                    WalkValue(item, item.Origin ?? fallback, segments, index + 1, scenario, result);
                }

                break;
            case ListValue list:
                if (int.TryParse(segment, out var i) && i >= 0 && i < list.Items.Count)
                {
                    WalkValue(list.Items[i], list.Items[i].Origin ?? fallback, segments, index + 1, scenario, result);
                }
                else
                {
                    AddAbsent(Presence.Missing, null, segments, index, scenario, result);
                }

                break;
            case LiteralValue when segment != "*":
                AddAbsent(Presence.Missing, null, segments, index, scenario, result);
                break;
            default:
                // Only known at deploy time (or a scalar standing for a one-item list): nothing more can be said.
                result.Add(new Variant(this, Presence.Present, value.Origin ?? fallback, value, scenario, syntactic: false));
                break;
        }
    }

    /// <summary>An absence: a variant of its own, except for list items (<c>*</c>), which simply are not there.</summary>
    private void AddAbsent(Presence presence, SyntaxNode? node, string[] segments, int index, Scenario scenario, List<Variant> result)
    {
        for (var i = 0; i < index && i < segments.Length; i++)
        {
            if (segments[i] == "*")
            {
                return;
            }
        }

        result.Add(new Variant(this, presence, node, null, scenario, syntactic: true));
    }

    /// <summary>The variants of the node a path ends at (cached per node and scenario).</summary>
    private IReadOnlyList<Variant> Leaf(SyntaxNode node, Scenario scenario)
    {
        switch (node)
        {
            case ScalarNode { IsNull: true }:
                return [new Variant(this, Presence.Missing, null, null, scenario, syntactic: true)];
            case ScalarNode scalar:
                return [new Variant(this, Presence.Present, scalar, new LiteralValue(scalar.Text, scalar.ScalarKind, scalar), scenario, syntactic: true)];
            case MappingNode or SequenceNode:
                return [new Variant(this, Presence.Present, node, null, scenario, syntactic: true)];
        }

        if (_leafVariants.TryGetValue((node, scenario), out var cached))
        {
            return cached;
        }

        // Each parameter the expression uses takes each of its possibilities (bounded), then the expression is
        // evaluated under each resulting scenario and what stays undecided inside it is lifted branch by branch.
        IReadOnlyList<Scenario> scenarios = [scenario];
        foreach (var parameter in ParametersUsed(node))
        {
            var next = new List<Scenario>();
            foreach (var s in scenarios)
            {
                foreach (var pinned in Possibilities(parameter, s))
                {
                    if (next.Count < MaxVariants)
                    {
                        next.Add(pinned);
                    }
                }
            }

            scenarios = next;
        }

        var direct = node is IntrinsicNode { Name: "Ref", Argument: ScalarNode target } && Template.Parameters.ContainsKey(target.Text) ? target.Text : null;
        var result = new List<Variant>();
        foreach (var s in scenarios)
        {
            foreach (var (value, liftedScenario) in Lift(Evaluate(node, s), s))
            {
                if (result.Count >= MaxVariants)
                {
                    break;
                }

                if (value is NoValue)
                {
                    result.Add(new Variant(this, Presence.Removed, value.Origin ?? node, null, liftedScenario, syntactic: true));
                    continue;
                }

                var provenance = direct is null ? null : ProvenanceOf(direct, liftedScenario);
                result.Add(new Variant(this, Presence.Present, value.Origin ?? node, value, liftedScenario, syntactic: false, direct, provenance));
            }
        }

        _leafVariants[(node, scenario)] = result;
        return result;
    }

    /// <summary>Where the value of a parameter comes from, for messages; null when it is not known (symbolic).</summary>
    private string? ProvenanceOf(string parameter, Scenario scenario)
    {
        if (Settings.ParameterValues.ContainsKey(parameter))
        {
            return $"the value given for parameter {parameter}";
        }

        if (scenario.PinOf(parameter) is { IsOther: false } pin)
        {
            return pin.Provenance();
        }

        return Settings.DefaultsAreValues && Template.Parameters.TryGetValue(parameter, out var p) && DefaultText(p) is not null
            ? $"the default of parameter {parameter}"
            : null;
    }

    /// <summary>The template parameters an expression refers to (Ref, Fn::Sub), whose value is not a fact of this run.</summary>
    private List<string> ParametersUsed(SyntaxNode node)
    {
        var names = new List<string>();
        Collect(node, 0);
        return names;

        void Collect(SyntaxNode n, int depth)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            switch (n)
            {
                case IntrinsicNode { Name: "Ref", Argument: ScalarNode r }:
                    Note(r.Text);
                    break;
                case IntrinsicNode { Name: "Fn::Sub" } sub:
                    var variables = sub.Arguments.Count > 1 ? sub.Arguments[1] as MappingNode : null;
                    if (sub.Arguments[0] is ScalarNode text)
                    {
                        foreach (var part in SubTemplate.References(text.Text))
                        {
                            if (variables?.ContainsKey(part.Text) != true)
                            {
                                Note(part.Text);
                            }
                        }
                    }

                    if (variables is not null)
                    {
                        Collect(variables, depth + 1);
                    }

                    break;
                case IntrinsicNode fn:
                    Collect(fn.Argument, depth + 1);
                    break;
                case SequenceNode seq:
                    foreach (var item in seq.Items)
                    {
                        Collect(item, depth + 1);
                    }

                    break;
                case MappingNode map:
                    foreach (var e in map.UniqueEntries)
                    {
                        Collect(e.Value, depth + 1);
                    }

                    break;
            }
        }

        void Note(string name)
        {
            if (Template.Parameters.TryGetValue(name, out var p) && !IsFixed(p) && !names.Contains(name))
            {
                names.Add(name);
            }
        }
    }

    /// <summary>
    /// Expands the undecided Fn::If left inside an evaluated value into one value per consistent branch
    /// combination (bounded), each with its scenario. AWS::NoValue items and entries of a chosen branch disappear.
    /// </summary>
    internal IReadOnlyList<(Value Value, Scenario Scenario)> Lift(Value value, Scenario scenario)
    {
        if (!HasChoice(value, 0))
        {
            return [(value, scenario)];
        }

        var result = new List<(Value, Scenario)>();
        LiftInto(value, scenario, result, 0);
        return result;
    }

    private void LiftInto(Value value, Scenario scenario, List<(Value, Scenario)> result, int depth)
    {
        if (result.Count >= MaxVariants)
        {
            return;
        }

        if (depth > MaxDepth || !HasChoice(value, 0))
        {
            result.Add((value, scenario));
            return;
        }

        switch (value)
        {
            case ConditionalValue c:
                switch (EvaluateCondition(c.Condition, scenario))
                {
                    case true:
                        LiftInto(c.WhenTrue, scenario, result, depth + 1);
                        return;
                    case false:
                        LiftInto(c.WhenFalse, scenario, result, depth + 1);
                        return;
                }

                if (Assume(scenario, c.Condition, true) is { } holds)
                {
                    LiftInto(c.WhenTrue, holds, result, depth + 1);
                }

                if (Assume(scenario, c.Condition, false) is { } fails)
                {
                    LiftInto(c.WhenFalse, fails, result, depth + 1);
                }

                return;
            case ListValue list:
                foreach (var (items, s) in Product(list.Items, scenario, depth))
                {
                    result.Add((new ListValue(items.Where(i => i is not NoValue).ToArray(), list.Origin), s));
                }

                return;
            case MapValue map:
                foreach (var (values, s) in Product(map.Entries.Select(e => e.Value).ToArray(), scenario, depth))
                {
                    var entries = map.Entries.Select((e, i) => new KeyValuePair<string, Value>(e.Key, values[i])).Where(e => e.Value is not NoValue).ToArray();
                    result.Add((new MapValue(entries, map.Origin), s));
                }

                return;
            case CompositeValue composite:
                foreach (var (parts, s) in Product(composite.Parts, scenario, depth))
                {
                    result.Add((Compose([.. parts], composite.Origin), s));
                }

                return;
            default:
                result.Add((value, scenario));
                return;
        }
    }

    /// <summary>Every consistent combination of the lifted alternatives of <paramref name="items"/>.</summary>
    private List<(Value[] Items, Scenario Scenario)> Product(IReadOnlyList<Value> items, Scenario scenario, int depth)
    {
        var combinations = new List<(Value[], Scenario)> { (new Value[items.Count], scenario) };
        for (var i = 0; i < items.Count; i++)
        {
            var next = new List<(Value[], Scenario)>();
            foreach (var (chosen, s) in combinations)
            {
                var alternatives = new List<(Value, Scenario)>();
                LiftInto(items[i], s, alternatives, depth + 1);
                foreach (var (alternative, alternativeScenario) in alternatives)
                {
                    if (next.Count >= MaxVariants)
                    {
                        break;
                    }

                    var copy = (Value[])chosen.Clone();
                    copy[i] = alternative;
                    next.Add((copy, alternativeScenario));
                }
            }

            combinations = next;
        }

        return combinations;
    }

    private static bool HasChoice(Value value, int depth) => depth <= MaxDepth && value switch
    {
        ConditionalValue => true,
        ListValue list => list.Items.Any(i => HasChoice(i, depth + 1)),
        MapValue map => map.Entries.Any(e => HasChoice(e.Value, depth + 1)),
        CompositeValue composite => composite.Parts.Any(p => HasChoice(p, depth + 1)),
        _ => false,
    };
}
