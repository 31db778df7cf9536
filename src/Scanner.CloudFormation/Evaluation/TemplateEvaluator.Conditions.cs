using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Evaluation;

/// <summary>
/// Conditions and scenarios: three-valued condition evaluation, and the consistency check that prunes impossible
/// scenarios. Consistency is semantic: <c>IsDev: Equals(Env, dev)</c> and <c>IsProd: Equals(Env, prod)</c> cannot
/// both hold. It is decided over the finite domains of the parameters the conditions mention: a parameter's
/// AllowedValues when given, else its Default, every literal the conditions compare it with, every mapping key it
/// looks up, and one fresh "other" value. Pseudo parameters (AWS::Region…) are variables the same way. Beyond
/// <see cref="MaxAssignments"/> combinations a scenario is assumed consistent.
/// </summary>
public sealed partial class TemplateEvaluator
{
    /// <summary>The most parameter assignments the consistency check tries before assuming consistency.</summary>
    public const int MaxAssignments = 4096;

    /// <summary>How a pin to "any other value" reads inside a condition: a text no literal of a template equals.</summary>
    private const string OtherValuePrefix = "\u0000other:";

    private readonly Dictionary<(string, Scenario), bool?> _conditions = [];
    private readonly Dictionary<Scenario, bool> _consistency = [];
    private readonly HashSet<string> _evaluatingConditions = new(StringComparer.Ordinal);
    private Dictionary<string, IReadOnlySet<string>>? _conditionVariables;
    private Dictionary<string, HashSet<string>>? _comparedLiterals;

    /// <summary>How one evaluation treats parameters: the scenario, and whether unpinned ones take their Default.</summary>
    private readonly record struct EvalState(Scenario Scenario, bool DefaultsForUnpinned, bool ForCondition);

    /// <summary>Decides a named condition: --condition-values first, else its expression. Null = cannot be decided.</summary>
    public bool? EvaluateCondition(string name) => EvaluateCondition(name, Scenario.Always);

    /// <summary>
    /// Decides a named condition under a scenario: --condition-values, then the scenario's assumption, then its
    /// expression with the scenario's pins; when that is undecided, the condition is decided if only one truth
    /// value is consistent with the scenario. Null = either is possible.
    /// </summary>
    public bool? EvaluateCondition(string name, Scenario scenario)
    {
        if (Settings.ConditionValues.TryGetValue(name, out var given))
        {
            return given;
        }

        if (scenario.ConditionValue(name) is { } assumed)
        {
            return assumed;
        }

        if (!Template.Conditions.ContainsKey(name))
        {
            return null;
        }

        if (_conditions.TryGetValue((name, scenario), out var cached))
        {
            return cached;
        }

        var result = EvaluateNamedCondition(name, scenario, solve: true) ?? Settings.UndecidedConditions switch
        {
            UndecidedConditions.True => true,
            UndecidedConditions.False => false,
            _ => (bool?)null,
        };
        _conditions[(name, scenario)] = result;
        return result;
    }

    /// <summary>
    /// The scenario with one more condition assumption, or null when that is impossible: the condition is decided
    /// the other way, or no value of the parameters satisfies every assumption and pin at once.
    /// </summary>
    public Scenario? Assume(Scenario scenario, string condition, bool value)
    {
        if (Settings.ConditionValues.TryGetValue(condition, out var given))
        {
            return given == value ? scenario : null;
        }

        if (scenario.ConditionValue(condition) is { } assumed)
        {
            return assumed == value ? scenario : null;
        }

        if (EvaluateCondition(condition, scenario) is { } decided)
        {
            return decided == value ? scenario : null;
        }

        var next = scenario.With(condition, value);
        return next is not null && IsConsistent(next) ? next : null;
    }

    /// <summary>Both scenarios at once, or null when they cannot hold together.</summary>
    public Scenario? Combine(Scenario a, Scenario b)
    {
        if (a.IsAlways)
        {
            return b;
        }

        if (b.IsAlways || a.Equals(b))
        {
            return a;
        }

        var combined = a.And(b);
        return combined is not null && IsConsistent(combined) ? combined : null;
    }

