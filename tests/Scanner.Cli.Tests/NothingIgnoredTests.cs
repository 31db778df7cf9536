using System.Text.Json;

namespace Scanner.Cli.Tests;

/// <summary>Nothing is ignored in silence: unknown ids, aliases, rule arguments, empty scans, skipped folders, truncation, stdin.</summary>
public sealed class NothingIgnoredTests : CliHarness
{
    private const string SuppressedBucket = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          LogBucket:
            Type: AWS::S3::Bucket
            Metadata:
              checkov:
                skip:
                  - id: CKV_AWS_18
                    comment: the access-log target itself
              cfn_nag:
                rules_to_suppress:
                  - id: W355
                    reason: typo
            Properties:
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}
        """;

    [Fact]
    public void A_checkov_alias_suppresses_the_rule_and_an_unknown_id_is_a_located_warning()
    {
        Write("t.yaml", SuppressedBucket);
        var (_, stdout, _) = Run("scan", "t.yaml", "-f", "json");
        var findings = JsonDocument.Parse(stdout).RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().ToList();
        var w35 = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "W35");
        Assert.True(w35.GetProperty("suppressed").GetBoolean());
        Assert.Equal("checkov", w35.GetProperty("suppressionSource").GetString());
        var unknown = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "E0006");
        Assert.Equal(12, unknown.GetProperty("line").GetInt32());
        Assert.Equal(17, unknown.GetProperty("column").GetInt32());
        Assert.Contains("'W355'", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("(did you mean 'W35'?)", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alias_in_the_catalog_suppresses_its_rule()
    {
        var catalog = JsonDocument.Parse(Run("rules", "--format", "json").Out).RootElement.EnumerateArray()
            .Where(r => r.GetProperty("id").GetString() == "W35")
            .SelectMany(r => r.GetProperty("aliases").EnumerateArray().Select(a => a.GetProperty("id").GetString()!))
            .ToList();
        Assert.Contains("CKV_AWS_18", catalog);
        foreach (var alias in catalog)
        {
            Write("t.yaml", BucketWithoutLogging.Replace(
                "    Type: AWS::S3::Bucket\n",
                $"    Type: AWS::S3::Bucket\n    Metadata:\n      iacscan:\n        suppress:\n          - {{id: {alias}, reason: accepted}}\n",
                StringComparison.Ordinal));
            var (_, stdout, _) = Run("scan", "t.yaml");
            Assert.Contains("W35 [DataBucket] S3 bucket does not configure server access logging (LoggingConfiguration). (suppressed: accepted)", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("E0006", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_id_in_a_profile_is_a_usage_error_with_a_suggestion()
    {
        Write("t.yaml", BucketWithoutLogging);
        Write("profile.txt", "W35\nF10000 typo\n");
        var (exit, _, stderr) = Run("scan", "t.yaml", "--profile", "profile.txt");
        Assert.Equal(2, exit);
        Assert.Contains("profile.txt:2:1: unknown rule id 'F10000' in profile (did you mean 'F1000'?)", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spcm_treshold=3", "no rule takes the argument 'spcm_treshold' (did you mean 'spcm_threshold'?)")]
    [InlineData("spcm_threshold=high", "spcm_threshold must be a whole number, not 'high'")]
    [InlineData("trusted-accounts=123", "'123' is not a 12-digit AWS account id")]
    [InlineData("nonsense", "rule argument 'nonsense' is not of the form key=value")]
    public void Rule_arguments_are_checked_against_what_the_rules_declare(string argument, string message)
    {
        Write("t.yaml", BucketWithoutLogging);
        var (exit, _, stderr) = Run("scan", "t.yaml", "--rule-arguments", argument);
        Assert.Equal(2, exit);
        Assert.Contains("--rule-arguments: " + message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_show_the_arguments_they_take()
    {
        var text = Run("rules").Out;
        Assert.Contains("argument spcm_threshold (integer, default 25)", text, StringComparison.Ordinal);
        var json = JsonDocument.Parse(Run("rules", "-f", "json").Out).RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "W76");
        Assert.Equal("spcm_threshold", json.GetProperty("arguments")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void No_template_at_all_says_so_and_exits_2_unless_allowed()
    {
        Write("workflows/ci.yml", "on: push\njobs: {}\n");
        var (exit, stdout, stderr) = Run("scan", ".");
        Assert.Equal(2, exit);
        Assert.Contains("0 files scanned, 1 skipped", stdout, StringComparison.Ordinal);
        Assert.Contains("iacscan: no CloudFormation template to scan (1 path skipped; --verbose lists them). Pass --allow-empty if that is expected.", stderr, StringComparison.Ordinal);
        Assert.Equal(0, Run("scan", ".", "--allow-empty").Exit);

        Directory.CreateDirectory(P("empty"));
        Assert.Equal(2, Run("scan", "empty").Exit);
    }

    [Fact]
    public void Default_skipped_folders_are_named_and_can_be_scanned()
    {
        Write("stack.yaml", BucketWithoutLogging);
        Write("node_modules/pkg/template.yaml", BucketWithoutLogging);
        Write("cdk.out/App.template.json", "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}");
        var (_, stdout, stderr) = Run("scan", ".", "-v");
        Assert.Contains("1 file scanned", stdout, StringComparison.Ordinal);
        Assert.Contains("skip: node_modules/: directory skipped by default (--no-default-excludes scans it)", stderr, StringComparison.Ordinal);
        Assert.Contains("skip: cdk.out/: directory skipped by default", stderr, StringComparison.Ordinal);

        Assert.Contains("3 files scanned", Run("scan", ".", "--no-default-excludes").Out, StringComparison.Ordinal);
        Assert.Contains("1 file scanned", Run("scan", "node_modules").Out, StringComparison.Ordinal); // named: walked
    }

    [Fact]
    public void Verbose_lists_scanned_and_skipped_files_with_the_reason_and_quiet_prints_findings_only()
    {
        Write("stack.yaml", BucketWithoutLogging);
        Write("workflow.yml", "on: push\n");
        Write("vendor/x.yaml", BucketWithoutLogging);
        var (_, stdout, stderr) = Run("scan", ".", "--exclude", "vendor/**", "--verbose");
        Assert.Contains("scan: stack.yaml", stderr, StringComparison.Ordinal);
        Assert.Contains("skip: workflow.yml: not a CloudFormation template", stderr, StringComparison.Ordinal);
        Assert.Contains("skip: vendor/x.yaml: excluded by --exclude 'vendor/**'", stderr, StringComparison.Ordinal);
        Assert.Contains("config: none", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("scan:", stdout, StringComparison.Ordinal);

        var quiet = Run("scan", ".", "--exclude", "vendor/**", "-q");
        Assert.Equal("stack.yaml:4:11: warning W35 [DataBucket] S3 bucket does not configure server access logging (LoggingConfiguration).\n", quiet.Out);
        Assert.Equal(string.Empty, quiet.Err);
        Assert.Equal(2, Run("scan", ".", "-q", "-v").Exit);
    }

    [Fact]
    public void Sarif_truncation_is_announced_on_standard_error()
    {
        Write("a.yaml", BucketWithoutLogging);
        Write("b.yaml", GroupWithoutEgress);
        var (_, _, stderr) = Run("scan", ".", "-o", "r.sarif", "--sarif-max-results", "1");
        Assert.Matches(@"iacscan: warning: the SARIF report holds 1 of \d+ results \(--sarif-max-results 1\)", stderr);
        Assert.Equal(string.Empty, Run("scan", ".", "-o", "r.sarif").Err);
    }

    [Fact]
    public void A_template_from_standard_input_is_scanned_under_the_given_name()
    {
        var (exit, stdout, _) = RunWith(new Options { Stdin = GroupWithoutEgress }, "scan", "-");
        Assert.Equal(1, exit);
        Assert.StartsWith("<stdin>:3:11: failure F1000 [Group]", stdout, StringComparison.Ordinal);

        Write("stacks/.iacscan.yml", "failOn: none\n");
        var named = RunWith(new Options { Stdin = GroupWithoutEgress }, "scan", "-", "--stdin-filename", "stacks/app.yaml", "-f", "json");
        Assert.Equal(0, named.Exit); // the configuration next to the name applies
        var file = JsonDocument.Parse(named.Out).RootElement.GetProperty("files")[0];
        Assert.Equal("stacks/app.yaml", file.GetProperty("path").GetString());
        Assert.Equal("stacks/.iacscan.yml", file.GetProperty("config").GetString());

        Assert.Equal(2, Run("scan", "x.yaml", "--stdin-filename", "y.yaml").Exit);
    }
}
