using System.Text.Json;
using System.Xml.Linq;

namespace Scanner.Cli.Tests;

/// <summary>
/// Baselines end to end: <c>scan --write-baseline</c> records today's findings by their SARIF partialFingerprints,
/// <c>scan --baseline</c> then fails on new findings only, whatever lines moved, and lists the entries that are gone.
/// </summary>
public sealed class BaselineTests : CliHarness
{
    /// <summary>Two buckets without access logging (W35 twice) and an open security group.</summary>
    private const string Stack = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Logs:
            Type: AWS::S3::Bucket
          Data:
            Type: AWS::S3::Bucket
        """;

    private static JsonElement[] Findings(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("files").EnumerateArray().SelectMany(f => f.GetProperty("findings").EnumerateArray())];

    [Fact]
    public void The_baseline_holds_the_sarif_partial_fingerprints_and_the_scan_that_wrote_it_passes()
    {
        Write("stacks/app.yaml", Stack);
        var (exit, stdout, stderr) = Run("scan", "stacks", "--fail-on", "warning", "--write-baseline", "baseline.json", "-o", "sarif=out.sarif");
        Assert.Equal(0, exit);
        Assert.Contains("wrote the baseline baseline.json", stderr, StringComparison.Ordinal);
        Assert.Contains("in the baseline", stdout, StringComparison.Ordinal);

        var baseline = JsonDocument.Parse(File.ReadAllText(P("baseline.json"))).RootElement;
        Assert.Equal(1, baseline.GetProperty("version").GetInt32());
        var fingerprints = baseline.GetProperty("findings").EnumerateArray().Select(e => e.GetProperty("fingerprint").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(fingerprints);

        var sarif = JsonDocument.Parse(File.ReadAllText(P("out.sarif"))).RootElement;
        var results = sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(fingerprints, results.Select(r => r.GetProperty("partialFingerprints").GetProperty("iacscanFinding/v1").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal("unchanged", r.GetProperty("baselineState").GetString()));
    }

    [Fact]
    public void With_the_baseline_only_new_findings_count_and_moved_lines_keep_old_ones_known()
    {
        Write("stacks/app.yaml", Stack);
        Assert.Equal(0, Run("scan", "stacks", "--fail-on", "warning", "--write-baseline", "baseline.json").Exit);

        // Lines move (a description and comments above), and a new bucket brings a new finding.
        Write("stacks/app.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: the application's buckets
            # The log bucket comes first.
            Resources:
              Logs:
                Type: AWS::S3::Bucket
              Data:
                Type: AWS::S3::Bucket
              Uploads:
                Type: AWS::S3::Bucket
            """);
        var (exit, stdout, stderr) = Run("scan", "stacks", "--fail-on", "warning", "--baseline", "baseline.json", "--format", "text", "-o", "json=out.json", "-o", "junit=out.xml", "-o", "sarif=out.sarif");
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stderr);

        // Text: only the new ones.
        Assert.Contains("[Uploads]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[Logs]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[Data]", stdout, StringComparison.Ordinal);
        Assert.Matches(@"0 failures, \d+ warnings?, \d+ in the baseline\.", stdout);

        // JSON: every finding, marked.
        var findings = Findings(File.ReadAllText(P("out.json")));
        Assert.All(findings, f => Assert.Equal(f.GetProperty("logicalId").GetString() != "Uploads", f.GetProperty("baseline").GetBoolean()));
        Assert.Contains(findings, f => f.GetProperty("baseline").GetBoolean());

        // JUnit: only the new ones are test cases.
        var cases = XDocument.Load(P("out.xml")).Descendants("testcase").Where(c => c.Element("failure") is not null).Select(c => c.Attribute("name")!.Value).ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, name => Assert.EndsWith("Uploads", name, StringComparison.Ordinal));

        // SARIF: all results, new or unchanged.
        var results = JsonDocument.Parse(File.ReadAllText(P("out.sarif"))).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("baselineState").GetString() == "new");
        Assert.Contains(results, r => r.GetProperty("baselineState").GetString() == "unchanged");

        // Without the new bucket the scan passes.
        Write("stacks/app.yaml", Stack);
        Assert.Equal(0, Run("scan", "stacks", "--fail-on", "warning", "--baseline", "baseline.json").Exit);
    }

    [Fact]
    public void Baseline_entries_that_are_gone_are_listed()
    {
        Write("stacks/app.yaml", Stack);
        Write("stacks/old.yaml", Stack);
        Assert.Equal(0, Run("scan", "stacks", "--write-baseline", "baseline.json").Exit);

        // One bucket removed, one template deleted.
        Write("stacks/app.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Logs:
                Type: AWS::S3::Bucket
            """);
        File.Delete(P("stacks/old.yaml"));
        var (exit, _, stderr) = Run("scan", "stacks", "--baseline", "baseline.json", "-o", "json=out.json");
        Assert.Equal(0, exit);
        Assert.Contains("findings in the baseline baseline.json are gone", stderr, StringComparison.Ordinal);
        Assert.Contains("stacks/app.yaml: W35 [Data]", stderr, StringComparison.Ordinal);
        Assert.Contains("stacks/old.yaml: W35 [Logs]", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("stacks/app.yaml: W35 [Logs]", stderr, StringComparison.Ordinal);

        var stale = JsonDocument.Parse(File.ReadAllText(P("out.json"))).RootElement.GetProperty("baseline").GetProperty("stale").EnumerateArray().ToList();
        Assert.Contains(stale, e => e.GetProperty("path").GetString() == "stacks/app.yaml" && e.GetProperty("logicalId").GetString() == "Data");

        // A template the scan did not read is not judged: its entries are not stale.
        Write("stacks/app.yaml", Stack);
        Write("other/app.yaml", Stack);
        Assert.Equal(0, Run("scan", "stacks", "other", "--write-baseline", "baseline.json").Exit);
        (exit, _, stderr) = Run("scan", "stacks/app.yaml", "--baseline", "baseline.json");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("gone", stderr, StringComparison.Ordinal);

        // Writing the baseline again drops them.
        File.Delete(P("other/app.yaml"));
        (_, _, stderr) = Run("scan", "stacks", "--baseline", "baseline.json", "--write-baseline", "baseline.json");
        Assert.Contains("other/app.yaml: W35 [Logs]", stderr, StringComparison.Ordinal);
        (_, _, stderr) = Run("scan", "stacks", "--baseline", "baseline.json");
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void A_template_named_by_its_absolute_path_matches_the_same_entries()
    {
        Write("stacks/app.yaml", Stack);
        Assert.Equal(0, Run("scan", "stacks", "--fail-on", "warning", "--write-baseline", "baseline.json").Exit);
        var (exit, _, stderr) = Run("scan", P("stacks/app.yaml"), "--fail-on", "warning", "--baseline", P("baseline.json"));
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
    }

    [Theory]
    [InlineData("missing.json", "cannot read baseline 'missing.json': no such file")]
    [InlineData("{\"version\": 1, \"findings\": [{\"fingerprint\": \"abc\", \"ruleId\": \"W35\", \"path\": \"a.yaml\"}]}", "baseline.json:1:45: \"fingerprint\" must be 64 lowercase hex digits")]
    [InlineData("{\"version\": 2, \"findings\": []}", "baseline.json:1:13: this iacscan reads baseline version 1")]
    [InlineData("{\"version\": 1, \"findings\": [{\"ruleId\": \"W35\"}]}", "baseline.json:1:29: baseline finding without \"fingerprint\"")]
    [InlineData("{\"version\": 1, \"findings\": [", "the baseline is not valid JSON")]
    public void A_bad_baseline_is_a_located_usage_error(string content, string message)
    {
        Write("stacks/app.yaml", Stack);
        var name = content.EndsWith(".json", StringComparison.Ordinal) ? content : "baseline.json";
        if (name == "baseline.json")
        {
            Write(name, content);
        }

        var (exit, _, stderr) = Run("scan", "stacks", "--baseline", name);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