    /// <summary>
    /// Every scenario in which <paramref name="parameterName"/> has one definite possibility, extending
    /// <paramref name="scenario"/>: its Default and "any other value" (or each of its AllowedValues), keeping
    /// those consistent with the scenario; when none is, the literals the conditions compare it with. A parameter
    /// with a given value, or already pinned, gives the scenario unchanged.
    /// </summary>
    public IReadOnlyList<Scenario> Possibilities(string parameterName, Scenario scenario)
    {
        if (!Template.Parameters.TryGetValue(parameterName, out var parameter) || IsFixed(parameter) || scenario.PinOf(parameterName) is not null)
        {
            return [scenario];
        }

        var defaultText = DefaultText(parameter);
        var candidates = new List<ParameterPin>();
        if (parameter.AllowedValues is { } allowed)
        {
            candidates.AddRange(allowed.Select(v => new ParameterPin(parameterName, v, v == defaultText ? PinSource.Default : PinSource.AllowedValue)));
        }
        else
        {
            if (defaultText is not null)
            {
                candidates.Add(new ParameterPin(parameterName, defaultText, PinSource.Default));
            }

            candidates.Add(new ParameterPin(parameterName, null, PinSource.Other));
        }

        var result = Consistent(scenario, candidates);
        if (result.Count == 0 && parameter.AllowedValues is null)
        {
            result = Consistent(scenario, ComparedLiterals(parameterName).Select(v => new ParameterPin(parameterName, v, PinSource.Forced)));
        }

        return result.Count == 0 ? [scenario] : result;
    }

    /// <summary>True when some values of the parameters satisfy every assumption and pin of the scenario (bounded).</summary>
    public bool IsConsistent(Scenario scenario)
    {
        if (scenario.Conditions.Count == 0)
        {
            return true; // pins alone never contradict: each pin is one of the parameter's possible values
        }

        if (_consistency.TryGetValue(scenario, out var known))
        {
            return known;
        }

        var result = Solve(scenario);
        _consistency[scenario] = result;
        return result;
    }

    /// <summary>Evaluates a condition expression (Fn::Equals/And/Or/Not/Condition) under the given values alone.</summary>
    public bool? EvaluateConditionExpression(SyntaxNode? node, int depth) => EvaluateConditionExpression(node, depth, Scenario.Always, solve: true);

    private bool? EvaluateConditionExpression(SyntaxNode? node, int depth, Scenario scenario, bool solve)
    {
        if (node is null || depth > MaxDepth)
        {
            return null;
        }

        if (node is ScalarNode scalar)
        {
            return scalar.BooleanValue;
        }

        if (node is not IntrinsicNode fn)
        {
            return null;
        }

        var args = fn.Arguments;
        switch (fn.Name)
        {
            case "Condition" when fn.Argument is ScalarNode s:
                return solve ? EvaluateCondition(s.Text, scenario) : EvaluateConditionWithoutSolving(s.Text, scenario);
            case "Fn::Equals" when args.Count == 2:
                {
                    var state = new EvalState(scenario, DefaultsForUnpinned: false, ForCondition: true);
                    var a = Evaluate(args[0], depth + 1, state);
                    var b = Evaluate(args[1], depth + 1, state);
                    return a is LiteralValue la && b is LiteralValue lb ? la.Text == lb.Text : null;
                }

            case "Fn::Not" when args.Count == 1:
                return !EvaluateConditionExpression(args[0], depth + 1, scenario, solve);
            case "Fn::And":
                {
                    bool? result = true;
                    foreach (var a in args)
                    {
                        var v = EvaluateConditionExpression(a, depth + 1, scenario, solve);
                        if (v == false)
                        {
                            return false;
                        }

                        if (v is null)
                        {
                            result = null;
                        }
                    }

                    return result;
                }

            case "Fn::Or":
                {
                    bool? result = false;
                    foreach (var a in args)
                    {
                        var v = EvaluateConditionExpression(a, depth + 1, scenario, solve);
                        if (v == true)
                        {
                            return true;
                        }

                        if (v is null)
                        {
                            result = null;
                        }
                    }

                    return result;
                }

            default:
                return null;
        }
    }

    private bool? EvaluateConditionWithoutSolving(string name, Scenario scenario)
    {
        if (Settings.ConditionValues.TryGetValue(name, out var given))
        {
            return given;
        }

        if (scenario.ConditionValue(name) is { } assumed)
        {
            return assumed;
        }

        return EvaluateNamedCondition(name, scenario, solve: false);
    }

