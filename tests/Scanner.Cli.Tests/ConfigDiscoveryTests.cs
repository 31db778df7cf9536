using System.Text.Json;

namespace Scanner.Cli.Tests;

/// <summary>Configuration like eslint and ruff: the nearest .iacscan.yml per file, --config for all, named in reports, located errors.</summary>
public sealed class ConfigDiscoveryTests : CliHarness
{
    public ConfigDiscoveryTests()
    {
        Directory.CreateDirectory(P("repo/.git"));
        Write("repo/.iacscan.yml", "failOn: warning\n");
        Write("repo/stacks/.iacscan.yml", "failOn: none\nsuppressions:\n  - {id: W35, file: 'app.yaml', reason: access logs go to the central account}\n");
        Write("repo/stacks/app.yaml", BucketWithoutLogging);
        Write("repo/other/bucket.yaml", BucketWithoutLogging);
    }

    private static JsonElement File(JsonElement report, string path) =>
        report.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == path);

    [Fact]
    public void The_nearest_configuration_applies_to_each_file_and_reports_name_it()
    {
        var (exit, stdout, _) = Run("scan", "repo", "-f", "json");
        var report = JsonDocument.Parse(stdout).RootElement;

        var app = File(report, "repo/stacks/app.yaml");
        Assert.Equal("repo/stacks/.iacscan.yml", app.GetProperty("config").GetString());
        Assert.True(app.GetProperty("findings")[0].GetProperty("suppressed").GetBoolean()); // file: is relative to the configuration file

        var bucket = File(report, "repo/other/bucket.yaml");
        Assert.Equal("repo/.iacscan.yml", bucket.GetProperty("config").GetString());
        Assert.False(bucket.GetProperty("findings")[0].GetProperty("suppressed").GetBoolean());
        Assert.Equal(1, exit); // the warning in other/ fails under the root's failOn: warning

        var configs = report.GetProperty("summary").GetProperty("configFiles").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["repo/.iacscan.yml", "repo/stacks/.iacscan.yml"], configs);
    }

    [Fact]
    public void Scanning_one_file_from_the_repository_root_uses_its_folder_configuration()
    {
        var (exit, _, stderr) = RunWith(new Options { WorkingDirectory = P("repo") }, "scan", "stacks/app.yaml", "-v");
        Assert.Equal(0, exit);
        Assert.Contains("config: stacks/.iacscan.yml", stderr, StringComparison.Ordinal);
        Assert.Contains("scan: stacks/app.yaml (config stacks/.iacscan.yml)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_search_stops_at_the_repository_root()
    {
        Write(".iacscan.yml", "nonsense: true\n"); // above the repository: never read
        Assert.Equal(1, Run("scan", "repo").Exit);
    }

    [Fact]
    public void Config_overrides_the_search_for_every_file()
    {
        Write("all.yml", "failOn: none\n");
        var (exit, stdout, _) = Run("scan", "repo", "--config", "all.yml", "-f", "json");
        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(["all.yml"], report.GetProperty("summary").GetProperty("configFiles").EnumerateArray().Select(c => c.GetString()).ToList());
        Assert.False(File(report, "repo/stacks/app.yaml").GetProperty("findings")[0].GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public void Excludes_of_a_configuration_are_relative_to_it()
    {
        Write("repo/stacks/.iacscan.yml", "exclude: ['generated/**']\n");
        Write("repo/stacks/generated/out.yaml", BucketWithoutLogging);
        var (_, _, stderr) = Run("scan", "repo", "-v");
        Assert.Contains("skip: repo/stacks/generated/out.yaml: excluded by 'generated/**' in repo/stacks/.iacscan.yml", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trustedAccounts: [\"12345\"]\n", ".iacscan.yml:1:19: trustedAccounts: '12345' is not a 12-digit AWS account id")]
    [InlineData("ruleArguments: {spcm_treshold: 30}\n", ".iacscan.yml:1:17: ruleArguments: no rule takes the argument 'spcm_treshold' (did you mean 'spcm_threshold'?)")]
    [InlineData("ruleArguments:\n  spcm_threshold: lots\n", ".iacscan.yml:2:19: ruleArguments: spcm_threshold must be a whole number, not 'lots'")]
    [InlineData("failon: warning\n", ".iacscan.yml:1:1: unknown configuration key 'failon' (did you mean 'failOn'?)")]
    [InlineData("failOn: warnings\n", ".iacscan.yml:1:9: failOn must be failure, warning or none, not 'warnings' (did you mean 'warning'?)")]
    [InlineData("severity: {W355: LOW}\n", ".iacscan.yml:1:12: unknown rule id 'W355' in severity overrides (did you mean 'W35'?)")]
    [InlineData("suppressions:\n  - {id: W35, reasn: x}\n", ".iacscan.yml:2:15: unknown suppression field 'reasn' (did you mean 'reason'?)")]
    public void Every_value_error_is_file_line_column(string content, string message)
    {
        Write("repo/stacks/.iacscan.yml", content);
        var (exit, _, stderr) = Run("scan", "repo/stacks");
        Assert.Equal(2, exit);
        Assert.StartsWith($"iacscan: repo/stacks/{message}", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_configuration_may_name_an_alias()
    {
        Write("repo/stacks/.iacscan.yml", "suppressions:\n  - {id: CKV_AWS_18, reason: central logging}\n");
        var (_, stdout, _) = Run("scan", "repo/stacks");
        Assert.Contains("(suppressed: central logging)", stdout, StringComparison.Ordinal);
    }
}
