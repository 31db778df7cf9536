using System.Text;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Evaluation;

/// <summary>
/// Resolves intrinsic functions as far as the template and the given values allow. Thread-confined: one evaluator
/// per template analysis (it memoizes conditions).
/// </summary>
public sealed class TemplateEvaluator
{
    public static readonly IReadOnlySet<string> PseudoParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    private const int MaxDepth = 64;

    private readonly Dictionary<string, bool?> _conditions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluatingConditions = new(StringComparer.Ordinal);

    public TemplateEvaluator(Template template, EvaluationSettings? settings = null)
    {
        Template = template;
        Settings = settings ?? EvaluationSettings.Default;
    }

    public Template Template { get; }

    public EvaluationSettings Settings { get; }

    /// <summary>Evaluates a node; null input gives an Unknown symbol named "missing".</summary>
    public Value Evaluate(SyntaxNode? node) => Evaluate(node, 0);

    /// <summary>The value of a Ref: parameter (given value, else default, else symbolic), pseudo parameter or resource.</summary>
    public Value ResolveRef(string name, SyntaxNode? origin = null)
    {
        if (Template.Parameters.TryGetValue(name, out var parameter))
        {
            return ParameterValue(parameter, origin);
        }

        if (name == "AWS::NoValue")
        {
            return new NoValue(origin);
        }

        if (PseudoParameters.Contains(name))
        {
            return Settings.PseudoParameterValues.TryGetValue(name, out var v)
                ? new LiteralValue(v, ScalarKind.String, origin)
                : new SymbolicValue(SymbolKind.PseudoParameter, name, null, origin);
        }

        if (Template.GetResource(name) is not null)
        {
            return new SymbolicValue(SymbolKind.ResourceRef, name, null, origin);
        }

        return new SymbolicValue(SymbolKind.Unknown, name, null, origin);
    }

