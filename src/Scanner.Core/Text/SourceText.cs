namespace Scanner.Core.Text;

/// <summary>
/// The text of one file with a line index. Nodes keep character offsets; lines and columns are computed here,
/// so every layer agrees on what "line 3, column 5" means (columns count UTF-16 characters, 1-based).
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    public string Path { get; }

    public string Text { get; }

    public int LineCount => _lineStarts.Length;

    public (int Line, int Column) GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _lineStarts[index] + 1);
    }

    public int GetOffset(int line, int column)
    {
        if (line < 1)
        {
            return 0;
        }

        if (line > _lineStarts.Length)
        {
            return Text.Length;
        }

        return Math.Min(Text.Length, _lineStarts[line - 1] + Math.Max(0, column - 1));
    }

    public SourceSpan GetSpan(TextSpan span)
    {
        var (sl, sc) = GetPosition(span.Start);
        var (el, ec) = GetPosition(span.End);
        return new SourceSpan(sl, sc, el, ec);
    }

    public string GetLine(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            return string.Empty;
        }

        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        return Text[start..end].TrimEnd('\r', '\n');
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                starts.Add(i + 1);
            }
            else if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
