using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scanner.Cli.Tests;

/// <summary>
/// <c>scan --shard K/N</c> and <c>iacscan merge</c> end to end: the shards of a scan are disjoint and together its
/// files, and merging their JSON reports writes every format exactly as the whole scan does.
/// </summary>
public sealed class ShardMergeTests : CliHarness
{
    private static readonly string[] AwsFacts = ["--aws-account-id", "123456789012", "--region", "eu-west-1", "--repo", "acme/infra", "--branch", "main"];

    private static readonly Options Fixed = new() { Environment = new() { ["SOURCE_DATE_EPOCH"] = "1767225600" } };

    private static readonly string[] Formats = ["json", "text", "sarif", "junit", "asff", "asff-aggregate"];

    /// <summary>
    /// Under repo/ (the reports go beside it, so no scan reads another's reports as skipped files): ten templates with findings (one with a fixable W41, one suppressed, one unparsable), a nested configuration
    /// file with its own failOn and exclude, a workflow that is not a template, and a default-excluded directory.
    /// </summary>
    private void WriteRepository()
    {
        for (var i = 0; i < 8; i++)
        {
            Write($"repo/stacks/app{i}/template.yaml", i % 2 == 0 ? BucketWithoutLogging : GroupWithoutEgress);
        }

        Write("repo/stacks/plain.yaml", "Resources:\n  Plain:\n    Type: AWS::S3::Bucket\n");
        Write("repo/stacks/suppressed.yaml", """
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Metadata:
                  cfn_nag:
                    rules_to_suppress:
                      - id: F1000
                        reason: egress is managed by the platform team
                Properties:
                  GroupDescription: x
            """);
        Write("repo/stacks/broken.yaml", "Resources:\n  B: [\n");
        Write("repo/legacy/.iacscan.yml", "failOn: warning\nexclude: ['old/**']\n");
        Write("repo/legacy/stack.yaml", BucketWithoutLogging);
        Write("repo/legacy/old/stack.yaml", GroupWithoutEgress);
        Write("repo/.github/workflows/ci.yml", "on: push\njobs: {}\n");
        Write("repo/node_modules/pkg/template.yaml", GroupWithoutEgress);
    }

    /// <summary>Every format of one run, by format name.</summary>
    private Dictionary<string, string> Reports(string prefix) =>
        Formats.ToDictionary(f => f, f => File.ReadAllText(P($"{prefix}.{f}")));

    private static string[] Outputs(string prefix) =>
        [.. Formats.SelectMany(f => new[] { "-o", $"{f}={prefix}.{f}" })];

