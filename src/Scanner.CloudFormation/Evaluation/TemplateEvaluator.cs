using System.Globalization;
using System.Text;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Evaluation;

/// <summary>
/// Resolves intrinsic functions as far as the template and the given values allow. Thread-confined: one evaluator
/// per template analysis (it memoizes conditions).
/// <para>
/// Parameters are possibilities, not facts: without a value given (--parameter-values), a parameter may take its
/// Default, any of its AllowedValues, or any value, so a condition that depends on it is undecided. Evaluation
/// under a <see cref="Scenario"/> uses the scenario's pins and assumptions (<see cref="Evaluate(SyntaxNode?, Scenario)"/>);
/// the consistency of scenarios is decided by <see cref="Assume"/> and <see cref="IsConsistent"/>.
/// </para>
/// </summary>
public sealed partial class TemplateEvaluator
{
    public static readonly IReadOnlySet<string> PseudoParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    private const int MaxDepth = 64;

    public TemplateEvaluator(Template template, EvaluationSettings? settings = null)
    {
        Template = template;
        Settings = settings ?? EvaluationSettings.Default;
    }

    public Template Template { get; }

    public EvaluationSettings Settings { get; }

    /// <summary>
    /// Evaluates a node taking a parameter without a given value as its Default (a representative value, not a
    /// fact: conditions stay undecided). Null input gives an Unknown symbol named "missing". Rules read values
    /// through variants instead, which show every possibility with the scenario that selects it.
    /// </summary>
    public Value Evaluate(SyntaxNode? node) => Evaluate(node, 0, new EvalState(Scenario.Always, DefaultsForUnpinned: true, ForCondition: false));

    /// <summary>
    /// Evaluates a node under a scenario: its pinned parameters have their pinned values, its conditions their
    /// assumed truth; any other parameter without a given value is symbolic, and an Fn::If whose condition stays
    /// undecided is a <see cref="ConditionalValue"/>.
    /// </summary>
    public Value Evaluate(SyntaxNode? node, Scenario scenario) => Evaluate(node, 0, new EvalState(scenario, DefaultsForUnpinned: false, ForCondition: false));

    /// <summary>The value of a Ref: parameter (given value, else default, else symbolic), pseudo parameter or resource.</summary>
    public Value ResolveRef(string name, SyntaxNode? origin = null) =>
        ResolveRef(name, origin, new EvalState(Scenario.Always, DefaultsForUnpinned: true, ForCondition: false));

    /// <summary>The value of a Ref under a scenario (see <see cref="Evaluate(SyntaxNode?, Scenario)"/>).</summary>
    public Value ResolveRef(string name, SyntaxNode? origin, Scenario scenario) =>
        ResolveRef(name, origin, new EvalState(scenario, DefaultsForUnpinned: false, ForCondition: false));

    private Value ResolveRef(string name, SyntaxNode? origin, EvalState state)
    {
        if (Template.Parameters.TryGetValue(name, out var parameter))
        {
            return ParameterValue(parameter, origin, state);
        }

        if (name == "AWS::NoValue")
        {
            return new NoValue(origin);
        }

        if (PseudoParameters.Contains(name))
        {
            if (Settings.PseudoParameterValues.TryGetValue(name, out var v))
            {
                return new LiteralValue(v, ScalarKind.String, origin);
            }

            return state.Scenario.PinOf(name) is { } pin
                ? PinnedValue(name, pin, false, origin, state)
                : new SymbolicValue(SymbolKind.PseudoParameter, name, null, origin);
        }

        if (Template.GetResource(name) is not null)
        {
            return new SymbolicValue(SymbolKind.ResourceRef, name, null, origin);
        }

        return new SymbolicValue(SymbolKind.Unknown, name, null, origin);
    }

