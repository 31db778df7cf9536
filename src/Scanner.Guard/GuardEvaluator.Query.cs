using System.Globalization;

namespace Scanner.Guard;

/// <summary>A query result: a value, or how far the query got before a key, index or wildcard failed.</summary>
internal readonly record struct QueryResult(GuardValue Value, bool IsResolved, bool IsLiteral, string? Remaining, string? Reason)
{
    public static QueryResult Resolved(GuardValue value) => new(value, true, false, null, null);

    public static QueryResult Literal(GuardValue value) => new(value, true, true, null, null);

    public static QueryResult Unresolved(GuardValue traversedTo, string remaining, string reason) => new(traversedTo, false, false, remaining, reason);
}

/// <summary>Variables visible at one level (file, rule, block, filter element); lookups walk outwards.</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, LetValue>? _lets;
    private Dictionary<string, List<QueryResult>>? _values;

    public Scope(Scope? parent, GuardValue root, IReadOnlyList<LetDeclaration>? lets)
    {
        Parent = parent;
        Root = root;
        if (lets is { Count: > 0 })
        {
            _lets = new Dictionary<string, LetValue>(StringComparer.Ordinal);
            foreach (var let in lets)
            {
                _lets[let.Name] = let.Value;
            }
        }
    }

    public Scope? Parent { get; }

    public GuardValue Root { get; }

    public void Bind(string name, List<QueryResult> values) => (_values ??= new(StringComparer.Ordinal))[name] = values;

    public bool TryGetBound(string name, out List<QueryResult> values)
    {
        if (_values is not null && _values.TryGetValue(name, out var v))
        {
            values = v;
            return true;
        }

        values = null!;
        return false;
    }

    public bool TryGetLet(string name, out LetValue let)
    {
        if (_lets is not null && _lets.TryGetValue(name, out var l))
        {
            let = l;
            return true;
        }

        let = null!;
        return false;
    }
}

/// <summary>The query half of the evaluator: variables, lets and query paths (keys, indices, wildcards, filters).</summary>
public sealed partial class GuardEvaluator
{
    internal List<QueryResult> EvaluateLet(LetValue value, Scope scope) => value switch
    {
        LiteralLet literal => [QueryResult.Literal(literal.Value)],
        QueryLet query => query.Query.MatchAll ? Query(query.Query, scope) : Query(query.Query, scope).FindAll(r => r.IsResolved),
        FunctionLet function => GuardFunctions.Call(function.Call, args => args.Select(a => EvaluateLet(a, scope)).ToList(), _file.Path),
        _ => [],
    };

