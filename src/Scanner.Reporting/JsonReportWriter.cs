using System.Text.Encodings.Web;
using System.Text.Json;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>
/// The JSON report: <c>{"files":[{"path","config"?,"findings":[…]}],"skippedFiles":[{"path","reason"}]?,
/// "baseline":{"file","entries","stale":[…]}?, "summary":{"files","skipped","failures","warnings","suppressed","baseline"?,"configFiles"}}</c>.
/// With a baseline, each finding has <c>"baseline": true|false</c> and failures/warnings count only the new ones.
/// Field names are a contract (documented in README); fields may be added, never renamed.
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
            json.WriteStartArray("files");
            foreach (var file in result.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                if (file.ConfigFile is not null)
                {
                    json.WriteString("config", file.ConfigFile);
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

        json.WriteEndObject();
    }
}
