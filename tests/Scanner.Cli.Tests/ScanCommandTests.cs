using System.Text.Json;
using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Cli.Tests;

/// <summary>End-to-end tests of <c>iacscan scan</c>, run in-process against temporary directories.</summary>
public sealed class ScanCommandTests : CliHarness
{
    [Fact]
    public void Text_output_has_one_line_per_finding_and_a_summary()
    {
        Write("t/bucket.yaml", BucketWithoutLogging);
        var (exit, output, _) = Run("scan", "t");
        Assert.Equal(0, exit); // only a warning: below the default --fail-on failure
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal("t/bucket.yaml:4:11: warning W35 [DataBucket] S3 bucket does not configure server access logging (LoggingConfiguration).", lines[0]);
        Assert.Equal("1 file scanned, 0 skipped: 0 failures, 1 warning.", lines[^1]);
    }

    [Fact]
    public void Fail_on_sets_the_exit_code_threshold()
    {
        Write("bucket.yaml", BucketWithoutLogging);
        Assert.Equal(1, Run("scan", "--fail-on", "warning").Exit);
        Assert.Equal(0, Run("scan", "--fail-on", "failure").Exit);
        Write("group.yaml", GroupWithoutEgress);
        Assert.Equal(1, Run("scan").Exit);
        Assert.Equal(0, Run("scan", "--fail-on", "none").Exit);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(2, Run("scan", "--no-such-option").Exit);
        var (exit, _, err) = Run("scan", "missing-dir");
        Assert.Equal(2, exit);
        Assert.Contains("path does not exist: missing-dir", err, StringComparison.Ordinal);
        Assert.Equal(2, Run("scan", "--format", "xml").Exit);
        Assert.Equal(2, Run("scan", "--parameter-values", "nope.json").Exit);
        Write("bad.json", "{not json");
        Assert.Equal(2, Run("scan", "--condition-values", "bad.json").Exit);
        Assert.Equal(2, Run("scan", "--rule-arguments", "novalue").Exit);
    }

    [Fact]
    public void Json_output_keeps_the_contract_field_names()
    {
        Write("bucket.yaml", BucketWithoutLogging);
        var (_, output, _) = Run("scan", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.Equal("bucket.yaml", file.GetProperty("path").GetString());
        var finding = file.GetProperty("findings")[0];
        foreach (var name in new[] { "ruleId", "level", "severity", "message", "logicalId", "line", "column", "endLine", "endColumn", "path", "suppressed" })
        {
            Assert.True(finding.TryGetProperty(name, out _), $"missing {name}");
        }

        Assert.Equal("W35", finding.GetProperty("ruleId").GetString());
        Assert.Equal("warning", finding.GetProperty("level").GetString());
        Assert.Equal("MEDIUM", finding.GetProperty("severity").GetString());
        Assert.Equal("Resources/DataBucket/Type", finding.GetProperty("path").GetString());
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("files").GetInt32());
        Assert.Equal(0, summary.GetProperty("skipped").GetInt32());
        Assert.Equal(0, summary.GetProperty("failures").GetInt32());
        Assert.Equal(1, summary.GetProperty("warnings").GetInt32());
    }

