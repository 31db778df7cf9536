using System.Globalization;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Syntax;

public enum SyntaxKind
{
    Mapping,
    Sequence,
    Scalar,
    Intrinsic,
}

/// <summary>The type a scalar was loaded as; its <see cref="ScalarNode.Text"/> is always kept as written.</summary>
public enum ScalarKind
{
    String,
    Integer,
    Float,
    Boolean,
    Null,
}

/// <summary>How a scalar was written, so rules and Guard can tell "true" (a string) from true.</summary>
public enum ScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,

    /// <summary>A JSON string literal.</summary>
    JsonString,
}

/// <summary>
/// An immutable node of the template's syntax tree. YAML and JSON produce the same tree; short-form tags
/// (<c>!Ref x</c>) and long forms (<c>{"Ref": "x"}</c>) become the same <see cref="IntrinsicNode"/>.
/// </summary>
public abstract class SyntaxNode
{
    protected SyntaxNode(TextSpan span, string path)
    {
        Span = span;
        Path = path;
    }

    /// <summary>Character offsets of the whole node (including its tag, for tagged YAML nodes).</summary>
    public TextSpan Span { get; }

    /// <summary>JSON-pointer-like path from the document root, e.g. <c>Resources/Bucket/Properties/Tags/0</c>.</summary>
    public string Path { get; }

    public abstract SyntaxKind Kind { get; }

    public static string Combine(string parent, string segment) =>
        parent.Length == 0 ? Escape(segment) : parent + "/" + Escape(segment);

    public static string Combine(string parent, int index) =>
        parent.Length == 0 ? index.ToString(CultureInfo.InvariantCulture) : parent + "/" + index.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string segment) =>
        segment.Contains('~', StringComparison.Ordinal) || segment.Contains('/', StringComparison.Ordinal)
            ? segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : segment;
}

public sealed class ScalarNode : SyntaxNode
{
    public ScalarNode(TextSpan span, string path, string text, ScalarKind scalarKind, ScalarStyle style)
        : base(span, path)
    {
        Text = text;
        ScalarKind = scalarKind;
        Style = style;
    }

    public override SyntaxKind Kind => SyntaxKind.Scalar;

    /// <summary>The scalar's value as text, exactly as written (after YAML/JSON unescaping).</summary>
    public string Text { get; }

    public ScalarKind ScalarKind { get; }

    public ScalarStyle Style { get; }

    public bool IsQuoted => Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.JsonString;

    public bool IsNull => ScalarKind == ScalarKind.Null;

    /// <summary>
    /// The boolean this scalar means to CloudFormation: YAML booleans (true/false and YAML 1.1's yes/no/on/off) and
    /// the strings "true"/"false" in any case (CloudFormation accepts both). Null when it is not a boolean.
    /// </summary>
    public bool? BooleanValue => ScalarParsing.ParseBoolean(Text, allowYaml11: ScalarKind == ScalarKind.Boolean);

    public long? IntegerValue => ScalarParsing.ParseInteger(Text);

    public double? NumberValue => ScalarParsing.ParseNumber(Text);

    public override string ToString() => Text;
}

public readonly record struct MappingEntry(ScalarNode Key, SyntaxNode Value);

public sealed class MappingNode : SyntaxNode
{
    private readonly Dictionary<string, int> _index;

    public MappingNode(TextSpan span, string path, IReadOnlyList<MappingEntry> entries)
        : base(span, path)
    {
        Entries = entries;
        _index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            // Last one wins, as in every YAML/JSON loader; duplicates are reported by the parser.
            _index[entries[i].Key.Text] = i;
        }
    }

    public override SyntaxKind Kind => SyntaxKind.Mapping;

    /// <summary>Entries in document order (duplicates included).</summary>
    public IReadOnlyList<MappingEntry> Entries { get; }

    public int Count => _index.Count;

    public IEnumerable<string> Keys => Entries.Select(e => e.Key.Text).Distinct(StringComparer.Ordinal);

    public SyntaxNode? this[string key] => Get(key);

    public SyntaxNode? Get(string key) => _index.TryGetValue(key, out var i) ? Entries[i].Value : null;

    public ScalarNode? GetKey(string key) => _index.TryGetValue(key, out var i) ? Entries[i].Key : null;

    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>Finds a key ignoring case (IAM policy grammar is case-insensitive in places).</summary>
    public MappingEntry? GetEntryIgnoreCase(string key)
    {
        if (_index.TryGetValue(key, out var i))
        {
            return Entries[i];
        }

        for (var j = Entries.Count - 1; j >= 0; j--)
        {
            if (string.Equals(Entries[j].Key.Text, key, StringComparison.OrdinalIgnoreCase))
            {
                return Entries[j];
            }
        }

        return null;
    }

    /// <summary>Entries with duplicates removed (the last one of each key, at the first one's position).</summary>
    public IEnumerable<MappingEntry> UniqueEntries => Entries.Where((e, i) => _index[e.Key.Text] == i);
}

public sealed class SequenceNode : SyntaxNode
{
    public SequenceNode(TextSpan span, string path, IReadOnlyList<SyntaxNode> items)
        : base(span, path)
    {
        Items = items;
    }

    public override SyntaxKind Kind => SyntaxKind.Sequence;

    public IReadOnlyList<SyntaxNode> Items { get; }

    public int Count => Items.Count;

    public SyntaxNode this[int index] => Items[index];
}

/// <summary>
/// An intrinsic function or condition reference: <c>Ref</c>, <c>Condition</c>, <c>Fn::*</c>. The same node for
/// <c>!GetAtt A.B</c>, <c>!GetAtt [A, B]</c> and <c>{"Fn::GetAtt": ["A", "B"]}</c>.
/// </summary>
public sealed class IntrinsicNode : SyntaxNode
{
    public IntrinsicNode(TextSpan span, string path, string name, TextSpan nameSpan, SyntaxNode argument, bool isShortForm)
        : base(span, path)
    {
        Name = name;
        NameSpan = nameSpan;
        Argument = argument;
        IsShortForm = isShortForm;
    }

    public override SyntaxKind Kind => SyntaxKind.Intrinsic;

    /// <summary>The long-form name: <c>Ref</c>, <c>Condition</c>, <c>Fn::GetAtt</c>, …</summary>
    public string Name { get; }

    /// <summary>Where the tag (<c>!Ref</c>) or key (<c>"Ref"</c>) is written.</summary>
    public TextSpan NameSpan { get; }

    public SyntaxNode Argument { get; }

    public bool IsShortForm { get; }

    /// <summary>The argument's items when it is a list, else the argument alone.</summary>
    public IReadOnlyList<SyntaxNode> Arguments => Argument is SequenceNode s ? s.Items : [Argument];
}