    private Value ParameterValue(Parameter parameter, SyntaxNode? origin, EvalState state)
    {
        if (Settings.ParameterValues.TryGetValue(parameter.Name, out var given))
        {
            return parameter.IsList ? SplitList(given, origin) : new LiteralValue(given, ScalarKind.String, origin);
        }

        if (state.Scenario.PinOf(parameter.Name) is { } pin)
        {
            return PinnedValue(parameter.Name, pin, parameter.IsList, origin, state);
        }

        if ((Settings.DefaultsAreValues || (state.DefaultsForUnpinned && !state.ForCondition)) && DefaultText(parameter) is { } text)
        {
            return parameter.IsList ? SplitList(text, origin ?? parameter.Default) : new LiteralValue(text, DefaultKind(parameter), origin ?? parameter.Default);
        }

        return new SymbolicValue(SymbolKind.Parameter, parameter.Name, null, origin);
    }

    /// <summary>
    /// The value of a pinned parameter. A pin to "any other value" is symbolic in values, and in conditions a text
    /// no literal equals (so <c>Fn::Equals</c> with any literal of the template is false).
    /// </summary>
    private static Value PinnedValue(string name, ParameterPin pin, bool isList, SyntaxNode? origin, EvalState state)
    {
        if (pin.Value is null)
        {
            return state.ForCondition
                ? new LiteralValue(OtherValuePrefix + name, ScalarKind.String, origin)
                : new SymbolicValue(PseudoParameters.Contains(name) ? SymbolKind.PseudoParameter : SymbolKind.Parameter, name, null, origin);
        }

        return isList ? SplitList(pin.Value, origin) : new LiteralValue(pin.Value, ScalarKind.String, origin);
    }

    /// <summary>The text of a parameter's Default (list defaults joined with commas), or null without a usable one.</summary>
    internal static string? DefaultText(Parameter parameter) => parameter switch
    {
        { IsSsmParameter: true } => null,
        { Default: ScalarNode { IsNull: false } s } => s.Text,
        { Default: SequenceNode seq } when seq.Items.All(i => i is ScalarNode) => string.Join(",", seq.Items.Select(i => ((ScalarNode)i).Text)),
        _ => null,
    };

    private static ScalarKind DefaultKind(Parameter parameter) => parameter.Default is ScalarNode s ? s.ScalarKind : ScalarKind.String;

    private static ListValue SplitList(string text, SyntaxNode? origin) =>
        new(text.Split(',').Select(s => (Value)new LiteralValue(s.Trim(), ScalarKind.String, origin)).ToArray(), origin);

    private Value Evaluate(SyntaxNode? node, int depth, EvalState state)
    {
        if (node is null)
        {
            return new SymbolicValue(SymbolKind.Unknown, "missing");
        }

        if (depth > MaxDepth)
        {
            return new SymbolicValue(SymbolKind.Unknown, "too deep", null, node);
        }

        switch (node)
        {
            case ScalarNode s:
                return new LiteralValue(s.Text, s.ScalarKind, s);
            case SequenceNode seq:
                {
                    var items = new List<Value>(seq.Count);
                    foreach (var item in seq.Items)
                    {
                        var v = Evaluate(item, depth + 1, state);
                        if (v is not NoValue)
                        {
                            items.Add(v);
                        }
                    }

                    return new ListValue(items, seq);
                }

            case MappingNode map:
                {
                    var entries = new List<KeyValuePair<string, Value>>(map.Count);
                    foreach (var e in map.UniqueEntries)
                    {
                        var v = Evaluate(e.Value, depth + 1, state);
                        if (v is not NoValue)
                        {
                            entries.Add(new KeyValuePair<string, Value>(e.Key.Text, v));
                        }
                    }

                    return new MapValue(entries, map);
                }

            case IntrinsicNode fn:
                return EvaluateIntrinsic(fn, depth, state);
            default:
                return new SymbolicValue(SymbolKind.Unknown, node.Kind.ToString(), null, node);
        }
    }

