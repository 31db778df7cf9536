using System.Globalization;
using System.Text;

namespace Scanner.Cli;

/// <summary>
/// A unified diff (<c>diff -u</c>, applicable with <c>git apply</c> or <c>patch</c>) of two versions of a file, from
/// Myers' O(ND) line diff. Lines keep their own line endings, so CRLF files diff and patch as CRLF.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    private enum Op
    {
        Equal,
        Delete,
        Insert,
    }

    public static string Create(string oldText, string newText, string oldName, string newName)
    {
        var a = SplitLines(oldText);
        var b = SplitLines(newText);
        var script = Diff(a, b);
        if (script.All(s => s.Op == Op.Equal))
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldName).Append('\n');
        sb.Append("+++ ").Append(newName).Append('\n');
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Op == Op.Equal)
            {
                i++;
                continue;
            }

            // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change that lies within
            // 2 × CONTEXT equal lines of the previous one.
            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < script.Count)
            {
                var run = 0;
                while (end + run < script.Count && script[end + run].Op == Op.Equal)
                {
                    run++;
                }

                if (end + run >= script.Count || run > 2 * Context)
                {
                    end = Math.Min(script.Count, end + Math.Min(run, Context));
                    break;
                }

                end += run;
                while (end < script.Count && script[end].Op != Op.Equal)
                {
                    end++;
                }
            }

            AppendHunk(sb, script, start, end);
            i = end;
        }

        return sb.ToString();
    }

    private static void AppendHunk(StringBuilder sb, List<(Op Op, string Line, int OldIndex, int NewIndex)> script, int start, int end)
    {
        var oldStart = script[start].OldIndex;
        var newStart = script[start].NewIndex;
        var oldCount = 0;
        var newCount = 0;
        for (var k = start; k < end; k++)
        {
            oldCount += script[k].Op != Op.Insert ? 1 : 0;
            newCount += script[k].Op != Op.Delete ? 1 : 0;
        }

        sb.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
        for (var k = start; k < end; k++)
        {
            var (op, line, _, _) = script[k];
            sb.Append(op switch { Op.Delete => '-', Op.Insert => '+', _ => ' ' }).Append(line);
            if (!line.EndsWith('\n') && !line.EndsWith('\r'))
            {
                sb.Append("\n\\ No newline at end of file\n");
            }
        }
    }

    /// <summary>"start,count" with 1-based start; an empty range names the line before it, as diff does.</summary>
    private static string Range(int zeroBasedStart, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{(count == 0 ? zeroBasedStart : zeroBasedStart + 1)},{count}");

    /// <summary>Lines with their terminators (<c>\n</c>, <c>\r\n</c> or <c>\r</c>); the last may have none.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>The shortest edit script from <paramref name="a"/> to <paramref name="b"/>, each entry with its line numbers in both.</summary>
    private static List<(Op Op, string Line, int OldIndex, int NewIndex)> Diff(List<string> a, List<string> b)
    {
        int n = a.Count, m = b.Count, max = n + m, offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && string.Equals(a[x], b[y], StringComparison.Ordinal))
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        // Walk back through the saved frontiers: each step is a diagonal run of equal lines, then one edit.
        var script = new List<(Op, string, int, int)>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var frontier = trace[d];
            var k = cx - cy;
            var previousK = k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? k + 1 : k - 1;
            var px = frontier[offset + previousK];
            var py = px - previousK;
            while (cx > px && cy > py)
            {
                cx--;
                cy--;
                script.Add((Op.Equal, a[cx], cx, cy));
            }

            if (d == 0)
            {
                break;
            }

            if (cx == px)
            {
                cy--;
                script.Add((Op.Insert, b[cy], cx, cy));
            }
            else
            {
                cx--;
                script.Add((Op.Delete, a[cx], cx, cy));
            }
        }

        script.Reverse();
        return script;
    }
}
