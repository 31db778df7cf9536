using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Editing;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Core.Text;

namespace Scanner.Cli.Tests;

/// <summary>End-to-end tests of <c>iacscan fix</c>, run in-process against temporary directories.</summary>
public sealed class FixCommandTests : CliHarness
{
    /// <summary>A table without point-in-time recovery or KMS encryption (W74, W78) and a bucket without encryption (W41).</summary>
    private const string TableAndBucket = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          # Orders of the shop.
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - {AttributeName: id, AttributeType: S}
              KeySchema:
                - {AttributeName: id, KeyType: HASH}
          Archive:
            Type: AWS::S3::Bucket
        """;

    /// <summary>An EFS file system without encryption: F32, whose fix makes CloudFormation replace the file system.</summary>
    private const string FileSystem = """
        Resources:
          Files:
            Type: AWS::EFS::FileSystem
            Properties:
              PerformanceMode: generalPurpose
        """;


    [Fact]
    public void Fix_rewrites_the_file_keeping_everything_else_and_a_second_run_finds_nothing()
    {
        var path = Write("stack.yaml", TableAndBucket);
        var (exit, stdout, _) = Run("fix", "stack.yaml");

        Assert.Equal(0, exit);
        Assert.Contains("stack.yaml: fixed W78 [Orders] Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled to true.", stdout, StringComparison.Ordinal);
        Assert.Contains("stack.yaml: fixed W41 [Archive]", stdout, StringComparison.Ordinal);
        Assert.EndsWith("3 fixes applied in 1 file.\n", stdout, StringComparison.Ordinal);
        var text = File.ReadAllText(path);
        Assert.StartsWith(TableAndBucket[..TableAndBucket.IndexOf("  Archive:", StringComparison.Ordinal)].Split("KeySchema")[0], text, StringComparison.Ordinal);
        Assert.Contains("      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n", text, StringComparison.Ordinal);

        var scan = Run("scan", "stack.yaml", "--format", "json", "--fail-on", "none");
        using var json = JsonDocument.Parse(scan.Out);
        var ids = json.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToList();
        Assert.DoesNotContain("W41", ids);
        Assert.DoesNotContain("W74", ids);
        Assert.DoesNotContain("W78", ids);

        var again = Run("fix", "stack.yaml");
        Assert.Equal(0, again.Exit);
        Assert.Equal("0 fixes applied in 0 files.\n", again.Out);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public void Dry_run_prints_a_unified_diff_that_patch_applies_and_writes_nothing()
    {
        var path = Write("stack.yaml", TableAndBucket);
        var (exit, stdout, stderr) = Run("fix", "--dry-run", "stack.yaml");

        Assert.Equal(1, exit);
        Assert.Equal(TableAndBucket, File.ReadAllText(path));
        Assert.StartsWith("--- a/stack.yaml\n+++ b/stack.yaml\n@@ -", stdout, StringComparison.Ordinal);
        Assert.Contains("+      PointInTimeRecoverySpecification:\n", stdout, StringComparison.Ordinal);
        Assert.Contains("stack.yaml: would fix W74 [Orders]", stderr, StringComparison.Ordinal);
        Assert.EndsWith("3 fixes to apply in 1 file.\n", stderr, StringComparison.Ordinal);

        // The diff is the same change the command makes.
        var diff = Write("fix.diff", stdout);
        if (RunTool("patch", $"-p1 -s -i \"{diff}\"") is not { } patchExit)
        {
            return;
        }

        Assert.Equal(0, patchExit);
        var patched = File.ReadAllText(path);
        Write("copy.yaml", TableAndBucket);
        Run("fix", "copy.yaml");
        Assert.Equal(File.ReadAllText(Path.Combine(Dir, "copy.yaml")), patched);
    }

    [Fact]
    public void Fixes_that_replace_the_resource_need_allow_replacement()
    {
        var path = Write("fs.yaml", FileSystem);
        var (exit, stdout, _) = Run("fix", "fs.yaml");
        Assert.Equal(1, exit);
        Assert.Equal(FileSystem, File.ReadAllText(path));
        Assert.Contains("fs.yaml:3:11: not fixed F32 [Files]: the fix changes a property CloudFormation sets only at creation", stdout, StringComparison.Ordinal);
        Assert.Contains("Rerun with --allow-replacement", stdout, StringComparison.Ordinal);
        Assert.EndsWith("0 fixes applied in 0 files; 1 not applied.\n", stdout, StringComparison.Ordinal);

        (exit, stdout, _) = Run("fix", "--allow-replacement", "fs.yaml");
        Assert.Equal(0, exit);
        Assert.Contains("fixed F32 [Files] Set Encrypted to true. CloudFormation sets this only when it creates the resource", stdout, StringComparison.Ordinal);
        Assert.EndsWith("      PerformanceMode: generalPurpose\n      Encrypted: true", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_limits_the_fixes_and_must_name_a_fixable_rule()
    {
        var path = Write("stack.yaml", TableAndBucket);
        var (exit, stdout, _) = Run("fix", "--rule", "W78", "--rule", "W74", "stack.yaml");
        Assert.Equal(0, exit);
        Assert.EndsWith("2 fixes applied in 1 file.\n", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("BucketEncryption", File.ReadAllText(path), StringComparison.Ordinal);

        var unknown = Run("fix", "--rule", "W999", "stack.yaml");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("unknown rule id 'W999'", unknown.Err, StringComparison.Ordinal);
        var notFixable = Run("fix", "--rule", "W35", "stack.yaml");
        Assert.Equal(2, notFixable.Exit);
        Assert.Contains("rule W35 offers no fix", notFixable.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Byte_order_mark_crlf_and_file_mode_are_kept()
    {
        var path = Path.Combine(Dir, "bom.yaml");
        var crlf = TableAndBucket.Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllText(path, crlf, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        Assert.Equal(0, Run("fix", "bom.yaml").Exit);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith(crlf.Split("KeySchema")[0], text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(text.Contains("PointInTimeRecoveryEnabled: true\r\n", StringComparison.Ordinal), text);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Directories_fix_templates_only_and_broken_templates_are_reported_not_fixed()
    {
        Write("stacks/app.json", """{"Resources": {"Archive": {"Type": "AWS::S3::Bucket"}}}""");
        Write("stacks/workflow.yaml", "on: push\njobs: {}\n");
        Write("stacks/broken.yaml", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: [\n");
        var (exit, stdout, stderr) = Run("fix", "stacks");
        Assert.Equal(0, exit);
        Assert.Contains("stacks/app.json: fixed W41 [Archive]", stdout, StringComparison.Ordinal);
        Assert.Contains("stacks/broken.yaml:", stderr, StringComparison.Ordinal);
        Assert.Equal("on: push\njobs: {}\n", File.ReadAllText(Path.Combine(Dir, "stacks", "workflow.yaml")));
        Assert.Equal(
            """{"Resources": {"Archive": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}}}}""",
            File.ReadAllText(Path.Combine(Dir, "stacks", "app.json")));
    }

    [Fact]
    public void Rules_json_says_which_rules_are_fixable()
    {
        var (exit, stdout, _) = Run("rules", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var fixable = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("fixable").GetBoolean());
        Assert.True(fixable["W78"]);
        Assert.True(fixable["F1"]);
        Assert.False(fixable["W35"]);
        Assert.False(fixable["E0000"]);
        Assert.Equal(Scanner.Rules.Fixes.FixCatalog.All.Count, fixable.Count(f => f.Value));
    }

    [Fact]
    public void Sarif_results_carry_the_fix_as_replacements()
    {
        Write("stack.yaml", TableAndBucket);
        var (_, stdout, _) = Run("scan", "stack.yaml", "--format", "sarif", "--fail-on", "none");
        using var json = JsonDocument.Parse(stdout);
        var result = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "W78");
        var replacement = result.GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0];
        var region = replacement.GetProperty("deletedRegion");
        Assert.Equal(11, region.GetProperty("startLine").GetInt32());
        Assert.Equal(region.GetProperty("startColumn").GetInt32(), region.GetProperty("endColumn").GetInt32());
        Assert.Equal("\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
    }

    [Fact]
    public void A_fix_whose_result_would_not_load_is_refused_and_the_others_still_apply()
    {
        const string text = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n";
        var registry = RuleRegistry.Build(Scanner.Rules.BuiltInRules.All);
        var fixer = new TemplateFixer(new TemplateAnalyzer(registry, fixes: new BreakingFixProvider()));
        var outcome = fixer.Fix("t.yaml", text);

        var refused = Assert.Single(outcome.Refused);
        Assert.Equal("A", refused.LogicalId);
        Assert.Equal("B", Assert.Single(outcome.Applied).LogicalId);
        Assert.Equal("Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n    Metadata: {Fixed: true}\n", outcome.Text);
    }

    /// <summary>Offers for each W41 finding an edit: a duplicate Type for resource A (an E0001), a harmless one for B.</summary>
    private sealed class BreakingFixProvider : IFixProvider
    {
        public bool IsFixable(string ruleId) => ruleId == "W41";

        public IReadOnlyList<Finding> AttachFixes(TemplateContext context, IReadOnlyList<Finding> findings) =>
            findings.Select(f => f.RuleId != "W41" || context.Template.GetResource(f.LogicalId!) is not { } resource || resource.Node.ContainsKey("Metadata")
                ? f
                : f with
                {
                    Fix = new CodeFix("test", [TextEdit.Create(context.Source, new TextSpan(resource.TypeNode.Span.End, resource.TypeNode.Span.End), f.LogicalId == "A" ? "\n    Type: X" : "\n    Metadata: {Fixed: true}")]),
                }).ToList();
    }

    private int? RunTool(string tool, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // patch is not installed: the diff's shape is still checked above
        }
    }
}
