using Scanner.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace Scanner.CloudFormation.Syntax;

/// <summary>Reads YAML (through YamlDotNet's event parser) into the syntax tree.</summary>
internal sealed class YamlTreeReader
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    private readonly SourceText _source;
    private readonly List<SyntaxDiagnostic> _diagnostics;
    private readonly Dictionary<string, (SyntaxNode Node, long Weight)> _anchors = new(StringComparer.Ordinal);
    private readonly IParser _parser;
    private readonly BlockScalarRepair? _repair;
    private long _expandedWeight;
    private int _lastRead;

    private YamlTreeReader(SourceText source, List<SyntaxDiagnostic> diagnostics, BlockScalarRepair? repair = null)
    {
        _source = source;
        _diagnostics = diagnostics;
        _repair = repair;
        _parser = new Parser(new StringReader(repair?.Text ?? source.Text));
    }

    public static SyntaxNode? Read(SourceText source, List<SyntaxDiagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var root = new YamlTreeReader(source, diagnostics).TryRead(out var leadingBlankLines);
        if (!leadingBlankLines || BlockScalarRepair.Create(source.Text) is not { } repair)
        {
            return root;
        }

        // YamlDotNet refuses whitespace-only lines at the start of a block scalar that PyYAML (SAM, cfn-lint) and
        // CloudFormation accept: read the template with those lines emptied, spans still pointing into the file.
        diagnostics.RemoveRange(before, diagnostics.Count - before);
        root = new YamlTreeReader(source, diagnostics, repair).TryRead(out _);
        foreach (var offset in root is null ? [] : repair.OverIndented)
        {
            var end = offset;
            while (end < source.Text.Length && source.Text[end] == ' ')
            {
                end++;
            }

            diagnostics.Add(new SyntaxDiagnostic(
                TemplateDiagnostics.BlockScalarBlankLineId,
                "This whitespace-only line at the start of a block scalar has more spaces than the scalar's first line of content. YAML 1.2 calls this an error and some parsers reject it; it is read as an empty line. Remove the spaces.",
                TextSpan.FromBounds(offset, end)));
        }

        return root;
    }

    /// <summary>The tree, or null with an E0000 diagnostic; tells whether YamlDotNet refused a block scalar's leading blank lines.</summary>
    private SyntaxNode? TryRead(out bool leadingBlankLines)
    {
        leadingBlankLines = false;
        try
        {
            return ReadStream();
        }
        catch (YamlException ex)
        {
            leadingBlankLines = ex.Message.Contains("found extra spaces in first line", StringComparison.Ordinal);
            var offset = OffsetOf(_source, ex.Start);
            _diagnostics.Add(new SyntaxDiagnostic(TemplateDiagnostics.SyntaxErrorId, "Invalid YAML: " + CleanMessage(ex.Message), new TextSpan(offset, offset)));
            return null;
        }
        catch (TreeLimitException ex)
        {
            _diagnostics.Add(new SyntaxDiagnostic(TemplateDiagnostics.SyntaxErrorId, ex.Message, new TextSpan(ex.Offset, ex.Offset)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections ("{Ref: {X: 1}" left open).
            _diagnostics.Add(new SyntaxDiagnostic(TemplateDiagnostics.SyntaxErrorId, "Invalid YAML: the YAML parser stopped after this point (an unclosed flow collection '{' or '[' ?).", new TextSpan(_lastRead, _lastRead)));
            return null;
        }
    }

    /// <summary>An index into the text YamlDotNet reads, as an offset into the file.</summary>
    private int Index(Mark mark) => _repair?.ToOriginal(mark.Index) ?? (int)mark.Index;

    private SyntaxNode? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode(string.Empty, 0);
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            var offset = Index(second.Start);
            _diagnostics.Add(new SyntaxDiagnostic(
                TemplateDiagnostics.SyntaxErrorId,
                "The file holds more than one YAML document; a CloudFormation template is a single document.",
                new TextSpan(offset, offset)));
            return null;
        }

        return root;
    }

    private SyntaxNode ReadNode(string path, int depth)
    {
        if (depth > TemplateParser.MaxDepth)
        {
            throw new TreeLimitException($"Nesting is deeper than {TemplateParser.MaxDepth} levels.", Index(_parser.Current!.Start));
        }

        var ev = _parser.Current ?? throw new YamlException("Unexpected end of YAML stream.");
        _lastRead = Index(ev.Start);
        switch (ev)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                return ResolveAlias(alias);
            case Scalar scalar:
                _parser.MoveNext();
                return Remember(scalar.Anchor, BuildScalar(scalar, path));
            case SequenceStart seq:
                return Remember(seq.Anchor, ReadSequence(seq, path, depth));
            case MappingStart map:
                return Remember(map.Anchor, ReadMapping(map, path, depth));
            default:
                throw new YamlException(ev.Start, ev.End, $"Unexpected YAML event {ev.GetType().Name}.");
        }
    }

    private SyntaxNode ReadSequence(SequenceStart start, string path, int depth)
    {
        _parser.MoveNext();
        var shortForm = ShortFormName(start.Tag, start.Start);
        var itemPath = shortForm is null ? path : SyntaxNode.Combine(path, shortForm);
        var items = new List<SyntaxNode>();
        while (!_parser.Accept<SequenceEnd>(out _))
        {
            items.Add(ReadNode(SyntaxNode.Combine(itemPath, items.Count), depth + 1));
        }

        var end = _parser.Consume<SequenceEnd>();
        var span = Span(start.Start, CollectionEnd(end));
        var node = new SequenceNode(span, itemPath, items);
        return shortForm is null ? node : NodeFactory.ShortForm(span, path, shortForm, TagSpan(start.Start, start.Tag), node);
    }

    private SyntaxNode ReadMapping(MappingStart start, string path, int depth)
    {
        _parser.MoveNext();
        var shortForm = ShortFormName(start.Tag, start.Start);
        var entryPath = shortForm is null ? path : SyntaxNode.Combine(path, shortForm);
        var entries = new List<MappingEntry>();
        var seen = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        while (!_parser.Accept<MappingEnd>(out _))
        {
            var key = ReadKey(entryPath, depth);
            if (seen.TryGetValue(key.Text, out var first))
            {
                var (line, _) = _source.GetPosition(first.Span.Start);
                _diagnostics.Add(new SyntaxDiagnostic(
                    TemplateDiagnostics.DuplicateKeyId,
                    $"Duplicate key '{key.Text}' (first defined on line {line}); the last value is used.",
                    key.Span,
                    SyntaxNode.Combine(entryPath, key.Text)));
            }
            else
            {
                seen[key.Text] = key;
            }

            var value = ReadNode(SyntaxNode.Combine(entryPath, key.Text), depth + 1);
            entries.Add(new MappingEntry(key, value));
        }

        var end = _parser.Consume<MappingEnd>();
        var span = Span(start.Start, CollectionEnd(end));
        if (shortForm is not null)
        {
            // The argument is read as JSON would read it: !Ref {Fn::Sub: …} is a Ref of an Fn::Sub.
            return NodeFactory.ShortForm(span, path, shortForm, TagSpan(start.Start, start.Tag), NodeFactory.Mapping(span, entryPath, entries));
        }

        return NodeFactory.Mapping(span, path, entries);
    }

    private ScalarNode ReadKey(string path, int depth)
    {
        if (_parser.Current is Scalar scalar)
        {
            _parser.MoveNext();
            var key = new ScalarNode(Span(scalar.Start, scalar.End), path, scalar.Value, ScalarKind.String, MapStyle(scalar.Style));
            if (scalar.Anchor.IsEmpty is false)
            {
                _anchors[scalar.Anchor.Value] = (key, 1);
            }

            return key;
        }

        // A complex key (a list or mapping used as a key) is legal YAML but meaningless in CloudFormation.
        var startMark = _parser.Current!.Start;
        var node = ReadNode(path, depth + 1);
        var text = _source.Text[node.Span.Start..node.Span.End];
        _diagnostics.Add(new SyntaxDiagnostic(
            TemplateDiagnostics.SyntaxErrorId,
            "A mapping key must be a plain value, not a list or mapping.",
            new TextSpan(Index(startMark), Index(startMark))));
        return new ScalarNode(node.Span, path, text, ScalarKind.String, ScalarStyle.Plain);
    }

    private SyntaxNode BuildScalar(Scalar scalar, string path)
    {
        var span = Span(scalar.Start, scalar.End);
        var style = MapStyle(scalar.Style);
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        var shortForm = ShortFormName(scalar.Tag, scalar.Start);
        if (shortForm is not null)
        {
            var argPath = SyntaxNode.Combine(path, shortForm);
            var argSpan = ArgumentSpan(scalar, span);
            var argKind = style == ScalarStyle.Plain ? ScalarParsing.ClassifyPlain(scalar.Value) : ScalarKind.String;

            // `!GetAZs ''` and a bare `!Ref`: an empty argument is the empty string, not null.
            if (argKind == ScalarKind.Null)
            {
                argKind = ScalarKind.String;
            }

            var argument = new ScalarNode(argSpan, argPath, scalar.Value, argKind, style);
            return NodeFactory.ShortForm(span, path, shortForm, TagSpan(scalar.Start, scalar.Tag), argument);
        }

        ScalarKind kind;
        if (tag is not null && tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal))
        {
            kind = tag[YamlTagPrefix.Length..] switch
            {
                "str" => ScalarKind.String,
                "int" => ScalarKind.Integer,
                "float" => ScalarKind.Float,
                "bool" => ScalarKind.Boolean,
                "null" => ScalarKind.Null,
                _ => ScalarKind.String,
            };
        }
        else if (style == ScalarStyle.Plain && (tag is null || tag == "!"))
        {
            kind = tag == "!" ? ScalarKind.String : ScalarParsing.ClassifyPlain(scalar.Value);
        }
        else
        {
            kind = ScalarKind.String;
        }

        return new ScalarNode(span, path, scalar.Value, kind, style);
    }

    /// <summary>The argument of a tagged scalar starts after the tag (and its space).</summary>
    private TextSpan ArgumentSpan(Scalar scalar, TextSpan whole)
    {
        var start = Index(scalar.Start);
        var text = _source.Text;
        if (start < text.Length && text[start] == '!')
        {
            var i = start;
            while (i < whole.End && i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < whole.End && i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            return new TextSpan(i, Math.Max(i, whole.End));
        }

        return whole;
    }

    private string? ShortFormName(TagName tag, Mark start)
    {
        if (tag.IsEmpty || tag.Value == "!" || tag.Value.StartsWith(YamlTagPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (NodeFactory.ShortForms.TryGetValue(tag.Value, out var name))
        {
            return name;
        }

        var offset = Index(start);
        _diagnostics.Add(new SyntaxDiagnostic(
            TemplateDiagnostics.UnknownTagId,
            $"Unknown tag '{tag.Value}'; CloudFormation accepts only the short forms of its intrinsic functions (!Ref, !Sub, !GetAtt, …). The value is read as if untagged.",
            new TextSpan(offset, offset + tag.Value.Length)));
        return null;
    }

    private TextSpan TagSpan(Mark start, TagName tag)
    {
        var offset = Index(start);
        var text = _source.Text;
        var length = offset < text.Length && text[offset] == '!' ? tag.Value.Length : 0;
        return new TextSpan(offset, offset + length);
    }

    private SyntaxNode Remember(AnchorName anchor, SyntaxNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, Weigh(node));
        }

        return node;
    }

    private SyntaxNode ResolveAlias(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var entry))
        {
            throw new YamlException(alias.Start, alias.End, $"Alias '*{alias.Value.Value}' refers to an anchor that is not defined before it.");
        }

        // Aliases share nodes, but every consumer that walks the tree expands them: bound the expansion
        // ("billion laughs") instead of letting a 1 KB file become a billion-node walk.
        _expandedWeight += entry.Weight;
        if (_expandedWeight > TemplateParser.MaxAliasExpansion)
        {
            throw new TreeLimitException(
                $"YAML aliases expand to more than {TemplateParser.MaxAliasExpansion:N0} nodes; refusing to expand (possible alias bomb).",
                Index(alias.Start));
        }

        return entry.Node;
    }

    private static long Weigh(SyntaxNode node) => node switch
    {
        MappingNode m => 1 + m.Entries.Sum(e => Weigh(e.Value)),
        SequenceNode s => 1 + s.Items.Sum(Weigh),
        IntrinsicNode i => 1 + Weigh(i.Argument),
        _ => 1,
    };

    private static ScalarStyle MapStyle(YamlScalarStyle style) => style switch
    {
        YamlScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
        YamlScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
        YamlScalarStyle.Literal => ScalarStyle.Literal,
        YamlScalarStyle.Folded => ScalarStyle.Folded,
        _ => ScalarStyle.Plain,
    };

    /// <summary>Where a collection ends: a flow collection's end event sits on its closing bracket, which belongs to it.</summary>
    private Mark CollectionEnd(ParsingEvent end)
    {
        var at = (int)end.Start.Index;
        return at < _source.Text.Length && _source.Text[at] is '}' or ']' && end.End.Index <= at
            ? new Mark(end.Start.Index + 1, end.Start.Line, end.Start.Column + 1)
            : end.End;
    }

    private TextSpan Span(Mark start, Mark end)
    {
        var s = Math.Min(Index(start), _source.Text.Length);
        var e = Math.Min(Index(end), _source.Text.Length);

        // Block nodes end where the next token starts: trim trailing whitespace and comments-free newlines.
        while (e > s && char.IsWhiteSpace(_source.Text[e - 1]))
        {
            e--;
        }

        return TextSpan.FromBounds(s, e);
    }

    private static int OffsetOf(SourceText source, Mark mark)
    {
        if (mark.Line <= 0)
        {
            return 0;
        }

        return source.GetOffset((int)mark.Line, (int)mark.Column);
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; we report the position ourselves.
        var idx = message.LastIndexOf("): ", StringComparison.Ordinal);
        return idx >= 0 && message.StartsWith('(') ? message[(idx + 3)..] : message;
    }

    internal sealed class TreeLimitException(string message, int offset) : Exception(message)
    {
        public int Offset { get; } = offset;
    }
}
