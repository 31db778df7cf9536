using Scanner.Core.Text;

namespace Scanner.CloudFormation.Syntax;

/// <summary>Where the characters of a scalar's text are in the source, for findings inside a string.</summary>
public static class ScalarText
{
    /// <summary>
    /// Offsets in the source of each character of a scalar's text. Exact for plain, quoted and block scalars whose
    /// text can be aligned with the source; characters written as escapes map to the escape; when alignment is lost
    /// the rest maps to the scalar's start.
    /// </summary>
    public static int[] SourceOffsets(SourceText source, ScalarNode scalar)
    {
        var text = scalar.Text;
        var src = source.Text;
        var map = new int[text.Length + 1];
        var start = Math.Clamp(scalar.Span.Start, 0, src.Length);
        var end = Math.Clamp(scalar.Span.End, start, src.Length);
        Array.Fill(map, start);
        if (scalar.Style is ScalarStyle.DoubleQuoted or ScalarStyle.JsonString or ScalarStyle.SingleQuoted)
        {
            var quote = src.Length > start ? src[start] : '"';
            var p = start + (quote is '"' or '\'' ? 1 : 0);
            for (var i = 0; i < text.Length; i++)
            {
                if (p >= end)
                {
                    return map;
                }

                if (scalar.Style != ScalarStyle.SingleQuoted && src[p] == '\\' && p + 1 < end)
                {
                    map[i] = p;
                    p += src[p + 1] switch
                    {
                        'u' => 6,
                        'x' => 4,
                        'U' => 10,
                        _ => 2,
                    };
                }
                else if (scalar.Style == ScalarStyle.SingleQuoted && src[p] == '\'' && p + 1 < end && src[p + 1] == '\'')
                {
                    map[i] = p;
                    p += 2;
                }
                else if (src[p] == text[i])
                {
                    map[i] = p;
                    p++;
                }
                else
                {
                    // Folded line breaks and the like: the rest cannot be aligned exactly.
                    for (var j = i; j < text.Length; j++)
                    {
                        map[j] = start;
                    }

                    return map;
                }
            }

            map[text.Length] = p;
            return map;
        }

        // Plain and block scalars: find each line of the text in the source, in order.
        var search = start;
        var pos = 0;
        foreach (var line in text.Split('\n'))
        {
            var idx = line.Length == 0 ? -1 : src.IndexOf(line, search, end - search, StringComparison.Ordinal);
            for (var k = 0; k < line.Length; k++)
            {
                map[pos + k] = idx >= 0 ? idx + k : search;
            }

            if (idx >= 0)
            {
                search = idx + line.Length;
            }

            pos += line.Length;
            if (pos < text.Length)
            {
                map[pos] = search;
                pos++;
            }
        }

        map[text.Length] = search;
        return map;
    }

    /// <summary>The source span of <paramref name="length"/> characters of a scalar's text from <paramref name="index"/>.</summary>
    public static TextSpan SpanOf(SourceText source, ScalarNode scalar, int index, int length)
    {
        var offsets = SourceOffsets(source, scalar);
        var start = offsets[Math.Clamp(index, 0, offsets.Length - 1)];
        var end = offsets[Math.Clamp(index + length, 0, offsets.Length - 1)];
        return TextSpan.FromBounds(start, Math.Max(start, end));
    }
}
