using System.Text.Json;
using Scanner.Tests;

namespace Scanner.Cli.Tests;

/// <summary>The Guard parts of the command line: scan --rules, guard validate and guard test.</summary>
public sealed class GuardCliTests
{
    private static string Guard => Path.Combine(TestPaths.Fixtures, "guard");

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApplication.Run(args, stdout, stderr, Guard);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Scan_with_guard_rules_sees_the_resources_fn_foreach_generates()
    {
        var (_, output, _) = Run("scan", "templates/loop-buckets.yaml", "--rules", "rules/s3.guard", "-f", "json");
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().ToList();

        // Each generated bucket is one finding at the loop body's Properties (line 11), under its own logical id.
        var versioning = findings.Where(f => f.GetProperty("ruleId").GetString() == "S3_VERSIONING_ENABLED").ToList();
        Assert.Equal(["CuratedBucket", "RawBucket"], versioning.Select(f => f.GetProperty("logicalId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(versioning, f => Assert.Equal(11, f.GetProperty("line").GetInt32()));
        Assert.DoesNotContain(findings, f => f.GetProperty("ruleId").GetString() == "S3_ENCRYPTION_SET"); // the suppressed bucket is out of %buckets
    }

    [Fact]
    public void Scan_with_guard_rules_reports_one_finding_per_failing_value_at_its_node()
    {
        var (exit, output, _) = Run("scan", "templates/buckets.yaml", "--rules", "rules", "-f", "json");
        Assert.Equal(ExitCodes.Findings, exit);
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().ToList();

        var versioning = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "S3_VERSIONING_ENABLED");
        Assert.Equal("BadBucket", versioning.GetProperty("logicalId").GetString());
        Assert.Equal(16, versioning.GetProperty("line").GetInt32());
        Assert.Equal("warning", versioning.GetProperty("level").GetString());
        Assert.Equal("LOW", versioning.GetProperty("severity").GetString());
        Assert.StartsWith("Violation: S3 bucket versioning must be enabled.", versioning.GetProperty("message").GetString(), StringComparison.Ordinal);

        var encryption = findings.Where(f => f.GetProperty("ruleId").GetString() == "S3_ENCRYPTION_SET").ToList();
        Assert.Equal(2, encryption.Count);
        Assert.All(encryption, f => Assert.Equal("HIGH", f.GetProperty("severity").GetString()));
        var suppressed = Assert.Single(encryption, f => f.GetProperty("suppressed").GetBoolean());
        Assert.Equal("SuppressedBucket", suppressed.GetProperty("logicalId").GetString());
        Assert.DoesNotContain(findings, f => f.GetProperty("ruleId").GetString() == "NO_QUEUES");
    }

    [Fact]
    public void Guard_metadata_suppresses_a_guard_rule_whose_name_starts_like_a_template_diagnostic()
    {
        var (exit, output, _) = Run("scan", "templates/volumes.yaml", "--rules", "suppression/ec2_volume_encrypted.guard", "-f", "json");
        Assert.Equal(ExitCodes.Findings, exit);
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "EC2_VOLUME_ENCRYPTED")
            .ToDictionary(f => f.GetProperty("logicalId").GetString()!, f => f.GetProperty("suppressed").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["PlainVolume"] = false, ["ScratchVolume"] = true }, findings);
    }

