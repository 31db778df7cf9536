using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>
/// Shared shape of the ASFF writers: the file is a JSON array of findings, the input of
/// <c>aws securityhub batch-import-findings --findings file://…</c> and of <c>iacscan securityhub import</c>.
/// Written to files, a report with more than 100 findings is split so that no file exceeds one import batch.
/// </summary>
public abstract class AsffWriterBase : IBatchedReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public abstract string Format { get; }

    public int BatchSize => AsffLimits.MaxFindingsPerBatch;

    /// <summary>The findings, each within ASFF's limits, in a deterministic order.</summary>
    public abstract IReadOnlyList<JsonObject> BuildFindings(ScanResult result, ReportOptions options);

    public void Write(ScanResult result, TextWriter writer, ReportOptions options) =>
        WriteArray(BuildFindings(result, options), writer);

    public IReadOnlyList<Action<TextWriter>> WriteBatches(ScanResult result, ReportOptions options)
    {
        var findings = BuildFindings(result, options);
        if (findings.Count == 0)
        {
            return [w => WriteArray([], w)];
        }

        return findings.Chunk(BatchSize).Select(batch => (Action<TextWriter>)(w => WriteArray(batch, w))).ToArray();
    }

    private static void WriteArray(IReadOnlyList<JsonObject> findings, TextWriter writer)
    {
        var array = new JsonArray(findings.Select(f => (JsonNode)f.DeepClone()).ToArray());
        writer.Write(array.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal));
        writer.WriteLine();
    }

    protected static JsonObject Severity(string label, string original, int? normalized = null)
    {
        var severity = new JsonObject { ["Label"] = label };
        if (normalized is { } n)
        {
            severity["Normalized"] = n;
        }

        severity["Original"] = original;
        return severity;
    }

    protected static JsonObject Common(AsffContext context, string id, string generatorId, DateTimeOffset now, JsonObject severity, string title, string description)
    {
        var timestamp = AsffLimits.Timestamp(now);
        return new JsonObject
        {
            ["SchemaVersion"] = AsffContext.SchemaVersion,
            ["Id"] = id,
            ["ProductArn"] = context.ProductArn,
            ["GeneratorId"] = generatorId,
            ["AwsAccountId"] = context.AwsAccountId,
            ["Types"] = new JsonArray(AsffContext.DefaultType),
            ["CreatedAt"] = timestamp,
            ["UpdatedAt"] = timestamp,
            ["Severity"] = severity,
            ["Title"] = ReportFacts.Truncate(title, AsffLimits.MaxTitle),
            ["Description"] = ReportFacts.Truncate(description, AsffLimits.MaxDescription),
        };
    }

    protected static JsonObject ProductFields(ReportOptions options, AsffContext context, params (string Key, string? Value)[] fields)
    {
        var product = new JsonObject
        {
            ["ProviderName"] = "iacscan",
            ["ProviderVersion"] = options.ToolVersion,
            [AsffContext.RepositoryField] = context.Repository,
            [AsffContext.BranchField] = context.Branch,
        };
        foreach (var (key, value) in fields)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                product[key] = ReportFacts.Truncate(value, AsffLimits.MaxProductFieldValue);
            }
        }

        return product;
    }

    protected static void Finish(JsonObject finding, JsonObject severity, ReportOptions options)
    {
        finding["RecordState"] = "ACTIVE";
        // FindingProviderFields.Severity takes only Label and Original (BatchImportFindings rejects Normalized there).
        finding["FindingProviderFields"] = new JsonObject
        {
            ["Severity"] = new JsonObject { ["Label"] = severity["Label"]!.DeepClone(), ["Original"] = severity["Original"]!.DeepClone() },
            ["Types"] = new JsonArray(AsffContext.DefaultType),
        };
        if (options.ReportUrl is { } url)
        {
            finding["SourceUrl"] = url.AbsoluteUri;
        }
    }
}

/// <summary>An extra capability of writers whose files have a size limit: render the report as several files.</summary>
public interface IBatchedReportWriter : IReportWriter
{
    int BatchSize { get; }

    /// <summary>One writer action per file; the first goes to the named file, the others beside it.</summary>
    IReadOnlyList<Action<TextWriter>> WriteBatches(ScanResult result, ReportOptions options);
}