    private static List<string> FilesOf(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!)];

    private (int Exit, string Out, string Err) Scan(params string[] args) => RunWith(Fixed, ["scan", .. args]);

    private (int Exit, string Out, string Err) Merge(params string[] args) => RunWith(Fixed, ["merge", .. args]);

    [Fact]
    public void The_merged_shards_write_every_report_of_the_whole_scan()
    {
        WriteRepository();
        var full = Scan(["repo", "--fail-on", "none", .. Outputs("full"), .. AwsFacts]);
        Assert.Equal(0, full.Exit);
        var whole = Reports("full");
        Assert.True(FilesOf(whole["json"]).Count >= 11, whole["json"]);

        var shards = new List<List<string>>();
        for (var k = 1; k <= 3; k++)
        {
            var (exit, stdout, stderr) = Scan(["repo", "--shard", $"{k}/3", "--fail-on", "none", "-o", $"json=shard-{k}.json", "-o", $"sarif=shard-{k}.sarif", "-o", $"junit=shard-{k}.xml", .. AwsFacts]);
            Assert.True(exit == 0, stderr);
            Assert.StartsWith($"shard {k}/3: ", stdout, StringComparison.Ordinal);
            var report = JsonNode.Parse(File.ReadAllText(P($"shard-{k}.json")))!;
            Assert.Equal(k, report["shard"]!["index"]!.GetValue<int>());
            Assert.Equal(3, report["shard"]!["count"]!.GetValue<int>());
            shards.Add(FilesOf(File.ReadAllText(P($"shard-{k}.json"))));

            // A shard's SARIF is its own code-scanning category, so uploading it never closes another shard's alerts.
            var sarif = JsonNode.Parse(File.ReadAllText(P($"shard-{k}.sarif")))!;
            Assert.Equal($"iacscan/acme/infra/main/shard-{k}-of-3/", sarif["runs"]![0]!["automationDetails"]!["id"]!.GetValue<string>());
        }

        // Disjoint, and together exactly the whole scan's templates.
        var all = shards.SelectMany(s => s).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(FilesOf(whole["json"]), all.Order(StringComparer.Ordinal));
        Assert.True(shards.Count(s => s.Count > 0) >= 2, "the hash spreads the files over the shards");

        var merged = Merge(["shard-1.json", "shard-2.json", "shard-3.json", "--fail-on", "none", .. Outputs("merged"), .. AwsFacts]);
        Assert.True(merged.Exit == 0, merged.Err);
        Assert.Equal(string.Empty, merged.Err);
        var reports = Reports("merged");
        foreach (var format in Formats)
        {
            Assert.True(whole[format] == reports[format], $"the merged {format} report differs from the whole scan's");
        }

        var aggregate = JsonNode.Parse(reports["asff-aggregate"])!.AsArray();
        Assert.Single(aggregate);
        Assert.Equal("iacscan/acme/infra/main/", JsonNode.Parse(reports["sarif"])!["runs"]![0]!["automationDetails"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Adding_a_file_moves_no_other_file_between_shards()
    {
        WriteRepository();
        Dictionary<string, int> ShardOf()
        {
            var owner = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var k = 1; k <= 4; k++)
            {
                Assert.Equal(0, Scan("repo", "--shard", $"{k}/4", "--fail-on", "none", "-q", "-o", $"json=s{k}.json").Exit);
                foreach (var file in FilesOf(File.ReadAllText(P($"s{k}.json"))))
                {
                    owner.Add(file, k);
                }
            }

            return owner;
        }

        var before = ShardOf();
        for (var i = 0; i < 5; i++)
        {
            Write($"repo/stacks/new{i}.yaml", BucketWithoutLogging);
        }

        var after = ShardOf();
        Assert.Equal(before.Count + 5, after.Count);
        Assert.All(before, pair => Assert.Equal(pair.Value, after[pair.Key]));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("3")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("-1/2")]
    [InlineData("99999999999/99999999999")]
    public void A_bad_shard_is_a_usage_error(string shard)
    {
        Write("t.yaml", BucketWithoutLogging);
        var (exit, stdout, stderr) = Run("scan", "t.yaml", $"--shard={shard}");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains($"--shard '{shard}': expected K/N with 1 ≤ K ≤ N", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_without_a_template_is_a_note_not_an_error_and_the_merge_is_still_the_whole_scan()
    {
        Write("only.yaml", BucketWithoutLogging);
        Assert.Equal(1, Scan("only.yaml", "--fail-on", "warning", "-q", "-o", "json=full.json").Exit);
        var empty = 0;
        for (var k = 1; k <= 4; k++)
        {
            var (exit, _, stderr) = Scan("only.yaml", "--shard", $"{k}/4", "--fail-on", "warning", "-o", $"json=s{k}.json");
            if (FilesOf(File.ReadAllText(P($"s{k}.json"))).Count == 0)
            {
                empty++;
                Assert.Equal(0, exit);
                Assert.Contains($"iacscan: note: shard {k}/4: no template", stderr, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(1, exit);
            }
        }

        Assert.Equal(3, empty);
        var merged = Merge("s1.json", "s2.json", "s3.json", "s4.json", "--fail-on", "warning", "-o", "json=merged.json");
        Assert.Equal(1, merged.Exit);
        Assert.Equal(File.ReadAllText(P("full.json")), File.ReadAllText(P("merged.json")));
    }

    [Fact]
    public void With_a_baseline_the_shards_stale_entries_add_up_to_the_whole_scans()
    {
        WriteRepository();
        Write("repo/stacks/gone.yaml", BucketWithoutLogging);
        Assert.Equal(0, Scan("repo", "--write-baseline", "baseline.json", "--fail-on", "none", "-q").Exit);
        File.Delete(P("repo/stacks/gone.yaml"));
        Write("repo/stacks/app0/template.yaml", "Resources:\n  Plain:\n    Type: AWS::SQS::Queue\n");

        Assert.Equal(0, Scan("repo", "--baseline", "baseline.json", "--fail-on", "none", "-q", "-o", "json=full.json").Exit);
        var stale = JsonNode.Parse(File.ReadAllText(P("full.json")))!["baseline"]!["stale"]!.AsArray();
        Assert.Contains(stale, e => e!["path"]!.GetValue<string>() == "repo/stacks/gone.yaml");
        Assert.Contains(stale, e => e!["path"]!.GetValue<string>() == "repo/stacks/app0/template.yaml");

        var parts = new List<string>();
        for (var k = 1; k <= 3; k++)
        {
            Assert.Equal(0, Scan("repo", "--baseline", "baseline.json", "--shard", $"{k}/3", "--fail-on", "none", "-q", "-o", $"json=s{k}.json").Exit);
            parts.Add($"s{k}.json");
        }

        Assert.Equal(0, Merge([.. parts, "--fail-on", "none", "-o", "json=merged.json"]).Exit);
        Assert.Equal(File.ReadAllText(P("full.json")), File.ReadAllText(P("merged.json")));
    }

    [Fact]
    public void The_exit_code_of_merge_follows_fail_on_and_the_configuration_files_fail_on()
    {
        Write("stacks/warn.yaml", BucketWithoutLogging);
        Write("legacy/.iacscan.yml", "failOn: warning\n");
        Write("legacy/warn.yaml", BucketWithoutLogging);
        Write("fail/fail.yaml", GroupWithoutEgress);
        var expected = Scan(".", "-q", "-o", "json=full.json").Exit;
        Assert.Equal(1, expected);
        Assert.Equal(0, Scan("stacks", "-q", "-o", "json=stacks.json").Exit);
        Assert.Equal(1, Scan("legacy", "-q", "-o", "json=legacy.json").Exit);

        // Scans of disjoint paths merge too; legacy/ fails on its warning through its failOn.
        Assert.Equal(0, Merge("stacks.json", "-q").Exit);
        Assert.Equal(1, Merge("stacks.json", "legacy.json", "-q").Exit);
        Assert.Equal(0, Merge("stacks.json", "legacy.json", "-q", "--fail-on", "failure").Exit);
        Assert.Equal(1, Merge("stacks.json", "--fail-on", "warning", "-q").Exit);
        Assert.Equal(0, Merge("full.json", "--fail-on", "none", "-q").Exit);
        Assert.Equal(expected, Merge("full.json", "-q").Exit);
    }

    [Fact]
    public void Duplicate_and_missing_inputs_are_errors_that_name_them()
    {
        WriteRepository();
        Assert.Equal(0, Scan("repo", "--fail-on", "none", "-q", "-o", "json=full.json").Exit);
        for (var k = 1; k <= 3; k++)
        {
            Assert.Equal(0, Scan("repo", "--shard", $"{k}/3", "--fail-on", "none", "-q", "-o", $"json=s{k}.json").Exit);
        }

        Assert.Equal(0, Scan("repo", "--shard", "1/2", "--fail-on", "none", "-q", "-o", "json=half.json").Exit);
        File.Copy(P("s2.json"), P("s2-copy.json"));

        var cases = new (string[] Args, string Message)[]
        {
            (["s1.json", "s2.json", "s3.json", "s2-copy.json"], "s2.json and s2-copy.json are the same report"),
            (["s1.json", "s2.json"], "shard 3/3 is missing"),
            (["s1.json", "s2.json", "s3.json", "full.json"], "is in both"),
            (["s1.json", "s2.json", "s3.json", "half.json"], "the shards are of different scans"),
            (["s1.json", "nothere.json"], "cannot read nothere.json: no such file"),
            (["repo/stacks/plain.yaml"], "repo/stacks/plain.yaml:1:1: not valid JSON"),
        };
        foreach (var (args, message) in cases)
        {
            var (exit, stdout, stderr) = Merge([.. args, "-o", "json=out.json"]);
            Assert.True(exit == 2, $"{string.Join(' ', args)}: {stderr}");
            Assert.Equal(string.Empty, stdout);
            Assert.Contains(message, stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(P("out.json")));
        }

        // Given once each, in any order, they merge.
        Assert.Equal(0, Merge("s3.json", "s1.json", "s2.json", "--fail-on", "none", "-o", "json=out.json").Exit);
        Assert.Equal(File.ReadAllText(P("full.json")), File.ReadAllText(P("out.json")));
    }

    [Fact]
    public void Reports_of_other_versions_or_settings_merge_with_a_warning()
    {
        WriteRepository();
        Assert.Equal(0, Scan("repo", "--shard", "1/2", "--fail-on", "none", "-q", "-o", "json=s1.json").Exit);
        Assert.Equal(0, Scan("repo", "--shard", "2/2", "--fail-on", "none", "-q", "--rule-arguments", "spcm_threshold=5", "-o", "json=s2.json").Exit);
        var (exit, _, stderr) = Merge("s1.json", "s2.json", "--fail-on", "none", "-o", "json=out.json");
        Assert.Equal(0, exit);
        Assert.Contains("iacscan: warning: the shards come from scans of different files or settings", stderr, StringComparison.Ordinal);

        var other = JsonNode.Parse(File.ReadAllText(P("s1.json")))!;
        other["version"] = "0.0.1-old";
        File.WriteAllText(P("old.json"), other.ToJsonString());
        Assert.Equal(0, Scan("repo", "--shard", "2/2", "--fail-on", "none", "-q", "-o", "json=s2.json").Exit);
        (exit, _, stderr) = Merge("old.json", "s2.json", "--fail-on", "none", "-o", "json=out.json");
        Assert.Equal(0, exit);
        Assert.Contains("iacscan: warning: the reports were written by different iacscan versions (old.json: 0.0.1-old", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("different files or settings", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("asff=a.json", "--shard cannot write asff reports")]
    [InlineData("asff-aggregate=a.json", "--shard cannot write asff-aggregate reports")]
    public void A_shard_does_not_write_security_hub_reports(string output, string message)
    {
        Write("t.yaml", BucketWithoutLogging);
        var (exit, _, stderr) = Run(["scan", "t.yaml", "--shard", "1/2", "-o", output, .. AwsFacts]);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains("iacscan merge", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_does_not_write_a_baseline()
    {
        Write("t.yaml", BucketWithoutLogging);
        var (exit, _, stderr) = Run("scan", "t.yaml", "--shard", "1/2", "--write-baseline", "b.json");
        Assert.Equal(2, exit);
        Assert.Contains("--write-baseline cannot be used with --shard", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("b.json")));
    }
}