    private List<QueryResult> ResolveVariable(string name, Scope scope)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.TryGetBound(name, out var bound))
            {
                return bound;
            }

            if (s.TryGetLet(name, out var let))
            {
                var values = EvaluateLet(let, s);
                s.Bind(name, values);
                return values;
            }
        }

        throw new GuardEvaluationException($"{_file.Path}: Could not resolve variable %{name}.");
    }

    private List<QueryResult> Query(GuardQuery query, Scope scope)
    {
        return Retrieve(0, query.Parts, scope.Root, scope, null);
    }

    private List<QueryResult> Retrieve(int index, IReadOnlyList<QueryPart> parts, GuardValue current, Scope scope, Func<string, string>? converter)
    {
        if (index >= parts.Count)
        {
            return [QueryResult.Resolved(current)];
        }

        if (index == 0 && parts[0] is VariablePart head)
        {
            var retrieved = ResolveVariable(head.Name, scope);
            var next = parts.Count > 1 && parts[1] is AllIndicesPart ? 2 : 1;
            var resolved = new List<QueryResult>(retrieved.Count);
            foreach (var each in retrieved)
            {
                if (!each.IsResolved || next >= parts.Count)
                {
                    resolved.Add(each);
                    continue;
                }

                resolved.AddRange(Retrieve(next, parts, each.Value, scope, converter));
            }

            return resolved;
        }

        var part = parts[index];
        switch (part)
        {
            case ThisPart:
                return Retrieve(index + 1, parts, current, scope, converter);

            case KeyPart key:
                {
                    if (int.TryParse(key.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var idx))
                    {
                        return current.Kind == GuardValueKind.List
                            ? RetrieveIndex(index, parts, current, idx, scope, converter)
                            : [Unresolved(current, parts, index, $"Attempting to retrieve from index {idx} but type is not an array at path {current.Path}")];
                    }

                    if (current.Kind != GuardValueKind.Map)
                    {
                        return [Unresolved(current, parts, index, $"Attempting to retrieve from key {key.Key} but type is not an struct type at path {current.Path}, Type = {current.TypeName}")];
                    }

                    if (current.Get(key.Key) is { } found)
                    {
                        return Retrieve(index + 1, parts, found, scope, converter);
                    }

                    if (converter is not null)
                    {
                        if (current.Get(converter(key.Key)) is { } converted)
                        {
                            return Retrieve(index + 1, parts, converted, scope, converter);
                        }
                    }
                    else
                    {
                        var variants = KeyCase.Variants(key.Key);
                        for (var c = 0; c < variants.Length; c++)
                        {
                            if (current.Get(variants[c]) is { } converted)
                            {
                                return Retrieve(index + 1, parts, converted, scope, KeyCase.Converters[c]);
                            }
                        }
                    }

                    return [Unresolved(current, parts, index, $"Could not find key {key.Key} inside struct at path {current.Path}")];
                }

            case VariablePart interpolated:
                return RetrieveInterpolated(index, parts, current, interpolated.Name, scope, converter);

            case IndexPart ix:
                return current.Kind == GuardValueKind.List
                    ? RetrieveIndex(index, parts, current, ix.Index, scope, converter)
                    : [Unresolved(current, parts, index, $"Attempting to retrieve from index {ix.Index} but type is not an array at path {current.Path}")];

            case AllIndicesPart all:
                if (current.Kind == GuardValueKind.List)
                {
                    return EachItem(index, parts, current, current.Items, scope, converter);
                }

                if (current.Kind == GuardValueKind.Map && all.Capture is not null)
                {
                    return EachItem(index, parts, current, current.Values, scope, converter);
                }

                return Retrieve(index + 1, parts, current, scope, converter);

            case AllValuesPart:
                return current.Kind switch
                {
                    GuardValueKind.List => EachItem(index, parts, current, current.Items, scope, converter),
                    GuardValueKind.Map => EachItem(index, parts, current, current.Values, scope, converter),
                    _ => Retrieve(index + 1, parts, current, scope, converter),
                };

            case FilterPart filter:
                return RetrieveFiltered(index, parts, current, filter, scope, converter);

            case KeysFilterPart keys:
                {
                    if (current.Kind != GuardValueKind.Map)
                    {
                        return [Unresolved(current, parts, index, $"Attempting to filter keys but type is not a struct at path {current.Path}")];
                    }

                    var rhs = EvaluateLet(keys.Rhs, scope);
                    var selected = new List<QueryResult>();
                    if (rhs.Count == 0)
                    {
                        return selected;
                    }

                    var rhsValue = rhs.Count == 1 ? rhs[0].Value : GuardValue.List(rhs.Where(r => r.IsResolved).Select(r => r.Value).ToList());
                    for (var i = 0; i < current.Keys.Count; i++)
                    {
                        var c = keys.Operator == GuardOperator.In ? GuardComparison.In(current.Keys[i], rhsValue) : GuardComparison.CompareLiteral(GuardOperator.Eq, current.Keys[i], rhsValue);
                        if (c != GuardComparison.Cmp.NotComparable && (c == GuardComparison.Cmp.True) != keys.Negated)
                        {
                            selected.AddRange(Retrieve(index + 1, parts, current.Values[i], scope, converter));
                        }
                    }

                    return selected;
                }

            default:
                throw new GuardEvaluationException($"Unsupported query part {part}.");
        }
    }

    private List<QueryResult> RetrieveInterpolated(int index, IReadOnlyList<QueryPart> parts, GuardValue current, string name, Scope scope, Func<string, string>? converter)
    {
        if (current.Kind != GuardValueKind.Map)
        {
            return [Unresolved(current, parts, index, $"Attempting to retrieve from key %{name} but type is not an struct type at path {current.Path}")];
        }

        var keys = ResolveVariable(name, scope);
        var next = index + 1;
        if (next < parts.Count && parts[next] is IndexPart ix)
        {
            var at = Math.Abs(ix.Index);
            if (at >= keys.Count)
            {
                return [Unresolved(current, parts, index, $"Index {ix.Index} on the values of variable {name} is out of bounds")];
            }

            keys = [keys[at]];
            next++;
        }

        var acc = new List<QueryResult>(keys.Count);
        foreach (var key in keys)
        {
            if (!key.IsResolved)
            {
                acc.Add(Unresolved(current, parts, index, $"Keys returned for variable {name} could not completely resolve"));
                continue;
            }

            IEnumerable<GuardValue> names = key.Value.Kind switch
            {
                GuardValueKind.String => [key.Value],
                GuardValueKind.List => key.Value.Items,
                _ => throw new GuardEvaluationException($"{_file.Path}: variable %{name} used as a key must hold strings, not {key.Value.TypeName}."),
            };
            foreach (var n in names)
            {
                if (n.Kind != GuardValueKind.String)
                {
                    throw new GuardEvaluationException($"{_file.Path}: variable %{name} used as a key must hold strings, not {n.TypeName}.");
                }

                if (current.Get(n.Text) is { } found)
                {
                    acc.AddRange(Retrieve(next, parts, found, scope, converter));
                }
                else
                {
                    acc.Add(Unresolved(current, parts, index, $"Could not locate key = {n.Text} inside struct at path = {current.Path}"));
                }
            }
        }

        return acc;
    }

    private List<QueryResult> RetrieveIndex(int index, IReadOnlyList<QueryPart> parts, GuardValue list, int idx, Scope scope, Func<string, string>? converter)
    {
        var at = Math.Abs(idx);
        return at < list.Items.Count
            ? Retrieve(index + 1, parts, list.Items[at], scope, converter)
            : [Unresolved(list, parts, index, $"Array Index out of bounds for path = {list.Path} on index = {idx} inside Array = {list.Items.Count} elements")];
    }

    private List<QueryResult> EachItem(int index, IReadOnlyList<QueryPart> parts, GuardValue container, IReadOnlyList<GuardValue> items, Scope scope, Func<string, string>? converter)
    {
        if (items.Count == 0)
        {
            return [Unresolved(container, parts, index, $"No entries in the {(container.Kind == GuardValueKind.List ? "array" : "struct")} at path {container.Path}")];
        }

        var acc = new List<QueryResult>(items.Count);
        foreach (var item in items)
        {
            acc.AddRange(Retrieve(index + 1, parts, item, scope, converter));
        }

        return acc;
    }

    private List<QueryResult> RetrieveFiltered(int index, IReadOnlyList<QueryPart> parts, GuardValue current, FilterPart filter, Scope scope, Func<string, string>? converter)
    {
        var previous = index > 0 ? parts[index - 1] : null;
        var afterWildcard = previous is AllValuesPart or AllIndicesPart;
        switch (current.Kind)
        {
            case GuardValueKind.Map when afterWildcard:
                return Selects(filter, current, scope) ? Retrieve(index + 1, parts, current, scope, converter) : [];
            case GuardValueKind.Map or GuardValueKind.List:
                {
                    // A filter on a map selects among its values, on a list among its items.
                    var acc = new List<QueryResult>();
                    foreach (var value in current.Kind == GuardValueKind.Map ? current.Values : current.Items)
                    {
                        if (Selects(filter, value, scope))
                        {
                            acc.AddRange(Retrieve(index + 1, parts, value, scope, converter));
                        }
                    }

                    return acc;
                }

            default:
                if (afterWildcard)
                {
                    return Selects(filter, current, scope) ? Retrieve(index + 1, parts, current, scope, converter) : [];
                }

                return [Unresolved(current, parts, index, $"Filter on value type that was not a struct or array {current.TypeName} {current.Path}")];
        }
    }

    private bool Selects(FilterPart filter, GuardValue value, Scope scope)
    {
        var elementScope = new Scope(scope, value, null);
        return EvaluateConjunctions(filter.Conjunctions, elementScope, null) == GuardStatus.Pass;
    }

    private static QueryResult Unresolved(GuardValue traversedTo, IReadOnlyList<QueryPart> parts, int index, string reason) =>
        QueryResult.Unresolved(traversedTo, RemainingText(parts, index), reason);

    private static string RemainingText(IReadOnlyList<QueryPart> parts, int index)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = index; i < parts.Count; i++)
        {
            if (sb.Length > 0 && parts[i] is KeyPart or VariablePart or AllValuesPart)
            {
                sb.Append('.');
            }

            sb.Append(parts[i] switch
            {
                KeyPart k => k.Key,
                VariablePart v => "%" + v.Name,
                IndexPart ix => "[" + ix.Index.ToString(CultureInfo.InvariantCulture) + "]",
                AllValuesPart => "*",
                AllIndicesPart => "[*]",
                ThisPart => "this",
                _ => "[filter]",
            });
        }

        return sb.ToString();
    }
}
