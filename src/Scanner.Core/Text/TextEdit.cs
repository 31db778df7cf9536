namespace Scanner.Core.Text;

/// <summary>
/// Replace the characters of <see cref="Span"/> with <see cref="NewText"/> (an empty span is an insertion).
/// <see cref="Region"/> is the same place in lines and columns, for reports that cannot count characters.
/// </summary>
public sealed record TextEdit(TextSpan Span, SourceSpan Region, string NewText)
{
    public bool IsInsertion => Span.Length == 0;

    public static TextEdit Create(SourceText source, TextSpan span, string newText) => new(span, source.GetSpan(span), newText);

    /// <summary>True when the two edits touch the same text, or insert at the same point (their order would be ambiguous).</summary>
    public bool ConflictsWith(TextEdit other) =>
        Span.Start == other.Span.Start || (Span.Start < other.Span.End && other.Span.Start < Span.End);

    /// <summary>Applies edits that do not conflict with each other; every character outside them is kept.</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var ordered = edits.OrderBy(e => e.Span.Start).ThenBy(e => e.Span.End).ToList();
        var builder = new System.Text.StringBuilder(text.Length + ordered.Sum(e => e.NewText.Length));
        var position = 0;
        foreach (var edit in ordered)
        {
            if (edit.Span.Start < position || edit.Span.End > text.Length)
            {
                throw new ArgumentException($"Edit at {edit.Span.Start}-{edit.Span.End} overlaps another edit or lies outside the text.", nameof(edits));
            }

            builder.Append(text, position, edit.Span.Start - position).Append(edit.NewText);
            position = edit.Span.End;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }
}