    [Fact]
    public void Directories_skip_non_templates_but_explicit_files_are_always_analysed()
    {
        Write("repo/template.yaml", BucketWithoutLogging);
        Write("repo/.github/workflows/ci.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n");
        Write("repo/buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands: [make]\n");
        Write("repo/k8s.yaml", "apiVersion: v1\nkind: Service\n");
        Write("repo/broken-workflow.yml", "on: [push\n");
        var (_, output, _) = Run("scan", "repo");
        Assert.Contains("1 file scanned, 4 skipped", output, StringComparison.Ordinal);

        var (exit, explicitOutput, _) = Run("scan", "repo/broken-workflow.yml");
        Assert.Equal(1, exit);
        Assert.Contains("repo/broken-workflow.yml:2:1: failure E0000", explicitOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_template_is_E0000_and_the_other_files_are_still_analysed()
    {
        Write("a-broken.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: [\n");
        Write("b-bucket.yaml", BucketWithoutLogging);
        var (exit, output, _) = Run("scan", ".");
        Assert.Equal(1, exit);
        Assert.Contains("a-broken.yaml:5:1: failure E0000", output, StringComparison.Ordinal);
        Assert.Contains("b-bucket.yaml:4:11: warning W35", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Globs_and_excludes_select_files()
    {
        Write("stacks/a.yaml", BucketWithoutLogging);
        Write("stacks/nested/b.yaml", BucketWithoutLogging);
        Write("stacks/c.json", "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}");
        Assert.Contains("2 files scanned", Run("scan", "stacks/**/*.yaml").Out, StringComparison.Ordinal);
        Assert.Contains("2 files scanned", Run("scan", "stacks", "--exclude", "**/nested/**").Out, StringComparison.Ordinal);
        Assert.Contains("1 file scanned", Run("scan", "stacks", "--exclude", "**/*.yaml").Out, StringComparison.Ordinal);
        Assert.Equal(2, Run("scan", "nothing/*.yaml").Exit);
    }

    [Fact]
    public void Output_file_is_written_whole_and_no_temporary_file_is_left()
    {
        Write("bucket.yaml", BucketWithoutLogging);
        var (exit, stdout, _) = Run("scan", "bucket.yaml", "--format", "json", "--output", "out/report.json");
        Assert.Equal(0, exit);
        Assert.Contains("1 file scanned", stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "out/report.json")));
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("warnings").GetInt32());
        Assert.Single(Directory.GetFiles(Path.Combine(Dir, "out")));

        Run("scan", "bucket.yaml", "--output", "json=out/a.json", "--output", "text=out/a.txt");
        Assert.StartsWith("{", File.ReadAllText(Path.Combine(Dir, "out/a.json")), StringComparison.Ordinal);
        Assert.StartsWith("bucket.yaml:4:11", File.ReadAllText(Path.Combine(Dir, "out/a.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_and_condition_values_change_what_is_analysed()
    {
        Write("t.yaml", """
            Parameters:
              Cidr: {Type: String, Default: 10.0.0.1/32}
            Conditions:
              Wide: !Equals [!Ref Cidr, 0.0.0.0/0]
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: x
                  SecurityGroupEgress: !If [Wide, [], [{IpProtocol: "-1", CidrIp: 10.0.0.0/8}]]
            """);
        Write("params.json", "{\"Parameters\": {\"Cidr\": \"0.0.0.0/0\"}}");
        Write("params-cli.json", "[{\"ParameterKey\": \"Cidr\", \"ParameterValue\": \"0.0.0.0/0\"}]");
        Write("conditions.json", "{\"Wide\": true}");
        Write("narrow.json", "{\"Parameters\": {\"Cidr\": \"10.0.0.1/32\"}}");

        // Without values Cidr may be anything, so both branches deploy: each finding says which one.
        var possible = Run("scan", "t.yaml");
        Assert.Equal(1, possible.Exit);
        Assert.Contains("F1000 [Group] Security group has no egress rules, so EC2 allows all outbound traffic; declare the egress you intend when condition Wide holds.", possible.Out, StringComparison.Ordinal);
        Assert.Contains("W40 [Group] Security group egress uses IpProtocol -1, which allows every protocol to every port when condition Wide is false.", possible.Out, StringComparison.Ordinal);

        // Values decide the branch: only the deployed one is analysed, and nothing needs a "when".
        foreach (var wide in new[] { new[] { "--parameter-values", "params.json" }, ["--parameter-values", "params-cli.json"], ["--condition-values", "conditions.json"] })
        {
            var result = Run(["scan", "t.yaml", .. wide]);
            Assert.Equal(1, result.Exit);
            Assert.Contains(" F1000 ", result.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(" W40 ", result.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("when condition", result.Out, StringComparison.Ordinal);
        }

        var narrow = Run("scan", "t.yaml", "--parameter-values", "narrow.json");
        Assert.Equal(0, narrow.Exit);
        Assert.Contains(" W40 ", narrow.Out, StringComparison.Ordinal);

        // cfn-nag's reading: a condition the values leave undecided holds (or, asked for, fails); values still win.
        var asCfnNag = Run("scan", "t.yaml", "--undecided-conditions", "true");
        Assert.Equal(1, asCfnNag.Exit);
        Assert.Contains(" F1000 ", asCfnNag.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" W40 ", asCfnNag.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("when condition", asCfnNag.Out, StringComparison.Ordinal);
        var allFalse = Run("scan", "t.yaml", "--undecided-conditions", "false");
        Assert.Equal(0, allFalse.Exit);
        Assert.Contains(" W40 ", allFalse.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("when condition", allFalse.Out, StringComparison.Ordinal);
        Assert.Equal(0, Run("scan", "t.yaml", "--undecided-conditions", "true", "--parameter-values", "narrow.json").Exit);
        Assert.Equal(2, Run("scan", "t.yaml", "--undecided-conditions", "maybe").Exit);
    }

    [Fact]
    public void A_finding_met_in_every_branch_is_one_finding_without_a_condition()
    {
        Write("p.yaml", """
            Parameters:
              Env: {Type: String, Default: prod}
            Conditions:
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              Policy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: "s3:*"
                        Resource: !If [IsDev, "arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]
            """);
        var result = Run("scan", "p.yaml", "--format", "json");
        using var doc = JsonDocument.Parse(result.Out);
        var f5 = doc.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "F5").ToList();
        var only = Assert.Single(f5);
        Assert.DoesNotContain("when condition", only.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(only.TryGetProperty("when", out var when) && when.ValueKind != JsonValueKind.Null, "no condition is needed");
    }

    [Fact]
    public void A_trust_finding_met_in_several_variants_names_only_the_conditions_it_needs()
    {
        const string Template = """
            Parameters:
              Env: {Type: String, Default: prod}
            Conditions:
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: "*"}
                        Action: sts:AssumeRole
                        Condition: !If [IsDev, {StringEquals: {"aws:PrincipalTag/team": dev}}, OTHER]
            """;

        // Both branches gate the wildcard by a tag only: it holds in every deployment, so no "when".
        Write("both.yaml", Template.Replace("OTHER", "{StringEquals: {\"aws:PrincipalTag/team\": ops}}", StringComparison.Ordinal));
        var both = Run("scan", "both.yaml");
        Assert.Contains("TRUST002 [Role] ", both.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("when condition", both.Out, StringComparison.Ordinal);

        // The other branch pins the organization: only the dev deployment is at fault, and the finding says so.
        Write("dev.yaml", Template.Replace("OTHER", "{StringEquals: {\"aws:PrincipalOrgID\": o-abc123}}", StringComparison.Ordinal));
        var dev = Run("scan", "dev.yaml");
        Assert.Contains("can still assume the role when condition IsDev holds.", dev.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_suppressions_keep_the_finding_marked_and_do_not_fail_the_build()
    {
        Write("t.yaml", """
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
              Other:
                Type: AWS::EC2::SecurityGroup
                Metadata:
                  iacscan:
                    suppress:
                      - id: F1000
                Properties:
                  GroupDescription: y
              Broken:
                Type: AWS::S3::Bucket
                Metadata:
                  cfn_nag:
                    rules_to_suppress: W35
            """);
        var (exit, output, _) = Run("scan", "t.yaml", "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().ToList();
        var suppressed = findings.Where(f => f.GetProperty("suppressed").GetBoolean()).ToList();
        Assert.Equal(2, suppressed.Count);
        Assert.Equal("egress is managed by the platform team", suppressed[0].GetProperty("suppressionReason").GetString());
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "E0004");
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "E0005");
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "W35" && !f.GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public void Profile_and_deny_list_select_rules_and_reject_unknown_ids()
    {
        Write("t.yaml", GroupWithoutEgress + "\n  Bucket:\n    Type: AWS::S3::Bucket\n");
        Write("profile.txt", "W35 only the logging rule\n");
        Write("bad-profile.txt", "W35\nX123\n");
        Write("deny.yaml", "RulesToSuppress:\n  - id: F1000\n    reason: managed elsewhere\n");
        Write("bad-deny.yaml", "RulesToSuppress:\n  - id: NOPE1\n");
        var profiled = Run("scan", "t.yaml", "--profile", "profile.txt");
        Assert.Equal(0, profiled.Exit);
        Assert.DoesNotContain("F1000", profiled.Out, StringComparison.Ordinal);
        Assert.Contains("W35", profiled.Out, StringComparison.Ordinal);
        var denied = Run("scan", "t.yaml", "--deny-list", "deny.yaml");
        Assert.Equal(0, denied.Exit);
        Assert.DoesNotContain("F1000", denied.Out, StringComparison.Ordinal);
        var bad = Run("scan", "t.yaml", "--profile", "bad-profile.txt");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("bad-profile.txt:2:1: unknown rule id 'X123'", bad.Err, StringComparison.Ordinal);
        Assert.Equal(2, Run("scan", "t.yaml", "--deny-list", "bad-deny.yaml").Exit);
    }

    [Fact]
    public void A_whole_Properties_Fn_If_is_read_branch_by_branch_unless_values_decide_it()
    {
        Write("t.yaml", """
            Parameters:
              Env: {Type: String, Default: prod}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties: !If
                  - IsProd
                  - LoggingConfiguration: {DestinationBucketName: logs}
                  - {}
            """);
        Write("dev.json", "{\"Parameters\": {\"Env\": \"dev\"}}");
        Write("prod.json", "{\"Parameters\": {\"Env\": \"prod\"}}");
        Write("defaults.json", "{\"Parameters\": {}}");

        // Env defaults to prod but may be deployed as anything else: the branch without logging is reported, saying when.
        var possible = Run("scan", "t.yaml").Out;
        Assert.Contains(" W35 [Bucket]", possible, StringComparison.Ordinal);
        Assert.Contains("when condition IsProd is false", possible, StringComparison.Ordinal);
        Assert.DoesNotContain(" W35 ", Run("scan", "t.yaml", "--parameter-values", "prod.json").Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" W35 ", Run("scan", "t.yaml", "--parameter-values", "defaults.json").Out, StringComparison.Ordinal);
        var dev = Run("scan", "t.yaml", "--parameter-values", "dev.json").Out;
        Assert.Contains(" W35 [Bucket]", dev, StringComparison.Ordinal);
        Assert.DoesNotContain("when condition", dev, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_from_a_parameter_default_is_checked_and_named_as_such()
    {
        Write("t.yaml", """
            Parameters:
              SSHLocation: {Type: String, Default: 0.0.0.0/0}
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ssh
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref SSHLocation, Description: ssh}
                  SecurityGroupEgress:
                    - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8, Description: https}
            """);
        var output = Run("scan", "t.yaml", "--format", "json").Out;
        Assert.Contains("Security group ingress accepts traffic from 0.0.0.0/0 (the default of parameter SSHLocation), that is from any address on the internet.", output, StringComparison.Ordinal);
        Assert.Contains("\"ruleId\": \"W9\"", output, StringComparison.Ordinal);
        Assert.Contains("Security group ingress allows 0.0.0.0/0 (the default of parameter SSHLocation), a range wider than a single host (/32 or /128).", output, StringComparison.Ordinal);
        Assert.Contains("\"SSHLocation\": \"0.0.0.0/0\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_on_a_conditional_branch_names_the_condition_unless_values_decide_it()
    {
        Write("t.yaml", """
            Parameters:
              LogKeyArn: {Type: String, Default: ""}
            Conditions:
              HasLogKey: !Not [!Equals [!Ref LogKeyArn, ""]]
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  RetentionInDays: 30
                  KmsKeyId: !If [HasLogKey, !Ref LogKeyArn, !Ref AWS::NoValue]
            """);
        Write("key.json", "{\"Parameters\": {\"LogKeyArn\": \"arn:aws:kms:eu-west-1:111122223333:key/abc\"}}");
        Write("no-key.json", "{\"HasLogKey\": false}");

        var possible = Run("scan", "t.yaml", "--format", "json").Out;
        Assert.Contains("Log group does not set KmsKeyId, so its data is encrypted only with the service's own key when condition HasLogKey is false.", possible, StringComparison.Ordinal);
        Assert.Contains("\"HasLogKey\": false", possible, StringComparison.Ordinal);
        Assert.DoesNotContain(" W84 ", Run("scan", "t.yaml", "--parameter-values", "key.json").Out, StringComparison.Ordinal);
        var without = Run("scan", "t.yaml", "--condition-values", "no-key.json").Out;
        Assert.Contains(" W84 [Logs] Log group does not set KmsKeyId, so its data is encrypted only with the service's own key.", without, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_arguments_reach_the_rules_that_take_them()
    {
        // W76 (policy complexity) fires above spcm_threshold, 25 by default.
        var fixture = Path.Combine(Scanner.Tests.TestPaths.Fixtures, "rules", "W76", "moderate-policy.yaml");
        File.Copy(fixture, Path.Combine(Dir, "policy.yaml"));
        Assert.DoesNotContain(" W76 ", Run("scan", "policy.yaml").Out, StringComparison.Ordinal);
        var lowered = Run("scan", "policy.yaml", "--rule-arguments", "spcm_threshold=1");
        Assert.Contains("warning W76 [ModeratePolicy]", lowered.Out, StringComparison.Ordinal);
        Write(".iacscan.yml", "ruleArguments: {spcm_threshold: 1}\n");
        Assert.Contains("warning W76 [ModeratePolicy]", Run("scan", "policy.yaml").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_references_are_E_findings_and_other_rules_still_run()
    {
        Write("t.yaml", """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Ref Missing
                  Tags:
                    - Key: k
                      Value: !GetAtt Ghost.Arn
                    - Key: s
                      Value: !Sub "${Nope}-${AWS::Region}"
            """);
        var (_, output, _) = Run("scan", "t.yaml");
        Assert.Contains("t.yaml:5:24: failure E1001 [Bucket]", output, StringComparison.Ordinal);
        Assert.Contains("t.yaml:8:26: failure E1002 [Bucket]", output, StringComparison.Ordinal);
        Assert.Contains("t.yaml:10:23: failure E1001 [Bucket]", output, StringComparison.Ordinal);
        Assert.Contains("warning W35 [Bucket]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_identical_run_to_run()
    {
        for (var i = 0; i < 40; i++)
        {
            Write($"many/t{i:D2}.yaml", i % 2 == 0 ? BucketWithoutLogging : GroupWithoutEgress);
        }

        var first = Run("scan", "many", "--format", "json").Out;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first, Run("scan", "many", "--format", "json").Out);
        }
    }

    [Fact]
    public void Files_are_analysed_in_parallel()
    {
        for (var i = 0; i < 1000; i++)
        {
            Write($"bulk/t{i:D4}.yaml", BucketWithoutLogging);
        }

        var probe = new ConcurrencyProbe();
        var result = ScanRunner.Run(new ScanRequest { Paths = ["bulk"], BaseDirectory = Dir, ExtraRules = [probe] });
        Assert.Equal(1000, result.Files.Count);
        if (Environment.ProcessorCount >= 2)
        {
            Assert.True(probe.Threads >= 2, $"all templates were analysed on {probe.Threads} thread(s)");
        }
    }

    /// <summary>Records which threads analysed templates.</summary>
    private sealed class ConcurrencyProbe : Rule
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> _threads = new();

        public int Threads => _threads.Count;

        public override RuleDescriptor Descriptor { get; } = RuleDescriptor.Create("PROBE1", "Concurrency probe", "Probe.", RuleLevel.Warning, SecuritySeverity.Informational, "Test");

        private readonly ManualResetEventSlim _secondThread = new();

        /// <summary>
        /// The first thread waits (up to 10 s) for a second one to arrive: a sequential scan can never satisfy it,
        /// a parallel one does even when the machine is busy with other tests.
        /// </summary>
        public override void Initialize(RuleRegistrationContext context) => context.RegisterTemplateAction(_ =>
        {
            _threads.TryAdd(Environment.CurrentManagedThreadId, true);
            if (_threads.Count >= 2)
            {
                _secondThread.Set();
            }
            else
            {
                _secondThread.Wait(TimeSpan.FromSeconds(10));
            }
        });
    }
}
