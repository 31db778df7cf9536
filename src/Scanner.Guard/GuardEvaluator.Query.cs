using System.Globalization;

namespace Scanner.Guard;

/// <summary>
/// A query result: a value, or how far the query got before a key, index or wildcard failed (<see cref="Why"/>).
/// </summary>
internal readonly record struct QueryResult(GuardValue Value, bool IsResolved, bool IsLiteral, Unresolution? Why)
{
    public static QueryResult Resolved(GuardValue value) => new(value, true, false, null);

    public static QueryResult Literal(GuardValue value) => new(value, true, true, null);

    /// <summary>The part of the query that could not be followed (null when resolved).</summary>
    public string? Remaining => Why?.Remaining;

    /// <summary>Why the query stopped (null when resolved).</summary>
    public string? Reason => Why?.Reason;
}

/// <summary>Why a query stopped where it did.</summary>
internal enum UnresolvedReason
{
    NotAnArray,
    NotAStruct,
    MissingKey,
    KeysFilterNotStruct,
    InterpolationNotStruct,
    VariableIndexOutOfBounds,
    VariableKeysUnresolved,
    MissingInterpolatedKey,
    IndexOutOfBounds,
    NoEntries,
    FilterNotContainer,
}

/// <summary>
/// Where and why a query stopped. Most unresolved results are only counted or dropped (in filters, <c>when</c>
/// conditions and <c>some</c> queries), so the texts cfn-guard prints for them are built only when asked for.
/// </summary>
internal sealed class Unresolution(GuardValue traversedTo, IReadOnlyList<QueryPart> parts, int index, UnresolvedReason reason, string? name, int number)
{
    private string? _remaining;
    private string? _reason;

    public string Remaining => _remaining ??= RemainingText(parts, index);

    public string Reason => _reason ??= reason switch
    {
        UnresolvedReason.NotAnArray => $"Attempting to retrieve from index {number} but type is not an array at path {traversedTo.Path}",
        UnresolvedReason.NotAStruct => $"Attempting to retrieve from key {name} but type is not an struct type at path {traversedTo.Path}, Type = {traversedTo.TypeName}",
        UnresolvedReason.MissingKey => $"Could not find key {name} inside struct at path {traversedTo.Path}",
        UnresolvedReason.KeysFilterNotStruct => $"Attempting to filter keys but type is not a struct at path {traversedTo.Path}",
        UnresolvedReason.InterpolationNotStruct => $"Attempting to retrieve from key %{name} but type is not an struct type at path {traversedTo.Path}",
        UnresolvedReason.VariableIndexOutOfBounds => $"Index {number} on the values of variable {name} is out of bounds",
        UnresolvedReason.VariableKeysUnresolved => $"Keys returned for variable {name} could not completely resolve",
        UnresolvedReason.MissingInterpolatedKey => $"Could not locate key = {name} inside struct at path = {traversedTo.Path}",
        UnresolvedReason.IndexOutOfBounds => $"Array Index out of bounds for path = {traversedTo.Path} on index = {number} inside Array = {traversedTo.Items.Count} elements",
        UnresolvedReason.NoEntries => $"No entries in the {(traversedTo.Kind == GuardValueKind.List ? "array" : "struct")} at path {traversedTo.Path}",
        _ => $"Filter on value type that was not a struct or array {traversedTo.TypeName} {traversedTo.Path}",
    };

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

/// <summary>
/// Variables visible at one level (file, rule, block, filter element); lookups walk outwards. A scope keeps its
/// block's declarations as they are (blocks declare few variables, so a scan beats building a dictionary for each of
/// the many scopes an evaluation opens) and evaluates each at most once.
/// </summary>
internal sealed class Scope
{
    private readonly IReadOnlyList<LetDeclaration>? _lets;
    private List<QueryResult>?[]? _letValues;
    private List<KeyValuePair<string, List<QueryResult>>>? _parameters;

    public Scope(Scope? parent, GuardValue root, IReadOnlyList<LetDeclaration>? lets)
    {
        Parent = parent;
        Root = root;
        _lets = lets is { Count: > 0 } ? lets : null;
    }

    public Scope? Parent { get; }

    public GuardValue Root { get; }

    /// <summary>Binds a parameter of a parameterized rule.</summary>
    public void Bind(string name, List<QueryResult> values)
    {
        _parameters ??= [];
        for (var i = 0; i < _parameters.Count; i++)
        {
            if (string.Equals(_parameters[i].Key, name, StringComparison.Ordinal))
            {
                _parameters[i] = new(name, values);
                return;
            }
        }

        _parameters.Add(new(name, values));
    }

