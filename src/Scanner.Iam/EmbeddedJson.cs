using System.Globalization;
using System.Text;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Text;

namespace Scanner.Iam;

/// <summary>
/// Text assembled from template scalars (a JSON string, the pieces of an Fn::Sub or Fn::Join), remembering for each
/// character where it is written in the template, and which ranges stand for values that are not literal.
/// </summary>
internal sealed class MappedText
{
    private readonly StringBuilder _text = new();
    private readonly List<int> _offsets = [];
    private readonly List<(int Start, int End, Value Value)> _placeholders = [];

    public string Text => _text.ToString();

    public int Length => _text.Length;

    public IReadOnlyList<(int Start, int End, Value Value)> Placeholders => _placeholders;

    public int SourceOffset(int index) =>
        _offsets.Count == 0 ? 0 : _offsets[Math.Clamp(index, 0, _offsets.Count - 1)];

    public TextSpan SourceSpan(int start, int end)
    {
        var s = SourceOffset(start);
        var e = end > start ? SourceOffset(end - 1) + 1 : s;
        return TextSpan.FromBounds(s, e);
    }

    /// <summary>Appends text whose characters are all written at <paramref name="offset"/> (a substituted value).</summary>
    public void AppendAt(string text, int offset)
    {
        _text.Append(text);
        for (var i = 0; i < text.Length; i++)
        {
            _offsets.Add(offset);
        }
    }

    /// <summary>Appends a value that is not known, rendered as <c>${…}</c> (quotes removed so it stays inside a JSON string).</summary>
    public void AppendPlaceholder(Value value, int offset)
    {
        var display = value.Display.Replace('"', '\'').Replace('\\', '/');
        var start = _text.Length;
        AppendAt(display, offset);
        _placeholders.Add((start, _text.Length, value));
    }

    /// <summary>Appends <paramref name="text"/>[from..to) of a scalar, mapped through the scalar's offsets.</summary>
    public void AppendMapped(string text, int[] offsets, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            _text.Append(text[i]);
            _offsets.Add(offsets[i]);
        }
    }

    /// <summary>Offsets in the source of each character of a scalar's text (see <see cref="ScalarText.SourceOffsets"/>).</summary>
    public static int[] ScalarOffsets(SourceText source, ScalarNode scalar) => ScalarText.SourceOffsets(source, scalar);
}

/// <summary>
/// A small JSON reader that builds the same syntax nodes as the template parser, with spans mapped back into the
/// template, so rules report inside a policy written as a string exactly as they do for an object.
/// </summary>
internal sealed class EmbeddedJsonReader
{
    private readonly MappedText _mapped;
    private readonly string _text;
    private readonly Dictionary<SyntaxNode, Value> _values;
    private readonly List<(string Message, int Index)> _duplicates = [];
    private int _pos;

    private EmbeddedJsonReader(MappedText mapped, Dictionary<SyntaxNode, Value> values)
    {
        _mapped = mapped;
        _text = mapped.Text;
        _values = values;
    }

    /// <summary>Parses the text; returns null and an error (message, source offset) when it is not valid JSON.</summary>
    public static SyntaxNode? Parse(MappedText mapped, string basePath, Dictionary<SyntaxNode, Value> values, List<(string Message, TextSpan Span)> errors)
    {
        var reader = new EmbeddedJsonReader(mapped, values);
        try
        {
            reader.SkipWhitespace();
            var node = reader.ReadValue(basePath);
            reader.SkipWhitespace();
            if (reader._pos < reader._text.Length)
            {
                throw new FormatException("unexpected text after the end of the document");
            }

            foreach (var (message, index) in reader._duplicates)
            {
                errors.Add((message, mapped.SourceSpan(index, index + 1)));
            }

            return node;
        }
        catch (FormatException ex)
        {
            var at = Math.Min(reader._pos, Math.Max(0, reader._text.Length - 1));
            errors.Add(($"{ex.Message} at character {reader._pos.ToString(CultureInfo.InvariantCulture)} of the JSON text", mapped.SourceSpan(at, at + 1)));
            return null;
        }
    }

    private SyntaxNode ReadValue(string path)
    {
        if (_pos >= _text.Length)
        {
            throw new FormatException("unexpected end of the JSON text");
        }

        var c = _text[_pos];
        return c switch
        {
            '{' => ReadObject(path),
            '[' => ReadArray(path),
            '"' => ReadString(path),
            _ => ReadLiteral(path),
        };
    }

