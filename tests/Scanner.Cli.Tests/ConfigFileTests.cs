using System.Text.Json;

namespace Scanner.Cli.Tests;

/// <summary>The configuration file: settings, external suppressions with expiry, severity overrides, errors.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private const string Bucket = """
        Resources:
          LogBucket:
            Type: AWS::S3::Bucket
          DataBucket:
            Type: AWS::S3::Bucket
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("iacscan-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        return (CliApplication.Run(args, stdout, stderr, _dir), stdout.ToString(), stderr.ToString());
    }

    private List<JsonElement> Findings(string output)
    {
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [Fact]
    public void The_default_config_file_sets_fail_on_and_suppresses_by_file_and_resource()
    {
        Write("stacks/legacy/t.yaml", Bucket);
        Write(".iacscan.yml", """
            failOn: warning
            suppressions:
              - id: W35
                file: "stacks/legacy/**"
                resource: LogBucket
                reason: it is the access-log target
            """);
        var (exit, output, _) = Run("scan", "stacks", "--format", "json");
        Assert.Equal(1, exit); // DataBucket's W35 still fails at --fail-on warning from the file
        var findings = Findings(output).Where(f => f.GetProperty("ruleId").GetString() == "W35").ToList();
        var log = findings.Single(f => f.GetProperty("logicalId").GetString() == "LogBucket");
        Assert.True(log.GetProperty("suppressed").GetBoolean());
        Assert.Equal("configuration", log.GetProperty("suppressionSource").GetString());
        Assert.False(findings.Single(f => f.GetProperty("logicalId").GetString() == "DataBucket").GetProperty("suppressed").GetBoolean());
        Assert.Equal(0, Run("scan", "stacks", "--fail-on", "failure").Exit); // the command line wins
    }

    [Fact]
    public void Expired_suppressions_no_longer_apply_and_say_so()
    {
        Write("t.yaml", Bucket);
        Write("cfg.yml", """
            suppressions:
              - {id: W35, reason: temporary, expires: 2020-01-01}
            """);
        var findings = Findings(Run("scan", "t.yaml", "--config", "cfg.yml", "--format", "json").Out);
        Assert.All(findings.Where(f => f.GetProperty("ruleId").GetString() == "W35"), f =>
        {
            Assert.False(f.GetProperty("suppressed").GetBoolean());
            Assert.Contains("suppression expired on 2020-01-01", f.GetProperty("message").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Severity_overrides_and_excludes_apply()
    {
        Write("t.yaml", Bucket);
        Write("vendor/v.yaml", Bucket);
        Write("cfg.yml", "severity: {W35: CRITICAL}\nexclude: [\"vendor/**\"]\n");
        var (_, output, _) = Run("scan", ".", "--config", "cfg.yml", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("files").GetInt32());
        var w35 = Findings(output).Where(f => f.GetProperty("ruleId").GetString() == "W35").ToList();
        Assert.Equal(2, w35.Count);
        Assert.All(w35, f => Assert.Equal("CRITICAL", f.GetProperty("severity").GetString()));
    }

    [Theory]
    [InlineData("nonsense: 1\n", "unknown configuration key 'nonsense'")]
    [InlineData("severity: {NOPE1: LOW}\n", "unknown rule id 'NOPE1'")]
    [InlineData("severity: {W35: PURPLE}\n", "severity must be")]
    [InlineData("suppressions:\n  - {id: W35}\n", "needs a reason")]
    [InlineData("suppressions:\n  - {id: W35, reason: r, expires: soon}\n", "expires must be a date")]
    [InlineData("failOn: sometimes\n", "failOn must be")]
    [InlineData("a: [\n", "invalid YAML")]
    public void Bad_configuration_is_a_usage_error_with_a_position(string content, string message)
    {
        Write("t.yaml", Bucket);
        Write("bad.yml", content);
        var (exit, _, err) = Run("scan", "t.yaml", "--config", "bad.yml");
        Assert.Equal(2, exit);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Contains("bad.yml:", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_explicit_config_file_is_a_usage_error()
    {
        Write("t.yaml", Bucket);
        Assert.Equal(2, Run("scan", "t.yaml", "--config", "missing.yml").Exit);
    }
}