    public bool TryGetParameter(string name, out List<QueryResult> values)
    {
        if (_parameters is not null)
        {
            for (var i = 0; i < _parameters.Count; i++)
            {
                if (string.Equals(_parameters[i].Key, name, StringComparison.Ordinal))
                {
                    values = _parameters[i].Value;
                    return true;
                }
            }
        }

        values = null!;
        return false;
    }

    /// <summary>The index of the declaration of <paramref name="name"/> here (the last one wins), or -1.</summary>
    public int LetIndex(string name)
    {
        if (_lets is not null)
        {
            for (var i = _lets.Count - 1; i >= 0; i--)
            {
                if (string.Equals(_lets[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    public LetValue LetAt(int index) => _lets![index].Value;

    public List<QueryResult>? LetValueAt(int index) => _letValues?[index];

    public void SetLetValue(int index, List<QueryResult> values) => (_letValues ??= new List<QueryResult>?[_lets!.Count])[index] = values;
}

/// <summary>
/// The query half of the evaluator: variables, lets and query paths (keys, indices, wildcards, filters). Queries
/// append to one result list rather than building a list per step; lists handed out for variables are never changed
/// afterwards, so they are shared rather than copied.
/// </summary>
public sealed partial class GuardEvaluator
{
    internal List<QueryResult> EvaluateLet(LetValue value, Scope scope)
    {
        switch (value)
        {
            case LiteralLet literal:
                return [QueryResult.Literal(literal.Value)];
            case QueryLet { Query: { MatchAll: true, IsBareVariable: true } bare }:
                return ResolveVariable(((VariablePart)bare.Parts[0]).Name, scope);
            case QueryLet query:
                {
                    var results = new List<QueryResult>();
                    Retrieve(0, query.Query.Parts, scope.Root, scope, null, results);
                    if (!query.Query.MatchAll)
                    {
                        results.RemoveAll(r => !r.IsResolved);
                    }

                    return results;
                }

            case FunctionLet function:
                return GuardFunctions.Call(function.Call, args => args.Select(a => EvaluateLet(a, scope)).ToList(), _file.Path);
            default:
                return [];
        }
    }

    private List<QueryResult> ResolveVariable(string name, Scope scope)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.TryGetParameter(name, out var bound))
            {
                return bound;
            }

            var at = s.LetIndex(name);
            if (at >= 0)
            {
                if (s.LetValueAt(at) is { } known)
                {
                    return known;
                }

                var values = EvaluateLet(s.LetAt(at), s);
                s.SetLetValue(at, values);
                return values;
            }
        }

        throw new GuardEvaluationException($"{_file.Path}: Could not resolve variable %{name}.");
    }

    /// <summary>Runs <paramref name="query"/> into <paramref name="results"/> (usually a list from <see cref="Rent"/>).</summary>
    private void Query(GuardQuery query, Scope scope, List<QueryResult> results) => Retrieve(0, query.Parts, scope.Root, scope, null, results);

    private void Retrieve(int index, IReadOnlyList<QueryPart> parts, GuardValue current, Scope scope, Func<string, string>? converter, List<QueryResult> acc)
    {
        if (index >= parts.Count)
        {
            acc.Add(QueryResult.Resolved(current));
            return;
        }

        var part = parts[index];
        if (index == 0 && part is VariablePart head)
        {
            var retrieved = ResolveVariable(head.Name, scope);
            var next = parts.Count > 1 && parts[1] is AllIndicesPart ? 2 : 1;
            for (var i = 0; i < retrieved.Count; i++)
            {
                var each = retrieved[i];
                if (!each.IsResolved || next >= parts.Count)
                {
                    acc.Add(each);
                }
                else
                {
                    Retrieve(next, parts, each.Value, scope, converter, acc);
                }
            }

            return;
        }

        switch (part)
        {
            case ThisPart:
                Retrieve(index + 1, parts, current, scope, converter, acc);
                return;

            case KeyPart key:
                RetrieveKey(index, parts, current, key, scope, converter, acc);
                return;

            case VariablePart interpolated:
                RetrieveInterpolated(index, parts, current, interpolated.Name, scope, converter, acc);
                return;

            case IndexPart ix:
                if (current.Kind == GuardValueKind.List)
                {
                    RetrieveIndex(index, parts, current, ix.Index, scope, converter, acc);
                }
                else
                {
                    acc.Add(Unresolved(current, parts, index, UnresolvedReason.NotAnArray, null, ix.Index));
                }

                return;

            case AllIndicesPart all:
                if (current.Kind == GuardValueKind.List)
                {
                    EachItem(index, parts, current, current.Items, scope, converter, acc);
                }
                else if (current.Kind == GuardValueKind.Map && all.Capture is not null)
                {
                    EachItem(index, parts, current, current.Values, scope, converter, acc);
                }
                else
                {
                    Retrieve(index + 1, parts, current, scope, converter, acc);
                }

                return;

            case AllValuesPart:
                switch (current.Kind)
                {
                    case GuardValueKind.List:
                        EachItem(index, parts, current, current.Items, scope, converter, acc);
                        break;
                    case GuardValueKind.Map:
                        EachItem(index, parts, current, current.Values, scope, converter, acc);
                        break;
                    default:
                        Retrieve(index + 1, parts, current, scope, converter, acc);
                        break;
                }

                return;

            case FilterPart filter:
                RetrieveFiltered(index, parts, current, filter, scope, converter, acc);
                return;

            case KeysFilterPart keys:
                RetrieveKeysFiltered(index, parts, current, keys, scope, converter, acc);
                return;

            default:
                throw new GuardEvaluationException($"Unsupported query part {part}.");
        }
    }

    private void RetrieveKey(int index, IReadOnlyList<QueryPart> parts, GuardValue current, KeyPart key, Scope scope, Func<string, string>? converter, List<QueryResult> acc)
    {
        if (key.AsIndex is { } idx)
        {
            if (current.Kind == GuardValueKind.List)
            {
                RetrieveIndex(index, parts, current, idx, scope, converter, acc);
            }
            else
            {
                acc.Add(Unresolved(current, parts, index, UnresolvedReason.NotAnArray, null, idx));
            }

            return;
        }

        if (current.Kind != GuardValueKind.Map)
        {
            acc.Add(Unresolved(current, parts, index, UnresolvedReason.NotAStruct, key.Key, 0));
            return;
        }

        if (current.Get(key.Key) is { } found)
        {
            Retrieve(index + 1, parts, found, scope, converter, acc);
            return;
        }

        if (converter is not null)
        {
            if (current.Get(converter(key.Key)) is { } converted)
            {
                Retrieve(index + 1, parts, converted, scope, converter, acc);
                return;
            }
        }
        else
        {
            var variants = KeyCase.Variants(key.Key);
            for (var c = 0; c < variants.Length; c++)
            {
                if (current.Get(variants[c]) is { } converted)
                {
                    Retrieve(index + 1, parts, converted, scope, KeyCase.Converters[c], acc);
                    return;
                }
            }
        }

        acc.Add(Unresolved(current, parts, index, UnresolvedReason.MissingKey, key.Key, 0));
    }

    private void RetrieveKeysFiltered(int index, IReadOnlyList<QueryPart> parts, GuardValue current, KeysFilterPart keys, Scope scope, Func<string, string>? converter, List<QueryResult> acc)
    {
        if (current.Kind != GuardValueKind.Map)
        {
            acc.Add(Unresolved(current, parts, index, UnresolvedReason.KeysFilterNotStruct, null, 0));
            return;
        }

        GuardValue rhsValue;
        if (keys.Rhs is LiteralLet literal)
        {
            rhsValue = literal.Value;
        }
        else
        {
            var rhs = EvaluateLet(keys.Rhs, scope);
            if (rhs.Count == 0)
            {
                return;
            }

            rhsValue = rhs.Count == 1 ? rhs[0].Value : GuardValue.List(rhs.Where(r => r.IsResolved).Select(r => r.Value).ToList());
        }

        for (var i = 0; i < current.Keys.Count; i++)
        {
            var c = keys.Operator == GuardOperator.In ? GuardComparison.In(current.Keys[i], rhsValue) : GuardComparison.CompareLiteral(GuardOperator.Eq, current.Keys[i], rhsValue);
            if (c != GuardComparison.Cmp.NotComparable && (c == GuardComparison.Cmp.True) != keys.Negated)
            {
                Retrieve(index + 1, parts, current.Values[i], scope, converter, acc);
            }
        }
    }

    private void RetrieveInterpolated(int index, IReadOnlyList<QueryPart> parts, GuardValue current, string name, Scope scope, Func<string, string>? converter, List<QueryResult> acc)
    {
        if (current.Kind != GuardValueKind.Map)
        {
            acc.Add(Unresolved(current, parts, index, UnresolvedReason.InterpolationNotStruct, name, 0));
            return;
        }

        var keys = ResolveVariable(name, scope);
        var next = index + 1;
        var from = 0;
        var to = keys.Count;
        if (next < parts.Count && parts[next] is IndexPart ix)
        {
            var at = Math.Abs(ix.Index);
            if (at >= keys.Count)
            {
                acc.Add(Unresolved(current, parts, index, UnresolvedReason.VariableIndexOutOfBounds, name, ix.Index));
                return;
            }

            from = at;
            to = at + 1;
            next++;
        }

        for (var k = from; k < to; k++)
        {
            var key = keys[k];
            if (!key.IsResolved)
            {
                acc.Add(Unresolved(current, parts, index, UnresolvedReason.VariableKeysUnresolved, name, 0));
                continue;
            }

            switch (key.Value.Kind)
            {
                case GuardValueKind.String:
                    RetrieveInterpolatedKey(index, next, parts, current, name, key.Value, scope, converter, acc);
                    break;
                case GuardValueKind.List:
                    for (var i = 0; i < key.Value.Items.Count; i++)
                    {
                        RetrieveInterpolatedKey(index, next, parts, current, name, key.Value.Items[i], scope, converter, acc);
                    }

                    break;
                default:
                    throw new GuardEvaluationException($"{_file.Path}: variable %{name} used as a key must hold strings, not {key.Value.TypeName}.");
            }
        }
    }

    private void RetrieveInterpolatedKey(int index, int next, IReadOnlyList<QueryPart> parts, GuardValue current, string name, GuardValue key, Scope scope, Func<string, string>? converter, List<QueryResult> acc)
    {
        if (key.Kind != GuardValueKind.String)
        {
            throw new GuardEvaluationException($"{_file.Path}: variable %{name} used as a key must hold strings, not {key.TypeName}.");
        }

        if (current.Get(key.Text) is { } found)
        {
            Retrieve(next, parts, found, scope, converter, acc);
        }
        else
        {
            acc.Add(Unresolved(current, parts, index, UnresolvedReason.MissingInterpolatedKey, key.Text, 0));
        }
    }

    private void RetrieveIndex(int index, IReadOnlyList<QueryPart> parts, GuardValue list, int idx, Scope scope, Func<string, string>? converter, List<QueryResult> acc)
    {
        var at = Math.Abs(idx);
        if (at < list.Items.Count)
        {
            Retrieve(index + 1, parts, list.Items[at], scope, converter, acc);
        }
        else
        {
            acc.Add(Unresolved(list, parts, index, UnresolvedReason.IndexOutOfBounds, null, idx));
        }
    }

    private void EachItem(int index, IReadOnlyList<QueryPart> parts, GuardValue container, IReadOnlyList<GuardValue> items, Scope scope, Func<string, string>? converter, List<QueryResult> acc)
    {
        if (items.Count == 0)
        {
            acc.Add(Unresolved(container, parts, index, UnresolvedReason.NoEntries, null, 0));
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            Retrieve(index + 1, parts, items[i], scope, converter, acc);
        }
    }

    private void RetrieveFiltered(int index, IReadOnlyList<QueryPart> parts, GuardValue current, FilterPart filter, Scope scope, Func<string, string>? converter, List<QueryResult> acc)
    {
        var previous = index > 0 ? parts[index - 1] : null;
        var afterWildcard = previous is AllValuesPart or AllIndicesPart;
        switch (current.Kind)
        {
            case GuardValueKind.Map when afterWildcard:
                if (Selects(filter, current, scope))
                {
                    Retrieve(index + 1, parts, current, scope, converter, acc);
                }

                return;
            case GuardValueKind.Map or GuardValueKind.List:
                {
                    // A filter on a map selects among its values, on a list among its items.
                    var values = current.Kind == GuardValueKind.Map ? current.Values : current.Items;
                    for (var i = 0; i < values.Count; i++)
                    {
                        if (Selects(filter, values[i], scope))
                        {
                            Retrieve(index + 1, parts, values[i], scope, converter, acc);
                        }
                    }

                    return;
                }

            default:
                if (!afterWildcard)
                {
                    acc.Add(Unresolved(current, parts, index, UnresolvedReason.FilterNotContainer, null, 0));
                }
                else if (Selects(filter, current, scope))
                {
                    Retrieve(index + 1, parts, current, scope, converter, acc);
                }

                return;
        }
    }

    private bool Selects(FilterPart filter, GuardValue value, Scope scope)
    {
        var elementScope = new Scope(scope, value, null);
        return EvaluateConjunctions(filter.Conjunctions, elementScope, null) == GuardStatus.Pass;
    }

    private static QueryResult Unresolved(GuardValue traversedTo, IReadOnlyList<QueryPart> parts, int index, UnresolvedReason reason, string? name, int number) =>
        new(traversedTo, false, false, new Unresolution(traversedTo, parts, index, reason, name, number));
}
