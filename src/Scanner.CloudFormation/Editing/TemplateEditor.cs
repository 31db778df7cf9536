using Scanner.CloudFormation.Syntax;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Editing;

/// <summary>
/// Computes text edits from a template's syntax tree: set a property (creating the mappings on its path that do not
/// exist yet), insert a mapping entry, replace a scalar, append a list item. Every edit touches only the text it
/// adds or replaces, so comments, key order, quoting, blank lines, line endings and indentation stay as they are;
/// new lines follow the file's own <see cref="DocumentStyle"/>.
/// <para>
/// An operation returns null when it cannot be done with certainty: the place is written with an intrinsic function
/// (<c>Fn::If</c>, <c>Ref</c>, …), through a YAML anchor or alias, under a duplicate key, or as a block scalar.
/// </para>
/// </summary>
public sealed class TemplateEditor
{
    private readonly SyntaxTree _tree;
    private readonly DocumentStyle _style;
    private readonly ValueRenderer _renderer;

    public TemplateEditor(SyntaxTree tree)
    {
        _tree = tree;
        _style = DocumentStyle.Detect(tree);
        _renderer = new ValueRenderer(_style);
    }

    private SourceText Source => _tree.Source;

    private string Text => _tree.Source.Text;

    private bool IsJson => _tree.Format == SourceFormat.Json;

    /// <summary>
    /// Sets <paramref name="keys"/> (a path of mapping keys below <paramref name="container"/>) to <paramref name="value"/>:
    /// replaces the scalar that is there, or inserts what is missing of the path. An empty list means nothing needs to
    /// change (the value is already there).
    /// </summary>
    public IReadOnlyList<TextEdit>? SetValue(MappingNode container, IReadOnlyList<string> keys, EditValue value)
    {
        if (keys.Count == 0 || !IsEditable(container))
        {
            return null;
        }

        var current = container;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (!HasOneSpelling(current, key))
            {
                return null;
            }

            var node = current.Get(key);
            if (node is null)
            {
                return InsertEntry(current, key, value.Nested(keys.Skip(i + 1)));
            }

            if (node.Path != SyntaxNode.Combine(current.Path, key) || !IsEditable(node))
            {
                return null;
            }

            if (i == keys.Count - 1)
            {
                return node is ScalarNode { IsNull: false } scalar && value is EditScalar wanted
                    ? wanted.SameAs(scalar) ? [] : ReplaceScalar(scalar, wanted)
                    : null;
            }

            if (node is not MappingNode next)
            {
                return null;
            }

            current = next;
        }

