namespace Scanner.Core.Text;

/// <summary>A region of a source file, 1-based lines and columns; the end column points past the last character.</summary>
public readonly record struct SourceSpan(int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static readonly SourceSpan None = new(0, 0, 0, 0);

    public bool IsEmpty => StartLine == 0;

    public override string ToString() => $"{StartLine}:{StartColumn}-{EndLine}:{EndColumn}";
}

/// <summary>Character offsets into a <see cref="SourceText"/>: [Start, End).</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(start, end));
}