    [Fact]
    public void Scan_defaults_guard_rules_without_metadata_to_failure_medium()
    {
        var (_, output, _) = Run("scan", "templates/open_group.json", "--rules", "rules/security_groups.guard", "-f", "json");
        using var json = JsonDocument.Parse(output);
        var finding = Assert.Single(json.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("ruleId").GetString() == "security_groups.default");
        Assert.Equal("failure", finding.GetProperty("level").GetString());
        Assert.Equal("MEDIUM", finding.GetProperty("severity").GetString());
        Assert.Equal(8, finding.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Scan_reports_a_malformed_rule_file_with_its_position_and_still_runs_the_others()
    {
        var (exit, output, _) = Run("scan", "templates/buckets.yaml", "--rules", "malformed", "--rules", "rules/s3.guard");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("broken.guard:5:1:", output, StringComparison.Ordinal);
        Assert.Contains("S3_VERSIONING_ENABLED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_list_can_name_guard_rules()
    {
        var denyList = Path.Combine(Path.GetTempPath(), $"guard-deny-{Guid.NewGuid():N}.yml");
        File.WriteAllText(denyList, "RulesToSuppress:\n  - id: S3_ENCRYPTION_SET\n    reason: tested elsewhere\n");
        try
        {
            var (exit, output, err) = Run("scan", "templates/buckets.yaml", "--rules", "rules/s3.guard", "--deny-list", denyList);
            Assert.True(exit is ExitCodes.Success or ExitCodes.Findings, err);
            Assert.DoesNotContain("S3_ENCRYPTION_SET", output, StringComparison.Ordinal);
            Assert.Contains("S3_VERSIONING_ENABLED", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(denyList);
        }
    }

    [Fact]
    public void Validate_exit_codes_follow_cfn_guard()
    {
        Assert.Equal(19, Run("guard", "validate", "-r", "rules/s3.guard", "-d", "templates/buckets.yaml").Exit);
        Assert.Equal(0, Run("guard", "validate", "-r", "rules/s3.guard", "-d", "templates/compliant.yaml").Exit);
        var (exit, _, err) = Run("guard", "validate", "-r", "malformed", "-r", "rules/s3.guard", "-d", "templates/compliant.yaml");
        Assert.Equal(5, exit);
        Assert.Contains("broken.guard:5:1", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_summary_lists_failed_rules_by_rule_file()
    {
        var (_, output, _) = Run("guard", "validate", "-r", "rules/s3.guard", "-d", "templates/buckets.yaml", "-S", "all");
        Assert.Contains("templates/buckets.yaml Status = FAIL", output, StringComparison.Ordinal);
        Assert.Contains("s3.guard/S3_VERSIONING_ENABLED    FAIL", output, StringComparison.Ordinal);
        Assert.Contains("s3.guard/NO_QUEUES    PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_structured_json_has_cfn_guard_shape()
    {
        var (exit, output, _) = Run("guard", "validate", "-r", "rules/s3.guard", "-d", "templates/buckets.yaml", "-o", "json", "-z", "-S", "none");
        Assert.Equal(19, exit);
        using var json = JsonDocument.Parse(output);
        var doc = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("templates/buckets.yaml", doc.GetProperty("name").GetString());
        Assert.Equal("FAIL", doc.GetProperty("status").GetString());
        var failed = doc.GetProperty("not_compliant").EnumerateArray().Select(r => r.GetProperty("Rule").GetProperty("name").GetString()).ToList();
        Assert.Equal(["S3_VERSIONING_ENABLED", "S3_ENCRYPTION_SET"], failed);
        Assert.Equal(["NO_QUEUES"], doc.GetProperty("compliant").EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.Empty(doc.GetProperty("not_applicable").EnumerateArray());
        var check = doc.GetProperty("not_compliant")[1].GetProperty("Rule").GetProperty("checks")[0].GetProperty("Clause").GetProperty("Unary").GetProperty("check");
        Assert.Equal("BucketEncryption", check.GetProperty("UnResolved").GetProperty("value").GetProperty("remaining_query").GetString());
    }

    [Fact]
    public void Validate_structured_yaml_is_the_same_tree()
    {
        var (exit, output, _) = Run("guard", "validate", "-r", "rules/s3.guard", "-d", "templates/buckets.yaml", "-o", "yaml", "-z", "-S", "none");
        Assert.Equal(19, exit);
        var tree = Scanner.CloudFormation.Syntax.TemplateParser.Parse("out.yaml", output);
        var doc = Assert.IsType<Scanner.CloudFormation.Syntax.MappingNode>(Assert.IsType<Scanner.CloudFormation.Syntax.SequenceNode>(tree.Root).Items[0]);
        Assert.Equal("FAIL", doc.Get("status")?.ToString());
        var failed = Assert.IsType<Scanner.CloudFormation.Syntax.SequenceNode>(doc.Get("not_compliant"));
        Assert.Equal(2, failed.Count);
    }

    [Fact]
    public void Test_command_meets_expectations_and_exits_7_on_a_mismatch()
    {
        var (exit, output, _) = Run("guard", "test", "-r", "rules/s3.guard", "-t", "rules/tests/s3_tests.yaml");
        Assert.Equal(0, exit);
        Assert.Contains("S3_VERSIONING_ENABLED: Expected = PASS", output, StringComparison.Ordinal);

        var wrong = Run("guard", "test", "-r", "rules/s3.guard", "-t", "wrong/s3_wrong_tests.yaml");
        Assert.Equal(7, wrong.Exit);
        Assert.Contains("S3_VERSIONING_ENABLED: Expected = PASS, Evaluated = [FAIL]", wrong.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_command_directory_mode_pairs_specs_by_rule_file_stem()
    {
        var (exit, output, _) = Run("guard", "test", "-d", "rules");
        Assert.Equal(0, exit);
        Assert.Contains("Testing Guard File rules/s3.guard", output, StringComparison.Ordinal);
        Assert.Contains("SG_DESCRIPTION: Expected = SKIP", output, StringComparison.Ordinal);
    }
}
