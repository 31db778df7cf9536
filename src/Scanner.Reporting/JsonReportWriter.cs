using System.Text.Encodings.Web;
using System.Text.Json;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>
/// The JSON report: <c>{"tool","version","shard":{"index","count","files","scan"}?,
/// "files":[{"path","config"?,"failOn"?,"parseFailed"?,"findings":[…]}],"errors"?,"skippedFiles":[{"path","reason"}]?,
/// "baseline":{"file","entries","stale":[…]}?, "summary":{"files","skipped","failures","warnings","suppressed","baseline"?,"configFiles"},
/// "rules":[…]}</c>. With a baseline, each finding has <c>"baseline": true|false</c> and failures/warnings count only
/// the new ones. It holds everything the other formats are written from (rules, fixes), so <c>iacscan merge</c>
/// (<see cref="JsonReportReader"/>) writes every format from shard reports. Field names are a contract (documented
/// in README); fields may be added, never renamed.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public void Write(ScanResult result, TextWriter writer, ReportOptions options)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "iacscan");
            json.WriteString("version", options.ToolVersion);
            if (result.Shard is { } shard)
            {
                json.WriteStartObject("shard");
                json.WriteNumber("index", shard.Index);
                json.WriteNumber("count", shard.Count);
                json.WriteNumber("files", shard.Files);
                json.WriteString("scan", shard.Scan);
                json.WriteEndObject();
            }

            json.WriteStartArray("files");
            foreach (var file in result.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                if (file.ConfigFile is not null)
                {
                    json.WriteString("config", file.ConfigFile);
                }

                if (file.FailOn is not null)
                {
                    json.WriteString("failOn", file.FailOn);
                }

                if (file.ParseFailed)
                {
                    json.WriteBoolean("parseFailed", true);
                }

                json.WriteStartArray("findings");
                foreach (var f in file.Findings)
                {
                    WriteFinding(json, f, result.Baseline is not null);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (result.Errors.Count > 0)
            {
                json.WriteStartArray("errors");
                foreach (var e in result.Errors)
                {
                    json.WriteStringValue(e);
                }

                json.WriteEndArray();
            }

            if (result.Skipped.Count > 0)
            {
                json.WriteStartArray("skippedFiles");
                foreach (var skipped in result.Skipped)
                {
                    json.WriteStartObject();
                    json.WriteString("path", skipped.Path);
                    json.WriteString("reason", skipped.Reason);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (result.Baseline is { } baseline)
            {
                // The baseline compared with: its file, how many entries it has, and those no finding matches any more.
                json.WriteStartObject("baseline");
                json.WriteString("file", baseline.File);
                json.WriteNumber("entries", baseline.Entries);
                json.WriteStartArray("stale");
                foreach (var e in baseline.Stale)
                {
                    Baseline.WriteEntry(json, e, withMessage: false);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteStartObject("summary");
            json.WriteNumber("files", result.Files.Count);
            json.WriteNumber("skipped", result.SkippedFiles);
            json.WriteNumber("failures", result.Failures);
            json.WriteNumber("warnings", result.Warnings);
            json.WriteNumber("suppressed", result.SuppressedCount);
            if (result.Baseline is not null)
            {
                json.WriteNumber("baseline", result.BaselineCount);
            }

            json.WriteStartArray("configFiles");
            foreach (var config in result.ConfigFiles)
            {
                json.WriteStringValue(config);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            WriteRules(json, result.Rules);
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.WriteLine();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding f, bool comparedWithBaseline)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.RuleId);
        json.WriteString("level", f.Level == RuleLevel.Failure ? "failure" : "warning");
        json.WriteString("severity", f.Severity.ToString().ToUpperInvariant());
        json.WriteString("message", f.Message);
        if (f.LogicalId is null)
        {
            json.WriteNull("logicalId");
        }
        else
        {
            json.WriteString("logicalId", f.LogicalId);
        }

        if (f.ResourceType is not null)
        {
            json.WriteString("resourceType", f.ResourceType);
        }

        json.WriteNumber("line", f.Span.StartLine);
        json.WriteNumber("column", f.Span.StartColumn);
        json.WriteNumber("endLine", f.Span.EndLine);
        json.WriteNumber("endColumn", f.Span.EndColumn);
        json.WriteString("path", f.Path);
        if (f.When is { } when)
        {
            // The deploy-time circumstances the finding holds under: condition truth values, parameter values.
            json.WriteStartObject("when");
            json.WriteString("description", when.Description);
            json.WriteStartObject("conditions");
            foreach (var (name, value) in when.Conditions)
            {
                json.WriteBoolean(name, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("parameters");
            foreach (var (name, value) in when.Parameters)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteBoolean("suppressed", f.Suppressed);
        if (comparedWithBaseline)
        {
            json.WriteBoolean("baseline", f.Baseline);
        }

        if (f.Suppressed)
        {
            json.WriteString("suppressionReason", f.SuppressionReason ?? string.Empty);
            if (f.SuppressionSource is not null)
            {
                json.WriteString("suppressionSource", f.SuppressionSource);
            }
        }

        if (f.Fix is { } fix)
        {
            // The edits that repair it (SARIF fixes): character offsets and the same place in lines and columns.
            json.WriteStartObject("fix");
            json.WriteString("description", fix.Description);
            if (fix.RecreatesResource)
            {
                json.WriteBoolean("recreatesResource", true);
            }

            json.WriteStartArray("edits");
            foreach (var edit in fix.Edits)
            {
                json.WriteStartObject();
                json.WriteNumber("start", edit.Span.Start);
                json.WriteNumber("end", edit.Span.End);
                json.WriteNumber("line", edit.Region.StartLine);
                json.WriteNumber("column", edit.Region.StartColumn);
                json.WriteNumber("endLine", edit.Region.EndLine);
                json.WriteNumber("endColumn", edit.Region.EndColumn);
                json.WriteString("newText", edit.NewText);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>The rules the scan ran, with what SARIF, JUnit and ASFF say about them.</summary>
    private static void WriteRules(Utf8JsonWriter json, IReadOnlyList<RuleDescriptor> rules)
    {
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("title", rule.Title);
            json.WriteString("level", ReportFacts.LevelName(rule.Level));
            json.WriteString("severity", rule.Severity.ToString().ToUpperInvariant());
            if (rule.LevelVariesByFinding)
            {
                WriteStrings(json, "findingLevels", rule.FindingLevels.Select(ReportFacts.LevelName));
            }

            if (rule.SeverityVariesByFinding)
            {
                WriteStrings(json, "findingSeverities", rule.FindingSeverities.Select(s => s.ToString().ToUpperInvariant()));
            }

            json.WriteString("source", rule.Source);
            json.WriteString("category", rule.Category);
            json.WriteString("message", rule.MessageFormat);
            json.WriteString("description", rule.Description);
            if (!string.IsNullOrEmpty(rule.Remediation))
            {
                json.WriteString("remediation", rule.Remediation);
            }

            if (rule.Aliases.Count > 0)
            {
                json.WriteStartArray("aliases");
                foreach (var alias in rule.Aliases)
                {
                    json.WriteStartObject();
                    json.WriteString("tool", alias.Tool);
                    json.WriteString("id", alias.Id);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (!rule.EnabledByDefault)
            {
                json.WriteBoolean("enabledByDefault", false);
            }

            if (rule.HelpUri is not null)
            {
                json.WriteString("helpUri", rule.HelpUri);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
