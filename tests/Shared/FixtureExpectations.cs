using System.Text.RegularExpressions;

namespace Scanner.Tests;

/// <summary>
/// Expected findings written next to a fixture. YAML: a trailing comment <c># expect: W35, F3</c> on the line where
/// each finding must start. JSON (no comments): a sibling <c>NAME.json.expected</c> file with lines <c>LINE RULEID</c>.
/// </summary>
internal static partial class FixtureExpectations
{
    public static IReadOnlyList<(int Line, string RuleId)> Read(string fixturePath)
    {
        var result = new List<(int, string)>();
        var sidecar = fixturePath + ".expected";
        if (File.Exists(sidecar))
        {
            foreach (var raw in File.ReadAllLines(sidecar))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                result.Add((int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]));
            }

            return result;
        }

        var lines = File.ReadAllLines(fixturePath);
        for (var i = 0; i < lines.Length; i++)
        {
            var m = ExpectComment().Match(lines[i]);
            if (m.Success)
            {
                foreach (var id in m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    result.Add((i + 1, id));
                }
            }
        }

        return result;
    }

    [GeneratedRegex(@"#\s*expect:\s*([A-Za-z0-9_.\-,\s]+?)\s*$")]
    private static partial Regex ExpectComment();
}