    private MappingNode ReadObject(string path)
    {
        var start = _pos++;
        var entries = new List<MappingEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return new MappingNode(_mapped.SourceSpan(start, _pos), path, entries);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new FormatException("expected a quoted key");
            }

            var keyStart = _pos;
            var key = ReadString(path);
            if (!seen.Add(key.Text))
            {
                _duplicates.Add(($"the key '{key.Text}' appears twice; only the last one counts", keyStart));
            }

            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            var value = ReadValue(SyntaxNode.Combine(path, key.Text));
            entries.Add(new MappingEntry(new ScalarNode(key.Span, SyntaxNode.Combine(path, key.Text), key.Text, ScalarKind.String, ScalarStyle.JsonString), value));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect('}');
            return new MappingNode(_mapped.SourceSpan(start, _pos), path, entries);
        }
    }

    private SequenceNode ReadArray(string path)
    {
        var start = _pos++;
        var items = new List<SyntaxNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return new SequenceNode(_mapped.SourceSpan(start, _pos), path, items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(SyntaxNode.Combine(path, items.Count)));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect(']');
            return new SequenceNode(_mapped.SourceSpan(start, _pos), path, items);
        }
    }

    private ScalarNode ReadString(string path)
    {
        var start = _pos++;
        var sb = new StringBuilder();
        var escaped = false;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new FormatException("unterminated string");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                break;
            }

            if (c == '\\')
            {
                escaped = true;
                if (_pos + 1 >= _text.Length)
                {
                    throw new FormatException("unterminated escape");
                }

                var e = _text[_pos + 1];
                _pos += 2;
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u' when _pos + 4 <= _text.Length && int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    case '"' or '\\' or '/': sb.Append(e); break;
                    default: throw new FormatException($"invalid escape '\\{e}'");
                }

                continue;
            }

            if (c is '\n' or '\r')
            {
                throw new FormatException("line break inside a string");
            }

            sb.Append(c);
            _pos++;
        }

        var node = new ScalarNode(_mapped.SourceSpan(start, _pos), path, sb.ToString(), ScalarKind.String, ScalarStyle.JsonString);
        var value = ValueOf(start + 1, _pos - 1, sb.ToString(), escaped, node);
        if (value is not null)
        {
            _values[node] = value;
        }

        return node;
    }

    /// <summary>The value of a string that contains placeholders (null when it is a plain literal).</summary>
    private Value? ValueOf(int start, int end, string text, bool escaped, ScalarNode node)
    {
        var inside = _mapped.Placeholders.Where(p => p.Start >= start && p.End <= end).ToList();
        if (inside.Count == 0)
        {
            return null;
        }

        if (escaped)
        {
            return new CompositeValue([new SymbolicValue(SymbolKind.Unknown, text, null, node)], node);
        }

        var parts = new List<Value>();
        var cursor = start;
        foreach (var (s, e, v) in inside)
        {
            if (s > cursor)
            {
                parts.Add(LiteralValue.Of(_text[cursor..s], node));
            }

            if (v is CompositeValue nested)
            {
                parts.AddRange(nested.Parts);
            }
            else
            {
                parts.Add(v);
            }

            cursor = e;
        }

        if (end > cursor)
        {
            parts.Add(LiteralValue.Of(_text[cursor..end], node));
        }

        return parts.Count == 1 && parts[0] is not LiteralValue ? parts[0] with { Origin = node } : new CompositeValue(parts, node);
    }

    private ScalarNode ReadLiteral(string path)
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or '+' or '.' or '_'))
        {
            _pos++;
        }

        var token = _text[start.._pos];
        var kind = token switch
        {
            "true" or "false" => ScalarKind.Boolean,
            "null" => ScalarKind.Null,
            _ when double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _) =>
                token.Contains('.', StringComparison.Ordinal) || token.Contains('e', StringComparison.OrdinalIgnoreCase) ? ScalarKind.Float : ScalarKind.Integer,
            _ => throw new FormatException(token.Length == 0 ? $"unexpected character '{Peek()}'" : $"unexpected token '{token}'"),
        };
        return new ScalarNode(_mapped.SourceSpan(start, _pos), path, token, kind, ScalarStyle.Plain);
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new FormatException(_pos >= _text.Length ? $"expected '{c}' but the text ended" : $"expected '{c}' but found '{Peek()}'");
        }

        _pos++;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }
}