    private bool? EvaluateNamedCondition(string name, Scenario scenario, bool solve)
    {
        if (!Template.Conditions.TryGetValue(name, out var expression) || !_evaluatingConditions.Add(name))
        {
            return null; // undeclared (reported as E1003) or circular
        }

        bool? result;
        try
        {
            result = EvaluateConditionExpression(expression, 0, scenario, solve);
        }
        finally
        {
            _evaluatingConditions.Remove(name);
        }

        if (result is null && solve && VariablesOf(name).Count > 0)
        {
            var canHold = scenario.With(name, true) is { } t && IsConsistent(t);
            var canFail = scenario.With(name, false) is { } f && IsConsistent(f);
            result = canHold == canFail ? null : canHold;
        }

        return result;
    }

    /// <summary>A parameter whose value is a fact: given, or its Default when the given values describe a deployment.</summary>
    private bool IsFixed(Parameter parameter) =>
        Settings.ParameterValues.ContainsKey(parameter.Name) || (Settings.DefaultsAreValues && DefaultText(parameter) is not null);

    private List<Scenario> Consistent(Scenario scenario, IEnumerable<ParameterPin> pins)
    {
        var result = new List<Scenario>();
        foreach (var pin in pins)
        {
            if (scenario.With(pin) is { } pinned && IsConsistent(pinned))
            {
                result.Add(pinned);
            }
        }

        return result;
    }

    private bool Solve(Scenario scenario)
    {
        var variables = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in scenario.Conditions)
        {
            variables.UnionWith(VariablesOf(c.Condition));
        }

        // Each variable's values: the pinned one, or its domain.
        var domains = new List<(string Name, ParameterPin[] Values)>();
        long combinations = 1;
        foreach (var name in variables)
        {
            ParameterPin[] values = scenario.PinOf(name) is { } pin ? [pin] : Domain(name);
            domains.Add((name, values));
            combinations *= values.Length;
            if (combinations > MaxAssignments)
            {
                return true;
            }
        }

        var assignment = new ParameterPin[domains.Count];
        return Search(0);