/// <summary><c>asff</c>: one Security Hub finding per active (not suppressed) finding of the scan.</summary>
public sealed class AsffReportWriter : AsffWriterBase
{
    public override string Format => "asff";

    /// <summary>
    /// The deterministic finding Id: the same repository, branch, template, rule and resource node give the same Id,
    /// so a re-import updates the finding instead of adding a duplicate. Lines are left out on purpose.
    /// </summary>
    public static string FindingId(AsffContext context, string template, Finding finding) =>
        $"{AsffContext.GeneratorPrefix}{ReportFacts.Fingerprint(context.Repository, context.Branch, template, finding.RuleId, finding.LogicalId, finding.Path)[..32]}/{finding.RuleId}";

    public override IReadOnlyList<JsonObject> BuildFindings(ScanResult result, ReportOptions options)
    {
        var context = AsffContext.FromOptions(options);
        var now = options.Now;
        var findings = new List<JsonObject>();
        // Security Hub tracks every finding that is not suppressed, baseline ones too: a baseline decides what fails
        // the build, not what the account's security posture is.
        foreach (var finding in result.AllFindings.Where(f => !f.Suppressed))
        {
            var rule = result.FindRule(finding.RuleId);
            var template = ReportFacts.DisplayPath(finding.FilePath, options);
            var line = ReportFacts.Line(finding);
            var column = ReportFacts.Column(finding);
            var severity = Severity(AsffSeverity.Label(finding.Severity), ReportFacts.SecurityScoreText(finding.Severity));
            var title = $"{finding.RuleId} {rule?.Title ?? finding.Message}{(finding.LogicalId is null ? string.Empty : $" ({finding.LogicalId})")}";
            var resource = finding.LogicalId is null ? string.Empty : $" Resource {finding.LogicalId}{(finding.ResourceType is null ? string.Empty : $" ({finding.ResourceType})")}.";
            var description = $"{finding.Message} At {template}:{line}:{column} in {context.Repository} ({context.Branch}).{resource}";

            var json = Common(context, FindingId(context, template, finding), $"{AsffContext.GeneratorPrefix}{finding.RuleId}", now, severity, title, description);
            if (rule is not null)
            {
                var recommendation = new JsonObject();
                if (!string.IsNullOrWhiteSpace(rule.Remediation))
                {
                    recommendation["Text"] = ReportFacts.Truncate(rule.Remediation, AsffLimits.MaxRecommendationText);
                }

                if (ReportFacts.HelpUri(rule, options) is { } help)
                {
                    recommendation["Url"] = help.AbsoluteUri;
                }

                if (recommendation.Count > 0)
                {
                    json["Remediation"] = new JsonObject { ["Recommendation"] = recommendation };
                }
            }

            json["ProductFields"] = ProductFields(
                options,
                context,
                ("iacscan/RuleId", finding.RuleId),
                ("iacscan/Level", ReportFacts.LevelName(finding.Level)),
                ("iacscan/Template", template),
                ("iacscan/StartLine", line.ToString(CultureInfo.InvariantCulture)),
                ("iacscan/StartColumn", column.ToString(CultureInfo.InvariantCulture)),
                ("iacscan/LogicalId", finding.LogicalId),
                ("iacscan/Path", finding.Path));

            var details = new JsonObject { ["Template"] = template, ["Line"] = line.ToString(CultureInfo.InvariantCulture) };
            if (finding.LogicalId is not null)
            {
                details["LogicalId"] = finding.LogicalId;
            }

            if (finding.ResourceType is not null)
            {
                details["CfnType"] = finding.ResourceType;
            }

            json["Resources"] = new JsonArray(new JsonObject
            {
                ["Type"] = "Other",
                ["Id"] = ReportFacts.Truncate(finding.LogicalId is null ? template : $"{template}#/Resources/{finding.LogicalId}", AsffLimits.MaxId),
                ["Partition"] = context.Partition,
                ["Region"] = context.Region,
                ["Details"] = new JsonObject { ["Other"] = details },
            });
            json["Compliance"] = new JsonObject { ["Status"] = finding.Level == RuleLevel.Failure ? "FAILED" : "WARNING" };
            Finish(json, severity, options);
            findings.Add(json);
        }

        return findings;
    }
}

