using System.Globalization;

namespace Scanner.Guard;

/// <summary>A position in a rule file (1-based line and column).</summary>
public readonly record struct GuardPosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A parsed rule file: file-level lets, named rules (the implicit <c>default</c> rule first) and parameterized rules.</summary>
public sealed class GuardRulesFile
{
    public required string Path { get; init; }

    public required IReadOnlyList<LetDeclaration> Lets { get; init; }

    /// <summary>Named rules in evaluation order, duplicates included.</summary>
    public required IReadOnlyList<GuardRule> Rules { get; init; }

    public required IReadOnlyDictionary<string, ParameterizedRule> ParameterizedRules { get; init; }

    public IEnumerable<string> RuleNames => Rules.Select(r => r.Name).Distinct(StringComparer.Ordinal);

    private Dictionary<string, GuardRule[]>? _rulesByName;

    /// <summary>
    /// The named rules (not the implicit one) by name, in file order; built on first use and then shared by every
    /// evaluation of this file (a benign race: concurrent first uses build equal tables).
    /// </summary>
    internal IReadOnlyDictionary<string, GuardRule[]> RulesByName => _rulesByName ??= Rules
        .Where(r => !r.IsImplicit)
        .GroupBy(r => r.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
}

public sealed record LetDeclaration(string Name, LetValue Value, GuardPosition Position);

public abstract record LetValue;

public sealed record LiteralLet(GuardValue Value) : LetValue;

public sealed record QueryLet(GuardQuery Query) : LetValue;

public sealed record FunctionLet(FunctionCall Call) : LetValue;

public sealed record FunctionCall(string Name, IReadOnlyList<LetValue> Arguments, GuardPosition Position);

/// <summary>Statements of a block in conjunctive normal form: every inner list is a disjunction.</summary>
public sealed record GuardBlock(IReadOnlyList<LetDeclaration> Lets, IReadOnlyList<IReadOnlyList<GuardClause>> Conjunctions);

public sealed record GuardRule(string Name, IReadOnlyList<IReadOnlyList<GuardClause>>? When, GuardBlock Body, GuardPosition Position, int Index)
{
    /// <summary>The rule made of a file's bare statements; cfn-guard names it FILE/default, so rules cannot reference it.</summary>
    public bool IsImplicit { get; init; }
}

public sealed record ParameterizedRule(string Name, IReadOnlyList<string> Parameters, GuardBlock Body, GuardPosition Position);

public abstract record GuardClause(GuardPosition Position);

public enum GuardOperator
{
    Eq,
    In,
    Lt,
    Le,
    Gt,
    Ge,
    Exists,
    Empty,
    IsString,
    IsList,
    IsStruct,
    IsBool,
    IsInt,
    IsFloat,
    IsNull,
}

/// <summary><c>[not] query op [rhs] [&lt;&lt;message&gt;&gt;]</c>.</summary>
public sealed record AccessClause(
    GuardQuery Query,
    GuardOperator Operator,
    bool OperatorNegated,
    bool ClauseNegated,
    LetValue? Rhs,
    string? Message,
    string Text,
    GuardPosition Position) : GuardClause(Position)
{
    public bool IsUnary => Operator >= GuardOperator.Exists;
}

public sealed record RuleReference(string Name, bool Negated, string? Message, GuardPosition Position) : GuardClause(Position);

public sealed record ParameterizedCall(string Name, IReadOnlyList<LetValue> Arguments, string? Message, GuardPosition Position) : GuardClause(Position);

public sealed record TypeBlock(string TypeName, IReadOnlyList<IReadOnlyList<GuardClause>>? When, GuardBlock Body, GuardPosition Position) : GuardClause(Position);

public sealed record WhenBlock(IReadOnlyList<IReadOnlyList<GuardClause>> Conditions, GuardBlock Body, GuardPosition Position) : GuardClause(Position);

public sealed record QueryBlock(GuardQuery Query, GuardBlock Body, GuardPosition Position) : GuardClause(Position);

/// <summary><c>[some] part*</c>; <see cref="MatchAll"/> is false for <c>some</c>.</summary>
public sealed record GuardQuery(IReadOnlyList<QueryPart> Parts, bool MatchAll, string Text)
{
    public bool IsBareVariable => Parts.Count == 1 && Parts[0] is VariablePart;

    public bool EndsInFilter => Parts.Count > 0 && Parts[^1] is FilterPart or KeysFilterPart;

    public override string ToString() => Text;
}

public abstract record QueryPart;

public sealed record ThisPart : QueryPart;

/// <summary><c>%name</c> at the head of a query, or <c>.%name</c> (key interpolation) inside it.</summary>
public sealed record VariablePart(string Name) : QueryPart;

public sealed record KeyPart(string Key) : QueryPart
{
    private readonly string _key = Key;
    private readonly int? _asIndex = ParseIndex(Key);

    public string Key
    {
        get => _key;
        init
        {
            _key = value;
            _asIndex = ParseIndex(value);
        }
    }

    /// <summary>The key read as an array index (cfn-guard treats <c>a.0</c> as <c>a[0]</c>); parsed once, not per lookup.</summary>
    internal int? AsIndex => _asIndex;

    private static int? ParseIndex(string key) =>
        int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;
}

public sealed record IndexPart(int Index) : QueryPart;

/// <summary><c>.*</c>; with a capture name from <c>[name]</c> forms.</summary>
public sealed record AllValuesPart(string? Capture) : QueryPart;

/// <summary><c>[*]</c>.</summary>
public sealed record AllIndicesPart(string? Capture) : QueryPart;

public sealed record FilterPart(string? Capture, IReadOnlyList<IReadOnlyList<GuardClause>> Conjunctions) : QueryPart;

public sealed record KeysFilterPart(GuardOperator Operator, bool Negated, LetValue Rhs) : QueryPart;
