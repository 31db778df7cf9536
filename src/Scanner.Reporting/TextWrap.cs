namespace Scanner.Reporting;

/// <summary>Word wrapping for terminal output (help and text reports); words longer than a line are cut.</summary>
public static class TextWrap
{
    /// <summary>The lines of <paramref name="text"/> at most <paramref name="width"/> columns, each after the first starting with <paramref name="indent"/>.</summary>
    public static IReadOnlyList<string> Wrap(string text, int width, string indent)
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return lines;
        }

        width = Math.Max(width, indent.Length + 10);
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new System.Text.StringBuilder(lines.Count == 0 ? string.Empty : indent);
            var lineHasWord = false;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var rest = word;
                while (rest.Length > 0)
                {
                    var room = width - line.Length - (lineHasWord ? 1 : 0);
                    if (rest.Length <= room)
                    {
                        line.Append(lineHasWord ? " " : string.Empty).Append(rest);
                        lineHasWord = true;
                        rest = string.Empty;
                    }
                    else if (lineHasWord)
                    {
                        lines.Add(line.ToString());
                        line.Clear().Append(indent);
                        lineHasWord = false;
                    }
                    else
                    {
                        // A word longer than a whole line (a URL, an ARN): cut it where the line ends.
                        var cut = Math.Max(1, room);
                        line.Append(rest[..cut]);
                        lines.Add(line.ToString());
                        line.Clear().Append(indent);
                        rest = rest[cut..];
                    }
                }
            }

            if (lineHasWord || lines.Count == 0)
            {
                lines.Add(line.ToString());
            }
        }

        return lines;
    }
}
