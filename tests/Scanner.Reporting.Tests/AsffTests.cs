using System.Text.Json.Nodes;
using Scanner.Core.Engine;

namespace Scanner.Reporting.Tests;

public sealed class AsffTests
{
    private static IReadOnlyList<JsonObject> Findings(ScanResult result, ReportOptions? options = null) =>
        new AsffReportWriter().BuildFindings(result, options ?? SampleScan.Options);

    private static JsonObject Aggregate(ScanResult result, ReportOptions? options = null) =>
        Assert.Single(new AsffAggregateReportWriter().BuildFindings(result, options ?? SampleScan.Options));

    [Theory]
    [InlineData(0, 0, 0, "INFORMATIONAL")]
    [InlineData(0, 1, 1, "LOW")]
    [InlineData(1, 19, 39, "LOW")]
    [InlineData(2, 0, 40, "MEDIUM")]
    [InlineData(3, 9, 69, "MEDIUM")]
    [InlineData(3, 10, 70, "HIGH")]
    [InlineData(4, 9, 89, "HIGH")]
    [InlineData(4, 10, 90, "CRITICAL")]
    [InlineData(4, 19, 99, "CRITICAL")]
    [InlineData(5, 0, 100, "CRITICAL")]
    [InlineData(5, 1, 100, "CRITICAL")]
    [InlineData(40, 300, 100, "CRITICAL")]
    public void Weighted_severity_is_normalized_and_labelled_at_the_range_edges(int failures, int warnings, int normalized, string label)
    {
        var (sum, actualNormalized, actualLabel) = AsffSeverity.Weighted(failures, warnings, 20, 1);
        Assert.Equal(failures * 20L + warnings, sum);
        Assert.Equal(normalized, actualNormalized);
        Assert.Equal(label, actualLabel);
    }

    [Fact]
    public void Weights_are_configurable()
    {
        Assert.Equal((50L, 50, "MEDIUM"), AsffSeverity.Weighted(1, 5, 10, 8));
        Assert.Equal((0L, 0, "INFORMATIONAL"), AsffSeverity.Weighted(3, 3, 0, 0));
    }

    [Fact]
    public void Three_failures_and_five_warnings_give_an_aggregate_of_65_medium()
    {
        var aggregate = Aggregate(SampleScan.WithCounts(3, 5));
        Assert.Equal(65, (int)aggregate["Severity"]!["Normalized"]!);
        Assert.Equal("MEDIUM", (string)aggregate["Severity"]!["Label"]!);
        Assert.Equal("65", (string)aggregate["Severity"]!["Original"]!);
        Assert.Equal("CFN scan repo:acme/infra:main", (string)aggregate["Title"]!);
        var description = (string)aggregate["Description"]!;
        Assert.Contains("3 failures and 5 warnings in 1 template", description, StringComparison.Ordinal);
        Assert.Contains("By rule: W35 x5, F3 x3.", description, StringComparison.Ordinal);
        Assert.Contains("https://ci.example.com/builds/42/report.html", description, StringComparison.Ordinal);
        Assert.Equal("https://ci.example.com/builds/42/report.html", (string)aggregate["SourceUrl"]!);
        Assert.Equal("FAILED", (string)aggregate["Compliance"]!["Status"]!);
        Assert.Empty(AsffLimits.Validate(aggregate));
    }