    private Value EvaluateIntrinsic(IntrinsicNode fn, int depth, EvalState state)
    {
        var args = fn.Arguments;
        switch (fn.Name)
        {
            case "Ref" when fn.Argument is ScalarNode name:
                return ResolveRef(name.Text, fn, state);
            case "Fn::GetAtt" when args.Count == 2 && args[0] is ScalarNode res:
                {
                    var attr = Evaluate(args[1], depth + 1, state);
                    return new SymbolicValue(SymbolKind.GetAtt, res.Text, attr.AsString ?? attr.Display, fn);
                }

            case "Fn::Sub":
                return EvaluateSub(fn, depth, state);
            case "Fn::Join" when args.Count == 2:
                return EvaluateJoin(fn, Evaluate(args[0], depth + 1, state), Evaluate(args[1], depth + 1, state));
            case "Fn::Select" when args.Count == 2:
                {
                    var index = Evaluate(args[0], depth + 1, state).AsInteger;
                    var list = Evaluate(args[1], depth + 1, state);
                    if (index is long i && list is ListValue l)
                    {
                        return i >= 0 && i < l.Items.Count ? l.Items[(int)i] : new SymbolicValue(SymbolKind.Unknown, "Select index out of range", null, fn);
                    }

                    return new SymbolicValue(SymbolKind.Unknown, "Fn::Select", null, fn);
                }

            case "Fn::Split" when args.Count == 2:
                {
                    var delimiter = Evaluate(args[0], depth + 1, state).AsString;
                    var source = Evaluate(args[1], depth + 1, state);
                    if (delimiter is { Length: > 0 } && source is LiteralValue text)
                    {
                        return new ListValue(text.Text.Split(delimiter).Select(p => (Value)new LiteralValue(p, ScalarKind.String, fn)).ToArray(), fn);
                    }

                    return new SymbolicValue(SymbolKind.Unknown, "Fn::Split", null, fn);
                }

            case "Fn::FindInMap" when args.Count >= 3:
                {
                    var mapName = Evaluate(args[0], depth + 1, state).AsString;
                    var top = Evaluate(args[1], depth + 1, state).AsString;
                    var second = Evaluate(args[2], depth + 1, state).AsString;
                    if (mapName is not null && top is not null && second is not null
                        && Template.Mappings.TryGetValue(mapName, out var mapping)
                        && mapping.Get(top) is MappingNode level
                        && level.Get(second) is { } found)
                    {
                        return Evaluate(found, depth + 1, state);
                    }

                    // Fn::FindInMap with a DefaultValue (AWS::LanguageExtensions): when the keys are known and not found.
                    if (args.Count == 4 && args[3] is MappingNode defaults && defaults.Get("DefaultValue") is { } dv
                        && mapName is not null && top is not null && second is not null)
                    {
                        return Evaluate(dv, depth + 1, state);
                    }

                    return new SymbolicValue(SymbolKind.Unknown, "Fn::FindInMap", null, fn);
                }

            case "Fn::Base64":
                // Rules care about what is encoded (e.g. secrets in UserData), so the content is returned as is.
                return Evaluate(fn.Argument, depth + 1, state);
            case "Fn::If" when args.Count == 3 && args[0] is ScalarNode condition:
                {
                    var decided = EvaluateCondition(condition.Text, state.Scenario);
                    if (decided is bool b)
                    {
                        return Evaluate(b ? args[1] : args[2], depth + 1, state);
                    }

                    return new ConditionalValue(condition.Text, Evaluate(args[1], depth + 1, state), Evaluate(args[2], depth + 1, state), fn);
                }

            case "Fn::Length":
                // AWS::LanguageExtensions: the number of items of a list (AWS::NoValue items are dropped first).
                return Evaluate(fn.Argument, depth + 1, state) is ListValue counted
                    ? new LiteralValue(counted.Items.Count.ToString(CultureInfo.InvariantCulture), ScalarKind.Integer, fn)
                    : new SymbolicValue(SymbolKind.Unknown, fn.Name, null, fn);
            case "Fn::ToJsonString":
                // AWS::LanguageExtensions: a mapping or list as JSON text, when every part of it is known.
                return JsonText.Write(Evaluate(fn.Argument, depth + 1, state)) is { } json
                    ? new LiteralValue(json, ScalarKind.String, fn)
                    : new SymbolicValue(SymbolKind.Unknown, fn.Name, null, fn);
            case "Fn::ImportValue":
                return new SymbolicValue(SymbolKind.ImportValue, Evaluate(fn.Argument, depth + 1, state).Display, null, fn);
            case "Fn::GetAZs":
                return new SymbolicValue(SymbolKind.GetAZs, "GetAZs", null, fn);
            case "Fn::Cidr":
                return new SymbolicValue(SymbolKind.Cidr, "Cidr", null, fn);
            case "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not" or "Condition":
                {
                    var b = EvaluateConditionExpression(fn, depth + 1, state.Scenario, solve: true);
                    return b is bool value
                        ? new LiteralValue(value ? "true" : "false", ScalarKind.Boolean, fn)
                        : new SymbolicValue(SymbolKind.Unknown, fn.Name, null, fn);
                }

            default:
                return new SymbolicValue(SymbolKind.Unknown, fn.Name, null, fn);
        }
    }

