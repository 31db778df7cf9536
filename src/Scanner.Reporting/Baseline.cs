using System.Text.Encodings.Web;
using System.Text.Json;
using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>
/// The findings a repository had when it adopted iacscan (<c>scan --write-baseline FILE</c>), each by the fingerprint
/// SARIF gives it in <c>partialFingerprints</c>: rule, template path relative to the source root, logical id and node
/// path, without line numbers, so moved lines and unrelated edits keep it. <c>scan --baseline FILE</c> marks the
/// findings it holds (<see cref="Core.Diagnostics.Finding.Baseline"/>); only the others count.
/// <code>
/// {"tool": "iacscan", "version": 1, "fingerprint": "iacscanFinding/v1",
///  "findings": [{"fingerprint", "ruleId", "path", "logicalId", "nodePath", "message"}]}
/// </code>
/// </summary>
public sealed record Baseline(IReadOnlyList<BaselineEntry> Entries)
{
    public const int FormatVersion = 1;

    /// <summary>The baseline of a scan: every finding that is not suppressed, once per fingerprint.</summary>
    public static Baseline Of(ScanResult result, ReportOptions options) =>
        new(Ordered(result.AllFindings.Where(f => !f.Suppressed)
            .Select(f => new BaselineEntry(ReportFacts.FindingFingerprint(f, options), f.RuleId, ReportFacts.DisplayPath(f.FilePath, options), f.LogicalId, f.Path, f.Message))));

    /// <summary>Entries once per fingerprint, in the baseline's order: path, rule, logical id, node path.</summary>
    public static IReadOnlyList<BaselineEntry> Ordered(IEnumerable<BaselineEntry> entries) =>
        [.. entries.DistinctBy(e => e.Fingerprint)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ThenBy(e => e.RuleId, StringComparer.Ordinal)
            .ThenBy(e => e.LogicalId ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.NodePath, StringComparer.Ordinal)];

    public void Write(TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "iacscan");
            json.WriteNumber("version", FormatVersion);
            json.WriteString("fingerprint", SarifReportWriter.FingerprintKey);
            json.WriteStartArray("findings");
            foreach (var e in Entries)
            {
                WriteEntry(json, e, withMessage: true);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.WriteLine();
    }

    /// <summary>One entry as the baseline file and the JSON report's <c>baseline.stale</c> list write it.</summary>
    public static void WriteEntry(Utf8JsonWriter json, BaselineEntry e, bool withMessage)
    {
        json.WriteStartObject();
        json.WriteString("fingerprint", e.Fingerprint);
        json.WriteString("ruleId", e.RuleId);
        json.WriteString("path", e.Path);
        if (e.LogicalId is null)
        {
            json.WriteNull("logicalId");
        }
        else
        {
            json.WriteString("logicalId", e.LogicalId);
        }

        json.WriteString("nodePath", e.NodePath);
        if (withMessage)
        {
            json.WriteString("message", e.Message);
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Marks the findings this baseline holds, and lists its stale entries: those no finding matches any more, for
    /// templates this scan read or that no longer exist (an entry for a template left out of this scan is not judged).
    /// </summary>
    public ScanResult Apply(ScanResult result, ReportOptions options, string display)
    {
        var known = Entries.Select(e => e.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        var files = result.Files.Select(file => file with
        {
            Findings = [.. file.Findings.Select(f =>
            {
                if (f.Suppressed)
                {
                    return f;
                }

                var fingerprint = ReportFacts.FindingFingerprint(f, options);
                if (!known.Contains(fingerprint))
                {
                    return f;
                }

                matched.Add(fingerprint);
                return f with { Baseline = true };
            })],
        }).ToArray();

        var scanned = result.Files.Select(f => ReportFacts.DisplayPath(f.Path, options)).ToHashSet(StringComparer.Ordinal);
        var stale = Ordered(Entries
            .Where(e => !matched.Contains(e.Fingerprint))
            .Where(e => scanned.Contains(e.Path) || !File.Exists(Path.GetFullPath(e.Path, options.SourceRoot))));
        return result with { Files = files, Baseline = new BaselineComparison(display, Entries.Count, stale) };
    }
}