        bool Search(int index)
        {
            if (index == domains.Count)
            {
                // The assignment with the scenario's assumptions: each assumed condition's expression, read with
                // the others' assumed values, must not contradict its own assumption.
                Scenario? pure = Scenario.Always;
                foreach (var c in scenario.Conditions)
                {
                    pure = pure.With(c.Condition, c.Value)!;
                }

                foreach (var p in assignment)
                {
                    pure = pure.With(p)!;
                }

                foreach (var c in scenario.Conditions)
                {
                    if (EvaluateNamedCondition(c.Condition, pure, solve: false) is { } value && value != c.Value)
                    {
                        return false;
                    }
                }

                return true;
            }

            foreach (var value in domains[index].Values)
            {
                assignment[index] = value;
                if (Search(index + 1))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The values the consistency check tries for a variable.</summary>
    private ParameterPin[] Domain(string name)
    {
        var values = new List<ParameterPin>();
        if (Template.Parameters.TryGetValue(name, out var parameter))
        {
            var defaultText = DefaultText(parameter);
            if (parameter.AllowedValues is { } allowed)
            {
                return allowed.Select(v => new ParameterPin(name, v, v == defaultText ? PinSource.Default : PinSource.AllowedValue)).ToArray();
            }

            if (defaultText is not null)
            {
                values.Add(new ParameterPin(name, defaultText, PinSource.Default));
            }
        }

        foreach (var literal in ComparedLiterals(name))
        {
            if (values.All(v => v.Value != literal))
            {
                values.Add(new ParameterPin(name, literal, PinSource.Forced));
            }
        }

        values.Add(new ParameterPin(name, null, PinSource.Other));
        return values.ToArray();
    }

    private IEnumerable<string> ComparedLiterals(string name)
    {
        AnalyseConditions();
        return _comparedLiterals!.TryGetValue(name, out var set) ? set.Order(StringComparer.Ordinal) : [];
    }

    /// <summary>The parameters and pseudo parameters a condition depends on, through the conditions it names.</summary>
    private IReadOnlySet<string> VariablesOf(string condition)
    {
        AnalyseConditions();
        return _conditionVariables!.TryGetValue(condition, out var set) ? set : EmptySet;
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    /// <summary>Once per template: which variables each condition depends on, and which literals they are compared with.</summary>
    private void AnalyseConditions()
    {
        if (_conditionVariables is not null)
        {
            return;
        }

        _comparedLiterals = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var direct = new Dictionary<string, (HashSet<string> Variables, HashSet<string> Conditions)>(StringComparer.Ordinal);
        foreach (var (name, expression) in Template.Conditions)
        {
            var variables = new HashSet<string>(StringComparer.Ordinal);
            var conditions = new HashSet<string>(StringComparer.Ordinal);
            CollectVariables(expression, variables, conditions, 0);
            direct[name] = (variables, conditions);
        }

        _conditionVariables = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var name in direct.Keys)
        {
            var all = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>([name]);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                if (!seen.Add(next) || !direct.TryGetValue(next, out var d))
                {
                    continue;
                }

                all.UnionWith(d.Variables);
                foreach (var c in d.Conditions)
                {
                    pending.Push(c);
                }
            }

            _conditionVariables[name] = all;
        }
    }

    private void CollectVariables(SyntaxNode? node, HashSet<string> variables, HashSet<string> conditions, int depth)
    {
        if (node is null || depth > MaxDepth)
        {
            return;
        }

        switch (node)
        {
            case IntrinsicNode { Name: "Condition", Argument: ScalarNode c }:
                conditions.Add(c.Text);
                return;
            case IntrinsicNode { Name: "Ref", Argument: ScalarNode r }:
                if (IsVariable(r.Text))
                {
                    variables.Add(r.Text);
                }

                return;
            case IntrinsicNode { Name: "Fn::Sub" } sub:
                if (sub.Arguments is [ScalarNode template, ..])
                {
                    foreach (var part in SubTemplate.References(template.Text))
                    {
                        if (IsVariable(part.Text))
                        {
                            variables.Add(part.Text);
                        }
                    }
                }

                foreach (var a in sub.Arguments.Skip(1))
                {
                    CollectVariables(a, variables, conditions, depth + 1);
                }

                return;
            case IntrinsicNode { Name: "Fn::Equals" } equals when equals.Arguments.Count == 2:
                NoteComparison(equals.Arguments[0], equals.Arguments[1]);
                NoteComparison(equals.Arguments[1], equals.Arguments[0]);
                break;
            case IntrinsicNode { Name: "Fn::FindInMap" } find when find.Arguments.Count >= 3 && find.Arguments[0] is ScalarNode map
                && Template.Mappings.TryGetValue(map.Text, out var mapping):
                if (find.Arguments[1] is IntrinsicNode { Name: "Ref", Argument: ScalarNode top } && IsVariable(top.Text))
                {
                    Compared(top.Text).UnionWith(mapping.Keys);
                }

                if (find.Arguments[2] is IntrinsicNode { Name: "Ref", Argument: ScalarNode second } && IsVariable(second.Text))
                {
                    Compared(second.Text).UnionWith(mapping.Entries.Select(e => e.Value).OfType<MappingNode>().SelectMany(m => m.Keys));
                }

                break;
        }

        switch (node)
        {
            case IntrinsicNode fn:
                CollectVariables(fn.Argument, variables, conditions, depth + 1);
                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                {
                    CollectVariables(item, variables, conditions, depth + 1);
                }

                break;
            case MappingNode m:
                foreach (var e in m.Entries)
                {
                    CollectVariables(e.Value, variables, conditions, depth + 1);
                }

                break;
        }
    }

    private void NoteComparison(SyntaxNode side, SyntaxNode other)
    {
        if (side is IntrinsicNode { Name: "Ref", Argument: ScalarNode r } && IsVariable(r.Text) && other is ScalarNode { IsNull: false } literal)
        {
            Compared(r.Text).Add(literal.Text);
        }
    }

    private HashSet<string> Compared(string name)
    {
        if (!_comparedLiterals!.TryGetValue(name, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            _comparedLiterals[name] = set;
        }

        return set;
    }

    /// <summary>A parameter or pseudo parameter whose value is not a fact of this run.</summary>
    private bool IsVariable(string name)
    {
        if (Template.Parameters.TryGetValue(name, out var parameter))
        {
            return !IsFixed(parameter);
        }

        return PseudoParameters.Contains(name) && name != "AWS::NoValue" && !Settings.PseudoParameterValues.ContainsKey(name);
    }
}
