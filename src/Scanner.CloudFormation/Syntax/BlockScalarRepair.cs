using System.Text;
using System.Text.RegularExpressions;

namespace Scanner.CloudFormation.Syntax;

/// <summary>
/// The text YamlDotNet is given when it refuses a block scalar (<c>|</c>, <c>&gt;</c>) whose leading lines hold
/// only spaces ("found extra spaces in first line"): PyYAML, which SAM and cfn-lint use, and CloudFormation read
/// such lines as empty lines. The spaces of those lines are removed; <see cref="ToOriginal"/> maps an index of the
/// repaired text back to the file, so spans still point into what was written.
/// </summary>
internal sealed partial class BlockScalarRepair
{
    /// <summary>Repaired index where spaces were removed, and how many were removed up to and including there.</summary>
    private readonly List<(long At, int Removed)> _removals;

    private BlockScalarRepair(string text, List<(long At, int Removed)> removals, List<int> overIndented)
    {
        Text = text;
        _removals = removals;
        OverIndented = overIndented;
    }

    public string Text { get; }

    /// <summary>
    /// Offsets (in the file) of emptied lines that had more spaces than the scalar's first line of content: YAML 1.2
    /// calls this an error, so it deserves a warning even though the value is clear.
    /// </summary>
    public IReadOnlyList<int> OverIndented { get; }

    /// <summary>The repaired text, or null when no block scalar starts with a whitespace-only line.</summary>
    public static BlockScalarRepair? Create(string text)
    {
        var lines = Lines(text);
        var builder = new StringBuilder(text.Length);
        var removals = new List<(long, int)>();
        var overIndented = new List<int>();
        var removed = 0;
        var copied = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var header = BlockHeader().Match(WithoutComment(text.Substring(lines[i].Start, lines[i].Length)));
            if (!header.Success)
            {
                continue;
            }

            var j = i + 1;
            while (j < lines.Count && IsSpacesOnly(text, lines[j]))
            {
                j++;
            }

            var content = j < lines.Count ? Indentation(text, lines[j]) : 0;
            if (header.Groups["indent"].Success)
            {
                content = Indentation(text, lines[i]) + (header.Groups["indent"].Value[0] - '0');
            }

            for (var k = i + 1; k < j; k++)
            {
                if (lines[k].Length == 0)
                {
                    continue;
                }

                builder.Append(text, copied, lines[k].Start - copied);
                copied = lines[k].Start + lines[k].Length;
                removed += lines[k].Length;
                removals.Add((builder.Length, removed));
                if (lines[k].Length > content && !header.Groups["indent"].Success)
                {
                    overIndented.Add(lines[k].Start);
                }
            }

            i = j - 1;
        }

        if (removals.Count == 0)
        {
            return null;
        }

        builder.Append(text, copied, text.Length - copied);
        return new BlockScalarRepair(builder.ToString(), removals, overIndented);
    }

    /// <summary>The file offset of an index into <see cref="Text"/>.</summary>
    public int ToOriginal(long index)
    {
        // The last removal at or before the index tells how many characters precede it in the file but not here.
        int lo = 0, hi = _removals.Count - 1, shift = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_removals[mid].At <= index)
            {
                shift = _removals[mid].Removed;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return (int)index + shift;
    }

    /// <summary>Each line's start and length, without its line break.</summary>
    private static List<(int Start, int Length)> Lines(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add((start, i - start));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add((start, text.Length - start));
        return lines;
    }

    private static bool IsSpacesOnly(string text, (int Start, int Length) line)
    {
        for (var i = line.Start; i < line.Start + line.Length; i++)
        {
            if (text[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }

    private static int Indentation(string text, (int Start, int Length) line)
    {
        var n = 0;
        while (n < line.Length && text[line.Start + n] == ' ')
        {
            n++;
        }

        return n;
    }

    /// <summary>The line without a trailing <c># comment</c> (a <c>#</c> after whitespace starts one).</summary>
    private static string WithoutComment(string line)
    {
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '#' && line[i - 1] is ' ' or '\t')
            {
                return line[..i];
            }
        }

        return line;
    }

    /// <summary>A line ending with a block scalar indicator: <c>key: |</c>, <c>- &gt;-</c>, <c>!Sub |2</c>…</summary>
    [GeneratedRegex(@"(^|[\s:])[|>](?:(?<indent>[1-9])[+-]?|[+-](?<indent>[1-9])?)?\s*$")]
    private static partial Regex BlockHeader();
}