        return null;
    }

    /// <summary>Adds <c>key: value</c> as the last entry of <paramref name="map"/>.</summary>
    public IReadOnlyList<TextEdit>? InsertEntry(MappingNode map, string key, EditValue value)
    {
        if (!IsEditable(map) || map.ContainsKey(key))
        {
            return null;
        }

        var flow = IsJson || DocumentStyle.IsFlow(Text, map);
        if (!flow)
        {
            return map.Entries.Count == 0 ? null : AppendBlockLine(map.Entries[0].Key.Span.Start, map.Entries[^1].Value.Span.End, indent => _renderer.YamlBlockEntry(key, value, indent));
        }

        var lastEnd = map.Entries.Count == 0 ? (int?)null : map.Entries[^1].Value.Span.End;
        var firstStart = map.Entries.Count == 0 ? (int?)null : map.Entries[0].Key.Span.Start;
        return AppendFlowMember(map, firstStart, lastEnd, indent => IsJson ? _renderer.JsonEntry(key, value, indent) : _renderer.YamlFlowEntry(key, value));
    }

    /// <summary>Adds <paramref name="item"/> as the last item of <paramref name="sequence"/>.</summary>
    public IReadOnlyList<TextEdit>? AppendItem(SequenceNode sequence, EditValue item)
    {
        if (!IsEditable(sequence))
        {
            return null;
        }

        var flow = IsJson || DocumentStyle.IsFlow(Text, sequence);
        if (!flow)
        {
            if (sequence.Count == 0 || Text[sequence.Span.Start] != '-')
            {
                return null;
            }

            return AppendBlockLine(sequence.Span.Start, sequence.Items[^1].Span.End, indent => "- " + _renderer.YamlBlockItem(item, indent + "  "));
        }

        var lastEnd = sequence.Count == 0 ? (int?)null : sequence.Items[^1].Span.End;
        var firstStart = sequence.Count == 0 ? (int?)null : sequence.Items[0].Span.Start;
        return AppendFlowMember(sequence, firstStart, lastEnd, indent => IsJson ? _renderer.Json(item, indent) : _renderer.YamlFlow(item));
    }

    /// <summary>Replaces a scalar's text, keeping its quoting style (a plain string that needs quotes gets double quotes).</summary>
    public IReadOnlyList<TextEdit>? ReplaceScalar(ScalarNode node, EditScalar value)
    {
        if (!IsEditable(node) || node.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return null;
        }

        var text = node.Style switch
        {
            ScalarStyle.JsonString => ValueRenderer.JsonString(value.Text),
            _ when IsJson => value.IsString ? ValueRenderer.JsonString(value.Text) : value.Text,
            _ => ValueRenderer.YamlScalar(value, node.Style),
        };
        return [TextEdit.Create(Source, node.Span, text)];
    }

    /// <summary>
    /// A new line at the indentation of <paramref name="firstStart"/>, right after the line on which
    /// <paramref name="lastEnd"/> lies (so a comment at the end of that line stays where it is).
    /// </summary>
    private TextEdit[] AppendBlockLine(int firstStart, int lastEnd, Func<string, string> render)
    {
        var indent = new string(' ', Source.GetPosition(firstStart).Column - 1);
        return [Insert(LineEnd(lastEnd), _style.NewLine + indent + render(indent))];
    }

    /// <summary>
    /// Appends a member to a flow mapping or list (YAML flow or JSON). A collection written on one line gets
    /// <c>, member</c> after its last member; one written over several lines gets a comma after its last member and
    /// the new member on a line of its own, indented like that member.
    /// </summary>
    private TextEdit[]? AppendFlowMember(SyntaxNode collection, int? firstStart, int? lastEnd, Func<string?, string> render)
    {
        var open = collection.Span.Start;
        var close = collection.Span.End - 1;
        if (close <= open || Text[open] is not ('{' or '[') || Text[close] is not ('}' or ']'))
        {
            return null;
        }

        var comma = IsJson ? _style.JsonComma : ", ";
        if (lastEnd is not { } end || firstStart is not { } first)
        {
            return [Insert(open + 1, render(null))];
        }

        var afterLast = SkipTrivia(end);
        var trailingComma = afterLast < Text.Length && Text[afterLast] == ',';
        var multiLine = !DocumentStyle.SameLine(Source, open, first) && !DocumentStyle.SameLine(Source, end, close);
        if (!multiLine)
        {
            return trailingComma
                ? [Insert(afterLast + 1, comma[1..] + render(null) + ",")]
                : [Insert(end, comma + render(null))];
        }

        var indent = DocumentStyle.LeadingWhitespace(Source, first) ?? new string(' ', Source.GetPosition(first).Column - 1);
        var member = _style.NewLine + indent + render(indent);
        if (trailingComma)
        {
            return [Insert(LineEnd(afterLast), member + ",")];
        }

        var lineEnd = LineEnd(end);
        return lineEnd > close ? null : [Insert(end, ","), Insert(lineEnd, member)];
    }

    /// <summary>
    /// A node may be edited when its text is the node itself: not a node reached through an alias (whose path is the
    /// anchor's), not one carrying an anchor or a tag that other places may share or that changes its meaning.
    /// </summary>
    private bool IsEditable(SyntaxNode node) =>
        node.Span.Start < Text.Length && Text[node.Span.Start] is not ('&' or '!' or '*') && node is not IntrinsicNode;

    /// <summary>The key is written at most once, and no other key differs from it only in case.</summary>
    private static bool HasOneSpelling(MappingNode map, string key) =>
        map.Entries.Count(e => string.Equals(e.Key.Text, key, StringComparison.OrdinalIgnoreCase)) <= 1;

    private TextEdit Insert(int offset, string text) => TextEdit.Create(Source, new TextSpan(offset, offset), text);

    /// <summary>The offset of the line break that ends the line holding <paramref name="offset"/>, or the end of the text.</summary>
    private int LineEnd(int offset)
    {
        var i = offset;
        while (i < Text.Length && Text[i] is not ('\n' or '\r'))
        {
            i++;
        }

        return i;
    }

    /// <summary>Skips whitespace and comments (<c>#</c> in YAML, <c>//</c> and <c>/* */</c> in JSON).</summary>
    private int SkipTrivia(int offset)
    {
        var i = offset;
        while (i < Text.Length)
        {
            var c = Text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if ((c == '#' && !IsJson) || (IsJson && c == '/' && i + 1 < Text.Length && Text[i + 1] == '/'))
            {
                i = LineEnd(i);
            }
            else if (IsJson && c == '/' && i + 1 < Text.Length && Text[i + 1] == '*')
            {
                var close = Text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? Text.Length : close + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }
}