    /// <summary>Decides a named condition: --condition-values first, else its expression. Null = cannot be decided.</summary>
    public bool? EvaluateCondition(string name)
    {
        if (Settings.ConditionValues.TryGetValue(name, out var given))
        {
            return given;
        }

        if (_conditions.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (!Template.Conditions.TryGetValue(name, out var expression) || !_evaluatingConditions.Add(name))
        {
            return null; // undeclared (reported as E1003) or circular
        }

        try
        {
            var result = EvaluateConditionExpression(expression, 0);
            _conditions[name] = result;
            return result;
        }
        finally
        {
            _evaluatingConditions.Remove(name);
        }
    }

    /// <summary>Evaluates a condition expression (Fn::Equals/And/Or/Not/Condition).</summary>
    public bool? EvaluateConditionExpression(SyntaxNode? node, int depth)
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
                return EvaluateCondition(s.Text);
            case "Fn::Equals" when args.Count == 2:
                {
                    var a = Evaluate(args[0], depth + 1);
                    var b = Evaluate(args[1], depth + 1);
                    return a is LiteralValue la && b is LiteralValue lb ? la.Text == lb.Text : null;
                }

            case "Fn::Not" when args.Count == 1:
                return !EvaluateConditionExpression(args[0], depth + 1);
            case "Fn::And":
                {
                    bool? result = true;
                    foreach (var a in args)
                    {
                        var v = EvaluateConditionExpression(a, depth + 1);
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
                        var v = EvaluateConditionExpression(a, depth + 1);
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

    private Value ParameterValue(Parameter parameter, SyntaxNode? origin)
    {
        if (Settings.ParameterValues.TryGetValue(parameter.Name, out var given))
        {
            return parameter.IsList ? SplitList(given, origin) : new LiteralValue(given, ScalarKind.String, origin);
        }

        if (parameter.Default is not null && !parameter.IsSsmParameter)
        {
            var value = Evaluate(parameter.Default, 1);
            if (parameter.IsList && value is LiteralValue l)
            {
                return SplitList(l.Text, origin);
            }

            return value with { Origin = origin ?? value.Origin };
        }

        return new SymbolicValue(SymbolKind.Parameter, parameter.Name, null, origin);
    }

    private static ListValue SplitList(string text, SyntaxNode? origin) =>
        new(text.Split(',').Select(s => (Value)new LiteralValue(s.Trim(), ScalarKind.String, origin)).ToArray(), origin);

    private Value Evaluate(SyntaxNode? node, int depth)
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
                        var v = Evaluate(item, depth + 1);
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
                        var v = Evaluate(e.Value, depth + 1);
                        if (v is not NoValue)
                        {
                            entries.Add(new KeyValuePair<string, Value>(e.Key.Text, v));
                        }
                    }

                    return new MapValue(entries, map);
                }

            case IntrinsicNode fn:
                return EvaluateIntrinsic(fn, depth);
            default:
                return new SymbolicValue(SymbolKind.Unknown, node.Kind.ToString(), null, node);
        }
    }

    private Value EvaluateIntrinsic(IntrinsicNode fn, int depth)
    {
        var args = fn.Arguments;
        switch (fn.Name)
        {
            case "Ref" when fn.Argument is ScalarNode name:
                return ResolveRef(name.Text, fn);
            case "Fn::GetAtt" when args.Count == 2 && args[0] is ScalarNode res:
                {
                    var attr = Evaluate(args[1], depth + 1);
                    return new SymbolicValue(SymbolKind.GetAtt, res.Text, attr.AsString ?? attr.Display, fn);
                }

            case "Fn::Sub":
                return EvaluateSub(fn, depth);
            case "Fn::Join" when args.Count == 2:
                return EvaluateJoin(fn, Evaluate(args[0], depth + 1), Evaluate(args[1], depth + 1));
            case "Fn::Select" when args.Count == 2:
                {
                    var index = Evaluate(args[0], depth + 1).AsInteger;
                    var list = Evaluate(args[1], depth + 1);
                    if (index is long i && list is ListValue l)
                    {
                        return i >= 0 && i < l.Items.Count ? l.Items[(int)i] : new SymbolicValue(SymbolKind.Unknown, "Select index out of range", null, fn);
                    }

                    return new SymbolicValue(SymbolKind.Unknown, "Fn::Select", null, fn);
                }

            case "Fn::Split" when args.Count == 2:
                {
                    var delimiter = Evaluate(args[0], depth + 1).AsString;
                    var source = Evaluate(args[1], depth + 1);
                    if (delimiter is { Length: > 0 } && source is LiteralValue text)
                    {
                        return new ListValue(text.Text.Split(delimiter).Select(p => (Value)new LiteralValue(p, ScalarKind.String, fn)).ToArray(), fn);
                    }

                    return new SymbolicValue(SymbolKind.Unknown, "Fn::Split", null, fn);
                }

            case "Fn::FindInMap" when args.Count >= 3:
                {
                    var mapName = Evaluate(args[0], depth + 1).AsString;
                    var top = Evaluate(args[1], depth + 1).AsString;
                    var second = Evaluate(args[2], depth + 1).AsString;
                    if (mapName is not null && top is not null && second is not null
                        && Template.Mappings.TryGetValue(mapName, out var mapping)
                        && mapping.Get(top) is MappingNode level
                        && level.Get(second) is { } found)
                    {
                        return Evaluate(found, depth + 1);
                    }

                    // Fn::FindInMap with a DefaultValue (AWS::LanguageExtensions).
                    if (args.Count == 4 && args[3] is MappingNode defaults && defaults.Get("DefaultValue") is { } dv)
                    {
                        return Evaluate(dv, depth + 1);
                    }

                    return new SymbolicValue(SymbolKind.Unknown, "Fn::FindInMap", null, fn);
                }

            case "Fn::Base64":
                // Rules care about what is encoded (e.g. secrets in UserData), so the content is returned as is.
                return Evaluate(fn.Argument, depth + 1);
            case "Fn::If" when args.Count == 3 && args[0] is ScalarNode condition:
                {
                    var decided = EvaluateCondition(condition.Text);
                    if (decided is bool b)
                    {
                        return Evaluate(b ? args[1] : args[2], depth + 1);
                    }

                    return new ConditionalValue(condition.Text, Evaluate(args[1], depth + 1), Evaluate(args[2], depth + 1), fn);
                }

            case "Fn::ImportValue":
                return new SymbolicValue(SymbolKind.ImportValue, Evaluate(fn.Argument, depth + 1).Display, null, fn);
            case "Fn::GetAZs":
                return new SymbolicValue(SymbolKind.GetAZs, "GetAZs", null, fn);
            case "Fn::Cidr":
                return new SymbolicValue(SymbolKind.Cidr, "Cidr", null, fn);
            case "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not" or "Condition":
                {
                    var b = EvaluateConditionExpression(fn, depth + 1);
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

    private Value EvaluateSub(IntrinsicNode fn, int depth)
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
                parts.Add(Evaluate(varNode, depth + 1));
                continue;
            }

            var dot = part.Text.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && !part.Text.StartsWith("AWS::", StringComparison.Ordinal))
            {
                parts.Add(new SymbolicValue(SymbolKind.GetAtt, part.Text[..dot], part.Text[(dot + 1)..], fn));
            }
            else
            {
                parts.Add(ResolveRef(part.Text, fn));
            }
        }

        return Compose(parts, fn);
    }

    /// <summary>Concatenates parts: a literal if all are known, else a composite with adjacent literals merged.</summary>
    private static Value Compose(List<Value> parts, SyntaxNode origin)
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