/// <summary>
/// <c>asff-aggregate</c>: one finding for the whole repository and branch, whose severity is the weighted count of
/// its findings, so a dashboard can rank repositories without importing every finding.
/// </summary>
public sealed class AsffAggregateReportWriter : AsffWriterBase
{
    public override string Format => "asff-aggregate";

    public static string FindingId(AsffContext context) =>
        $"{AsffContext.GeneratorPrefix}aggregate/{ReportFacts.Fingerprint(context.Repository, context.Branch)[..32]}";

    public override IReadOnlyList<JsonObject> BuildFindings(ScanResult result, ReportOptions options)
    {
        var context = AsffContext.FromOptions(options);
        var unsuppressed = result.AllFindings.Where(f => !f.Suppressed).ToList();
        var failures = unsuppressed.Count(f => f.Level == RuleLevel.Failure);
        var warnings = unsuppressed.Count(f => f.Level == RuleLevel.Warning);
        var (sum, normalized, label) = AsffSeverity.Weighted(failures, warnings, options.WeightFailure, options.WeightWarning);
        var severity = Severity(label, sum.ToString(CultureInfo.InvariantCulture), normalized);

        var byRule = unsuppressed
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} x{g.Count()}")
            .ToList();
        var templates = result.Files.Count;
        var description = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{failures} {Plural(failures, "failure")} and {warnings} {Plural(warnings, "warning")} in {templates} {Plural(templates, "template")}")
            .Append(CultureInfo.InvariantCulture, $" (weighted severity {sum} = failures x{options.WeightFailure} + warnings x{options.WeightWarning}, capped at 100).");
        if (result.SuppressedCount > 0)
        {
            description.Append(CultureInfo.InvariantCulture, $" {result.SuppressedCount} suppressed.");
        }

        if (result.BaselineCount > 0)
        {
            description.Append(CultureInfo.InvariantCulture, $" {result.BaselineCount} of them in the baseline.");
        }

        description.Append(byRule.Count > 0 ? " By rule: " + string.Join(", ", byRule) + "." : " No findings.");
        if (options.ReportUrl is { } url)
        {
            description.Append(" Full report: ").Append(url.AbsoluteUri);
        }

        var json = Common(context, FindingId(context), $"{AsffContext.GeneratorPrefix}aggregate", options.Now, severity, $"CFN scan repo:{context.Repository}:{context.Branch}", description.ToString());
        var recommendation = new JsonObject { ["Text"] = "Open the full scan report and fix or suppress (with a reason) each finding." };
        if (options.ReportUrl is { } reportUrl)
        {
            recommendation["Url"] = reportUrl.AbsoluteUri;
        }

        json["Remediation"] = new JsonObject { ["Recommendation"] = recommendation };
        json["ProductFields"] = ProductFields(
            options,
            context,
            ("iacscan/Kind", "aggregate"),
            ("iacscan/Failures", failures.ToString(CultureInfo.InvariantCulture)),
            ("iacscan/Warnings", warnings.ToString(CultureInfo.InvariantCulture)),
            ("iacscan/Suppressed", result.SuppressedCount.ToString(CultureInfo.InvariantCulture)),
            ("iacscan/WeightedSum", sum.ToString(CultureInfo.InvariantCulture)),
            ("iacscan/Templates", templates.ToString(CultureInfo.InvariantCulture)));
        json["Resources"] = new JsonArray(new JsonObject
        {
            ["Type"] = "Other",
            ["Id"] = ReportFacts.Truncate($"repo:{context.Repository}:{context.Branch}", AsffLimits.MaxId),
            ["Partition"] = context.Partition,
            ["Region"] = context.Region,
            ["Details"] = new JsonObject
            {
                ["Other"] = new JsonObject { ["Repository"] = context.Repository, ["Branch"] = context.Branch },
            },
        });
        json["Compliance"] = new JsonObject { ["Status"] = failures > 0 ? "FAILED" : warnings > 0 ? "WARNING" : "PASSED" };
        Finish(json, severity, options);
        return [json];
    }

    private static string Plural(long count, string word) => count == 1 ? word : word + "s";
}
