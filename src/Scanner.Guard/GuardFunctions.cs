using System.Globalization;
using System.Text;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Guard;

/// <summary>The built-in functions of Guard 3.1.1; each maps over the values of its first argument.</summary>
internal static class GuardFunctions
{
    public static List<QueryResult> Call(FunctionCall call, Func<IReadOnlyList<LetValue>, List<List<QueryResult>>> evaluate, string file)
    {
        var args = evaluate(call.Arguments);
        string Where() => $"{file}:{call.Position}";

        void Arity(int n)
        {
            if (args.Count != n)
            {
                throw new GuardEvaluationException($"{Where()}: {call.Name} expects {n} argument(s) but got {args.Count}.");
            }
        }

        IEnumerable<GuardValue> Strings(List<QueryResult> values) =>
            values.Where(v => v.IsResolved && v.Value.Kind == GuardValueKind.String).Select(v => v.Value);

        string SingleString(List<QueryResult> values, string what) =>
            values.Count == 1 && values[0].IsResolved && values[0].Value.Kind is GuardValueKind.String or GuardValueKind.Regex or GuardValueKind.Char
                ? values[0].Value.Text
                : throw new GuardEvaluationException($"{Where()}: {call.Name} expects {what} to be a string.");

        long SingleInt(List<QueryResult> values, string what) =>
            values.Count == 1 && values[0].IsResolved && values[0].Value.Kind == GuardValueKind.Int
                ? values[0].Value.Int
                : throw new GuardEvaluationException($"{Where()}: {call.Name} expects {what} to be an integer.");

        switch (call.Name)
        {
            case "count":
                Arity(1);
                return [QueryResult.Literal(GuardValue.Integer(args[0].Count(v => v.IsResolved)))];

            case "to_upper" or "to_lower":
                Arity(1);
                return Strings(args[0]).Select(v => QueryResult.Resolved(GuardValue.String(call.Name == "to_upper" ? v.Text.ToUpperInvariant() : v.Text.ToLowerInvariant(), v.Path, v.Node))).ToList();

            case "url_decode":
                Arity(1);
                return Strings(args[0]).Select(v => QueryResult.Resolved(GuardValue.String(Uri.UnescapeDataString(v.Text.Replace('+', ' ')), v.Path, v.Node))).ToList();

            case "join":
                {
                    Arity(2);
                    var delimiter = SingleString(args[1], "the delimiter");
                    var parts = new List<string>();
                    foreach (var v in args[0])
                    {
                        if (!v.IsResolved || v.Value.Kind != GuardValueKind.String)
                        {
                            throw new GuardEvaluationException($"{Where()}: join needs string values; pass a query ending in [*] rather than a list.");
                        }

                        parts.Add(v.Value.Text);
                    }

                    return [QueryResult.Resolved(GuardValue.String(string.Join(delimiter, parts)))];
                }

            case "substring":
                {
                    Arity(3);
                    var from = SingleInt(args[1], "the start");
                    var to = SingleInt(args[2], "the end");
                    var result = new List<QueryResult>();
                    foreach (var v in Strings(args[0]))
                    {
                        var bytes = Encoding.UTF8.GetBytes(v.Text);
                        if (from < 0 || to > bytes.Length || from >= to)
                        {
                            continue;
                        }

                        result.Add(QueryResult.Resolved(GuardValue.String(Encoding.UTF8.GetString(bytes, (int)from, (int)(to - from)), v.Path, v.Node)));
                    }

                    return result;
                }

            case "regex_replace":
                {
                    Arity(3);
                    var pattern = SingleString(args[1], "the pattern");
                    var replacement = SingleString(args[2], "the replacement");
                    var regex = GuardRegex.Get(pattern);
                    var result = new List<QueryResult>();
                    foreach (var v in Strings(args[0]))
                    {
                        var sb = new StringBuilder();
                        foreach (System.Text.RegularExpressions.Match m in regex.Matches(v.Text))
                        {
                            sb.Append(m.Result(replacement.Replace("${", "${", StringComparison.Ordinal)));
                        }

                        result.Add(QueryResult.Resolved(GuardValue.String(sb.ToString(), v.Path, v.Node)));
                    }

                    return result;
                }

            case "json_parse":
                {
                    Arity(1);
                    var result = new List<QueryResult>();
                    foreach (var v in Strings(args[0]))
                    {
                        var tree = TemplateParser.Parse("json_parse", v.Text);
                        if (tree.Root is null || tree.Diagnostics.Any(d => d.RuleId == "E0000"))
                        {
                            throw new GuardEvaluationException($"{Where()}: json_parse could not parse the value at {v.Path}.");
                        }

                        result.Add(QueryResult.Resolved(GuardData.FromTree(tree, GuardDataMode.Test)));
                    }

                    return result;
                }

            case "parse_int" or "parse_float" or "parse_boolean" or "parse_string" or "parse_char":
                {
                    Arity(1);
                    var result = new List<QueryResult>();
                    foreach (var r in args[0].Where(r => r.IsResolved))
                    {
                        var v = r.Value;
                        GuardValue? converted = call.Name switch
                        {
                            "parse_int" => v.Kind switch
                            {
                                GuardValueKind.Int => v,
                                GuardValueKind.Float => GuardValue.Integer((long)v.Float, v.Path, v.Node),
                                GuardValueKind.String => long.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                                    ? GuardValue.Integer(l, v.Path, v.Node)
                                    : throw new GuardEvaluationException($"{Where()}: parse_int cannot read '{v.Text}'."),
                                _ => null,
                            },
                            "parse_float" => v.Kind switch
                            {
                                GuardValueKind.Float => v,
                                GuardValueKind.Int => GuardValue.FloatValue(v.Int, v.Path, v.Node),
                                GuardValueKind.String => double.TryParse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                                    ? GuardValue.FloatValue(d, v.Path, v.Node)
                                    : throw new GuardEvaluationException($"{Where()}: parse_float cannot read '{v.Text}'."),
                                _ => null,
                            },
                            "parse_boolean" => v.Kind switch
                            {
                                GuardValueKind.Bool => v,
                                GuardValueKind.String => v.Text.Equals("true", StringComparison.OrdinalIgnoreCase) ? GuardValue.Boolean(true, v.Path, v.Node)
                                    : v.Text.Equals("false", StringComparison.OrdinalIgnoreCase) ? GuardValue.Boolean(false, v.Path, v.Node)
                                    : throw new GuardEvaluationException($"{Where()}: parse_boolean cannot read '{v.Text}'."),
                                _ => null,
                            },
                            "parse_string" => v.Kind switch
                            {
                                GuardValueKind.String => v,
                                GuardValueKind.Int or GuardValueKind.Float or GuardValueKind.Bool or GuardValueKind.Char => GuardValue.String(v.Text, v.Path, v.Node),
                                _ => null,
                            },
                            _ => v.Kind switch
                            {
                                GuardValueKind.Char => v,
                                GuardValueKind.String when v.Text.Length == 1 => GuardValue.Char(v.Text[0]),
                                GuardValueKind.String => throw new GuardEvaluationException($"{Where()}: parse_char needs a one-character string, not '{v.Text}'."),
                                _ => null,
                            },
                        };
                        if (converted is not null)
                        {
                            result.Add(QueryResult.Resolved(converted));
                        }
                    }

                    return result;
                }

            default:
                throw new GuardEvaluationException($"{Where()}: unknown function '{call.Name}'.");
        }
    }
}
