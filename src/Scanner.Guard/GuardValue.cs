using System.Globalization;
using System.Text;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Text;

namespace Scanner.Guard;

/// <summary>The kinds of value Guard distinguishes; ranges and regexes only come from rule literals.</summary>
public enum GuardValueKind
{
    Null,
    String,
    Regex,
    Bool,
    Int,
    Float,
    Char,
    List,
    Map,
    Range,
}

/// <summary>How scalars in data are typed: cfn-guard's validate loader and its test loader disagree.</summary>
public enum GuardDataMode
{
    /// <summary>The libyaml loader of <c>validate</c>: only <c>true</c>/<c>false</c> are booleans.</summary>
    Validate,

    /// <summary>serde_yaml (YAML 1.2 core schema) as used by <c>test</c>: <c>True</c> is a boolean too.</summary>
    Test,

    /// <summary>cfn-guard 3.2's validate loader: also the lower-case <c>yes|on|y</c> and <c>no|off|n</c> are booleans.</summary>
    Validate32,
}

/// <summary>
/// One value as Guard sees it. Values read from a template keep their <see cref="Node"/> so every result has a span;
/// literals from rule files have no node.
/// </summary>
public sealed class GuardValue
{
    private Dictionary<string, int>? _index;

    private GuardValue(GuardValueKind kind, string path, SyntaxNode? node)
    {
        Kind = kind;
        Path = path;
        Node = node;
    }

    public GuardValueKind Kind { get; }

    /// <summary>The JSON-pointer path, with a leading slash as cfn-guard prints it (empty for literals).</summary>
    public string Path { get; }

    public SyntaxNode? Node { get; }

    public string Text { get; private init; } = string.Empty;

    public long Int { get; private init; }

    public double Float { get; private init; }

    public bool Bool { get; private init; }

    public IReadOnlyList<GuardValue> Items { get; private init; } = [];

    /// <summary>Map keys as string values (so key filters can compare them), in insertion order.</summary>
    public IReadOnlyList<GuardValue> Keys { get; private init; } = [];

    /// <summary>Map values, parallel to <see cref="Keys"/>.</summary>
    public IReadOnlyList<GuardValue> Values { get; private init; } = [];

    public GuardValue? RangeLow { get; private init; }

    public GuardValue? RangeHigh { get; private init; }

    public bool LowInclusive { get; private init; }

    public bool HighInclusive { get; private init; }

    public bool IsScalar => Kind is not (GuardValueKind.List or GuardValueKind.Map);

    public GuardValue? Get(string key)
    {
        if (Kind != GuardValueKind.Map)
        {
            return null;
        }

        if (_index is null)
        {
            var index = new Dictionary<string, int>(Keys.Count, StringComparer.Ordinal);
            for (var i = 0; i < Keys.Count; i++)
            {
                index[Keys[i].Text] = i;
            }

            _index = index;
        }

        return _index.TryGetValue(key, out var at) ? Values[at] : null;
    }

    public static GuardValue Null(string path = "", SyntaxNode? node = null) => new(GuardValueKind.Null, path, node);

    public static GuardValue String(string text, string path = "", SyntaxNode? node = null) => new(GuardValueKind.String, path, node) { Text = text };

    public static GuardValue Regex(string pattern) => new(GuardValueKind.Regex, string.Empty, null) { Text = pattern };

    public static GuardValue Char(char c) => new(GuardValueKind.Char, string.Empty, null) { Text = c.ToString() };

    public static GuardValue Boolean(bool value, string path = "", SyntaxNode? node = null) =>
        new(GuardValueKind.Bool, path, node) { Bool = value, Text = value ? "true" : "false" };

    public static GuardValue Integer(long value, string path = "", SyntaxNode? node = null) =>
        new(GuardValueKind.Int, path, node) { Int = value, Text = value.ToString(CultureInfo.InvariantCulture) };

    public static GuardValue FloatValue(double value, string path = "", SyntaxNode? node = null) =>
        new(GuardValueKind.Float, path, node) { Float = value, Text = value.ToString("R", CultureInfo.InvariantCulture) };

    public static GuardValue List(IReadOnlyList<GuardValue> items, string path = "", SyntaxNode? node = null) =>
        new(GuardValueKind.List, path, node) { Items = items };

    public static GuardValue Map(IReadOnlyList<GuardValue> keys, IReadOnlyList<GuardValue> values, string path = "", SyntaxNode? node = null) =>
        new(GuardValueKind.Map, path, node) { Keys = keys, Values = values };

    public static GuardValue Range(GuardValue low, GuardValue high, bool lowInclusive, bool highInclusive) =>
        new(GuardValueKind.Range, string.Empty, null) { RangeLow = low, RangeHigh = high, LowInclusive = lowInclusive, HighInclusive = highInclusive };

    /// <summary>The type name cfn-guard prints in messages.</summary>
    public string TypeName => Kind switch
    {
        GuardValueKind.Null => "null",
        GuardValueKind.String => "String",
        GuardValueKind.Regex => "Regex",
        GuardValueKind.Bool => "bool",
        GuardValueKind.Int => "int",
        GuardValueKind.Float => "float",
        GuardValueKind.Char => "char",
        GuardValueKind.List => "array",
        GuardValueKind.Map => "map",
        _ => "range",
    };

    /// <summary>A compact JSON rendering for messages and structured output.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        WriteJson(sb, this);
        return sb.ToString();
    }

    /// <summary>The JSON rendering cut after about <paramref name="maxLength"/> characters (for messages about big values).</summary>
    public string ToJson(int maxLength)
    {
        var sb = new StringBuilder();
        WriteJson(sb, this, maxLength);
        return sb.Length > maxLength ? sb.ToString(0, maxLength) + "…" : sb.ToString();
    }

    public override string ToString() => Kind == GuardValueKind.String ? "\"" + Text + "\"" : ToJson();

    private static void WriteJson(StringBuilder sb, GuardValue v, int maxLength = int.MaxValue)
    {
        if (sb.Length > maxLength)
        {
            return;
        }

        switch (v.Kind)
        {
            case GuardValueKind.Null:
                sb.Append("null");
                break;
            case GuardValueKind.String or GuardValueKind.Char:
                JsonText.WriteString(sb, v.Text);
                break;
            case GuardValueKind.Regex:
                JsonText.WriteString(sb, "/" + v.Text + "/");
                break;
            case GuardValueKind.Bool or GuardValueKind.Int or GuardValueKind.Float:
                sb.Append(v.Text);
                break;
            case GuardValueKind.List:
                sb.Append('[');
                for (var i = 0; i < v.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteJson(sb, v.Items[i], maxLength);
                }

                sb.Append(']');
                break;
            case GuardValueKind.Map:
                sb.Append('{');
                for (var i = 0; i < v.Keys.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    JsonText.WriteString(sb, v.Keys[i].Text);
                    sb.Append(':');
                    WriteJson(sb, v.Values[i], maxLength);
                }

                sb.Append('}');
                break;
            default:
                sb.Append('"').Append(v.LowInclusive ? '[' : '(').Append(v.RangeLow?.Text).Append(',').Append(v.RangeHigh?.Text)
                    .Append(v.HighInclusive ? ']' : ')').Append('"');
                break;
        }
    }
}
