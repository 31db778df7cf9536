using System.Buffers;
using System.Text;
using System.Text.Json;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Syntax;

/// <summary>
/// Reads JSON with System.Text.Json's <see cref="Utf8JsonReader"/>, which gives exact byte offsets for every token;
/// offsets are mapped back to character offsets of the source text.
/// </summary>
internal sealed class JsonTreeReader
{
    private readonly SourceText _source;
    private readonly List<SyntaxDiagnostic> _diagnostics;
    private readonly byte[] _bytes;
    private readonly int[]? _byteToChar;

    private JsonTreeReader(SourceText source, List<SyntaxDiagnostic> diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
        _bytes = Encoding.UTF8.GetBytes(source.Text);
        if (_bytes.Length != source.Text.Length)
        {
            _byteToChar = BuildByteToChar(source.Text, _bytes.Length);
        }
    }

    public static SyntaxNode? Read(SourceText source, List<SyntaxDiagnostic> diagnostics)
    {
        var reader = new JsonTreeReader(source, diagnostics);
        return reader.ReadDocument();
    }

    private SyntaxNode? ReadDocument()
    {
        var options = new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = TemplateParser.MaxDepth + 1,
        };
        var reader = new Utf8JsonReader(_bytes, options);
        try
        {
            if (!reader.Read())
            {
                return null;
            }

            var root = ReadValue(ref reader, string.Empty);
            if (reader.Read())
            {
                var offset = CharOffset((int)reader.TokenStartIndex);
                _diagnostics.Add(new SyntaxDiagnostic(TemplateDiagnostics.SyntaxErrorId, "Invalid JSON: unexpected content after the end of the document.", new TextSpan(offset, offset)));
                return null;
            }

            return root;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var offset = LineByteOffsetToChar(line, (int)(ex.BytePositionInLine ?? 0));
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            if (reader.CurrentDepth >= TemplateParser.MaxDepth)
            {
                message = $"Nesting is deeper than {TemplateParser.MaxDepth} levels.";
            }

            _diagnostics.Add(new SyntaxDiagnostic(TemplateDiagnostics.SyntaxErrorId, "Invalid JSON: " + message.TrimEnd(), new TextSpan(offset, offset)));
            return null;
        }
    }

    private SyntaxNode ReadValue(ref Utf8JsonReader reader, string path)
    {
        var start = CharOffset((int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var entries = new List<MappingEntry>();
                    var seen = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var keyStart = CharOffset((int)reader.TokenStartIndex);
                        var keyText = reader.GetString() ?? string.Empty;
                        // The token's raw bytes exclude the quotes (and BytesConsumed would include the colon).
                        var keyEnd = CharOffset((int)reader.TokenStartIndex + reader.ValueSpan.Length + 2);
                        var key = new ScalarNode(new TextSpan(keyStart, keyEnd), path, keyText, ScalarKind.String, ScalarStyle.JsonString);
                        if (seen.TryGetValue(keyText, out var first))
                        {
                            var (line, _) = _source.GetPosition(first.Span.Start);
                            _diagnostics.Add(new SyntaxDiagnostic(
                                TemplateDiagnostics.DuplicateKeyId,
                                $"Duplicate key '{keyText}' (first defined on line {line}); the last value is used.",
                                key.Span,
                                SyntaxNode.Combine(path, keyText)));
                        }
                        else
                        {
                            seen[keyText] = key;
                        }

                        reader.Read();
                        entries.Add(new MappingEntry(key, ReadValue(ref reader, SyntaxNode.Combine(path, keyText))));
                    }

                    var end = CharOffset((int)reader.BytesConsumed);
                    return NodeFactory.Mapping(new TextSpan(start, end), path, entries);
                }

            case JsonTokenType.StartArray:
                {
                    var items = new List<SyntaxNode>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, SyntaxNode.Combine(path, items.Count)));
                    }

                    var end = CharOffset((int)reader.BytesConsumed);
                    return new SequenceNode(new TextSpan(start, end), path, items);
                }

            case JsonTokenType.String:
                return new ScalarNode(new TextSpan(start, CharOffset((int)reader.BytesConsumed)), path, reader.GetString() ?? string.Empty, ScalarKind.String, ScalarStyle.JsonString);
            case JsonTokenType.Number:
                {
                    var text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                    var kind = text.AsSpan().IndexOfAny(".eE") >= 0 ? ScalarKind.Float : ScalarKind.Integer;
                    return new ScalarNode(new TextSpan(start, CharOffset((int)reader.BytesConsumed)), path, text, kind, ScalarStyle.Plain);
                }

            case JsonTokenType.True:
            case JsonTokenType.False:
                return new ScalarNode(new TextSpan(start, CharOffset((int)reader.BytesConsumed)), path, reader.TokenType == JsonTokenType.True ? "true" : "false", ScalarKind.Boolean, ScalarStyle.Plain);
            case JsonTokenType.Null:
                return new ScalarNode(new TextSpan(start, CharOffset((int)reader.BytesConsumed)), path, string.Empty, ScalarKind.Null, ScalarStyle.Plain);
            default:
                throw new JsonException($"Unexpected token {reader.TokenType}.", null, null, null);
        }
    }

    private int CharOffset(int byteOffset) =>
        _byteToChar is null ? byteOffset : _byteToChar[Math.Clamp(byteOffset, 0, _byteToChar.Length - 1)];

    private int LineByteOffsetToChar(int line, int bytePositionInLine)
    {
        var lineStartChar = _source.GetOffset(line, 1);
        if (_byteToChar is null)
        {
            return Math.Min(_source.Text.Length, lineStartChar + bytePositionInLine);
        }

        var lineStartByte = Encoding.UTF8.GetByteCount(_source.Text.AsSpan(0, lineStartChar));
        return CharOffset(lineStartByte + bytePositionInLine);
    }

    private static int[] BuildByteToChar(string text, int byteCount)
    {
        var map = new int[byteCount + 1];
        var b = 0;
        for (var c = 0; c < text.Length; c++)
        {
            int width;
            if (char.IsHighSurrogate(text[c]) && c + 1 < text.Length && char.IsLowSurrogate(text[c + 1]))
            {
                width = 4;
                for (var k = 0; k < width; k++)
                {
                    map[b + k] = c;
                }

                b += width;
                c++;
                continue;
            }

            width = text[c] < 0x80 ? 1 : text[c] < 0x800 ? 2 : 3;
            for (var k = 0; k < width; k++)
            {
                map[b + k] = c;
            }

            b += width;
        }

        map[byteCount] = text.Length;
        return map;
    }
}