    private static Value EvaluateJoin(IntrinsicNode fn, Value delimiterValue, Value listValue)
    {
        if (delimiterValue.AsString is not string delimiter || listValue is not ListValue list)
        {
            return new CompositeValue([listValue], fn);
        }

        if (list.Items.All(i => i is LiteralValue))
        {
            return new LiteralValue(string.Join(delimiter, list.Items.Select(i => ((LiteralValue)i).Text)), ScalarKind.String, fn);
        }

        var parts = new List<Value>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (i > 0 && delimiter.Length > 0)
            {
                parts.Add(LiteralValue.Of(delimiter));
            }

            parts.Add(list.Items[i]);
        }

        return Compose(parts, fn);
    }

    private Value EvaluateSub(IntrinsicNode fn, int depth, EvalState state)
    {
        string template;
        MappingNode? variables = null;
        if (fn.Argument is ScalarNode s)
        {
            template = s.Text;
        }
        else if (fn.Argument is SequenceNode { Count: >= 1 } seq && seq[0] is ScalarNode t)
        {
            template = t.Text;
            variables = seq.Count > 1 ? seq[1] as MappingNode : null;
        }
        else
        {
            return new SymbolicValue(SymbolKind.Unknown, "Fn::Sub", null, fn);
        }

        var parts = new List<Value>();
        foreach (var part in SubTemplate.Parse(template))
        {
            if (part.IsLiteral)
            {
                parts.Add(LiteralValue.Of(part.Text));
                continue;
            }

            if (variables?.Get(part.Text) is { } varNode)
            {
                parts.Add(Evaluate(varNode, depth + 1, state));
                continue;
            }

            var dot = part.Text.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && !part.Text.StartsWith("AWS::", StringComparison.Ordinal))
            {
                parts.Add(new SymbolicValue(SymbolKind.GetAtt, part.Text[..dot], part.Text[(dot + 1)..], fn));
            }
            else
            {
                parts.Add(ResolveRef(part.Text, fn, state));
            }
        }

        return Compose(parts, fn);
    }

    /// <summary>Concatenates parts: a literal if all are known, else a composite with adjacent literals merged.</summary>
    private static Value Compose(List<Value> parts, SyntaxNode? origin)
    {
        var merged = new List<Value>();
        var buffer = new StringBuilder();
        var anyUnknown = false;
        foreach (var p in parts)
        {
            if (p is LiteralValue l)
            {
                buffer.Append(l.Text);
            }
            else if (p is NoValue)
            {
                continue;
            }
            else
            {
                anyUnknown = true;
                if (buffer.Length > 0)
                {
                    merged.Add(LiteralValue.Of(buffer.ToString()));
                    buffer.Clear();
                }

                if (p is CompositeValue c)
                {
                    merged.AddRange(c.Parts);
                }
                else
                {
                    merged.Add(p);
                }
            }
        }

        if (!anyUnknown)
        {
            return new LiteralValue(buffer.ToString(), ScalarKind.String, origin);
        }

        if (buffer.Length > 0)
        {
            merged.Add(LiteralValue.Of(buffer.ToString()));
        }

        return new CompositeValue(merged, origin);
    }
}