    [Fact]
    public void Aggregate_uses_the_configured_weights_and_ignores_suppressed_findings()
    {
        var aggregate = Aggregate(SampleScan.Create(), SampleScan.Options with { WeightFailure = 30, WeightWarning = 5 });

        // F3 and E0000 are failures, W35 and W41 warnings; the suppressed W9 does not count.
        Assert.Equal(70, (int)aggregate["Severity"]!["Normalized"]!);
        Assert.Contains("1 suppressed", (string)aggregate["Description"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_finding_has_all_required_fields_within_limits()
    {
        var findings = Findings(SampleScan.Create());
        Assert.Equal(4, findings.Count); // the suppressed W9 is not sent
        foreach (var finding in findings)
        {
            Assert.Empty(AsffLimits.Validate(finding));
            Assert.Equal("arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default", (string)finding["ProductArn"]!);
            Assert.Equal("2026-01-02T03:04:05.000Z", (string)finding["CreatedAt"]!);
            Assert.Equal("ACTIVE", (string)finding["RecordState"]!);
            Assert.NotNull(finding["FindingProviderFields"]!["Severity"]);
        }

        var f3 = findings.Single(f => (string)f["GeneratorId"]! == "iacscan/F3");
        Assert.Equal("HIGH", (string)f3["Severity"]!["Label"]!);
        Assert.Equal("F3 IAM role policy allows every action (MyRole)", (string)f3["Title"]!);
        Assert.Equal("templates/app.yaml#/Resources/MyRole", (string)f3["Resources"]![0]!["Id"]!);
        Assert.Equal("FAILED", (string)f3["Compliance"]!["Status"]!);
        Assert.Equal("acme/infra", (string)f3["ProductFields"]![AsffContext.RepositoryField]!);
    }

    [Fact]
    public void Ids_are_deterministic_and_ignore_line_moves()
    {
        static string[] Ids(ScanResult r, ReportOptions o) => Findings(r, o).Select(f => (string)f["Id"]!).ToArray();
        var first = Ids(SampleScan.Create(), SampleScan.Options);
        Assert.Equal(first, Ids(SampleScan.Create(lineShift: 5), SampleScan.Options with { Timestamp = DateTimeOffset.UnixEpoch }));
        Assert.Equal(first.Length, first.Distinct().Count());
        Assert.NotEqual(first, Ids(SampleScan.Create(), SampleScan.Options with { Branch = "feature" }));
        Assert.NotEqual(first, Ids(SampleScan.Create(), SampleScan.Options with { Repository = "acme/other" }));
        Assert.Equal(
            (string)Aggregate(SampleScan.WithCounts(1, 1))["Id"]!,
            (string)Aggregate(SampleScan.WithCounts(4, 0), SampleScan.Options with { Timestamp = DateTimeOffset.UnixEpoch })["Id"]!);
    }

    [Fact]
    public void Long_texts_are_truncated_to_the_ASFF_limits()
    {
        var result = SampleScan.WithCounts(1, 0);
        var huge = result with
        {
            Files = [result.Files[0] with { Findings = [result.Files[0].Findings[0] with { Message = new string('m', 5000), LogicalId = new string('L', 400) }] }],
        };
        var finding = Assert.Single(Findings(huge));
        Assert.Equal(AsffLimits.MaxTitle, ((string)finding["Title"]!).Length);
        Assert.Equal(AsffLimits.MaxDescription, ((string)finding["Description"]!).Length);
        Assert.EndsWith("...", (string)finding["Description"]!, StringComparison.Ordinal);
        Assert.Empty(AsffLimits.Validate(finding));
        Assert.True(AsffLimits.SizeInBytes(finding) < AsffLimits.MaxFindingBytes);
    }

    [Fact]
    public void Validation_catches_missing_fields_and_bad_values()
    {
        var finding = Findings(SampleScan.Create())[0];
        finding.Remove("Title");
        finding["RecordState"] = "CLOSED";
        finding["AwsAccountId"] = "42";
        var problems = AsffLimits.Validate(finding);
        Assert.Contains(problems, p => p.Contains("missing required field Title", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RecordState", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("AwsAccountId", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_account_or_region_is_a_configuration_error()
    {
        var error = Assert.Throws<ReportConfigurationException>(() => Findings(SampleScan.Create(), SampleScan.Options with { AwsAccountId = null, Region = "nowhere" }));
        Assert.Contains("--aws-account-id", error.Message, StringComparison.Ordinal);
        Assert.Contains("'nowhere' is not an AWS region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_hold_at_most_one_import_batch()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "findings.json");
        File.WriteAllText(ReportFiles.PartPath(path, 4), "[]"); // left from an earlier, bigger run
        var written = ReportFiles.Write(new AsffReportWriter(), SampleScan.WithCounts(150, 100), path, SampleScan.Options);
        Assert.Equal([path, Path.Combine(temp.Path, "findings.2.json"), Path.Combine(temp.Path, "findings.3.json")], written);
        Assert.Equal([100, 100, 50], written.Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsArray().Count));
        Assert.False(File.Exists(ReportFiles.PartPath(path, 4)));
        var all = written.SelectMany(SecurityHubImporter.ReadFindings).ToList();
        Assert.Equal(250, all.Select(f => (string)f["Id"]!).Distinct().Count());
    }
}
