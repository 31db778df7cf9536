using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Scanner.Reporting.Tests;

public sealed class SarifTests
{
    private static Run BuildRun(int lineShift = 0) => SarifReportWriter.Build(SampleScan.Create(lineShift), SampleScan.Options).Runs.Single();

    [Fact]
    public void Rules_carry_descriptions_help_severity_score_and_tags()
    {
        var rules = BuildRun().Tool.Driver.Rules;
        Assert.Equal(["E0000", "F3", "W35", "W41", "W9"], rules.Select(r => r.Id));
        var f3 = rules[1];
        Assert.Equal("IamRolePolicyAllowsEveryAction", f3.Name);
        Assert.Equal("IAM role policy allows every action", f3.ShortDescription.Text);
        Assert.StartsWith("A policy statement on the role", f3.FullDescription.Text, StringComparison.Ordinal);
        Assert.Contains("Remediation: List the actions", f3.Help.Text, StringComparison.Ordinal);
        Assert.Contains("**Remediation:**", f3.Help.Markdown, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://git.example.com/acme/iacscan/blob/v1.2.3/rules/docs/F3.md"), f3.HelpUri);
        Assert.Equal(FailureLevel.Error, f3.DefaultConfiguration.Level);
        Assert.Equal("8.0", f3.GetProperty("security-severity"));
        Assert.Equal(["security", "IAM", "cfn-nag", "checkov:CKV_AWS_63"], f3.GetProperty<string[]>("tags"));
        Assert.Equal("5.5", rules[2].GetProperty("security-severity"));
    }

    [Fact]
    public void Without_a_rule_documentation_url_there_are_no_links()
    {
        var log = SarifReportWriter.Build(SampleScan.Create(), SampleScan.Options with { RuleDocsUrl = null, RepositoryUri = null, ToolInformationUri = null });
        Assert.All(log.Runs[0].Tool.Driver.Rules, r => Assert.Null(r.HelpUri));
        Assert.All(log.Runs[0].Tool.Driver.Rules, r => Assert.DoesNotContain("Rule documentation", r.Help.Markdown, StringComparison.Ordinal));
        Assert.Null(log.Runs[0].Tool.Driver.InformationUri);
        Assert.Null(log.Runs[0].VersionControlProvenance);
    }

    [Fact]
    public void The_run_names_its_repository_revision_branch_and_automation_category()
    {
        var run = BuildRun();
        Assert.Equal("iacscan/acme/infra/main/", run.AutomationDetails.Id);
        var provenance = Assert.Single(run.VersionControlProvenance);
        Assert.Equal(new Uri("https://git.example.com/acme/infra"), provenance.RepositoryUri);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", provenance.RevisionId);
        Assert.Equal("main", provenance.Branch);
        Assert.Equal(SarifReportWriter.SourceRootBaseId, provenance.MappedTo.UriBaseId);
    }

    [Fact]
    public void Results_point_at_relative_files_with_regions_and_logical_locations()
    {
        var run = BuildRun();
        Assert.Equal(4, run.Results.Count);
        var f3 = run.Results[0];
        Assert.Equal("F3", f3.RuleId);
        Assert.Equal(1, f3.RuleIndex);
        Assert.Equal(FailureLevel.Error, f3.Level);
        var physical = f3.Locations[0].PhysicalLocation;
        Assert.Equal("templates/app.yaml", physical.ArtifactLocation.Uri.OriginalString);
        Assert.Equal(SarifReportWriter.SourceRootBaseId, physical.ArtifactLocation.UriBaseId);
        Assert.Equal((12, 9, 12, 19), (physical.Region.StartLine, physical.Region.StartColumn, physical.Region.EndLine, physical.Region.EndColumn));
        Assert.Equal("MyRole", f3.Locations[0].LogicalLocations[0].Name);
        Assert.Equal(new Uri("file:///repo/"), run.OriginalUriBaseIds[SarifReportWriter.SourceRootBaseId].Uri);
        Assert.Equal(FailureLevel.Warning, run.Results[1].Level);
    }

    [Fact]
    public void Fingerprints_survive_unrelated_lines_moving_but_not_a_different_resource()
    {
        static string[] Prints(Run run) => run.Results.Select(r => r.PartialFingerprints[SarifReportWriter.FingerprintKey]).ToArray();
        var before = Prints(BuildRun());
        var after = Prints(BuildRun(lineShift: 7));
        Assert.Equal(before, after);
        Assert.Equal(4, before.Distinct().Count());
        Assert.All(before, p => Assert.Matches("^[0-9a-f]{64}$", p));
    }

    [Fact]
    public void Suppressed_findings_carry_a_suppression_with_the_justification()
    {
        var suppressed = BuildRun().Results.Single(r => r.RuleId == "W9");
        var suppression = Assert.Single(suppressed.Suppressions);
        Assert.Equal(SuppressionKind.InSource, suppression.Kind);
        Assert.Equal("Public web tier behind a WAF.", suppression.Justification);
        Assert.Null(BuildRun().Results[0].Suppressions);
    }

    [Fact]
    public void Fixes_are_replacements_in_the_results_file_with_explicit_empty_regions_for_insertions()
    {
        var run = BuildRun();
        Assert.All(run.Results.Where(r => r.RuleId != "W41"), r => Assert.Null(r.Fixes));
        var result = run.Results.Single(r => r.RuleId == "W41");
        var fix = Assert.Single(result.Fixes);
        Assert.Equal("Set BucketEncryption to SSE-S3 (SSEAlgorithm AES256).", fix.Description.Text);
        var change = Assert.Single(fix.ArtifactChanges);
        Assert.Equal(result.Locations[0].PhysicalLocation.ArtifactLocation.Uri, change.ArtifactLocation.Uri);
        Assert.Equal(SarifReportWriter.SourceRootBaseId, change.ArtifactLocation.UriBaseId);
        var replacement = Assert.Single(change.Replacements);
        var region = replacement.DeletedRegion;
        Assert.Equal((31, 27, 31, 27), (region.StartLine, region.StartColumn, region.EndLine, region.EndColumn));
        Assert.StartsWith("\n      BucketEncryption:", replacement.InsertedContent.Text, StringComparison.Ordinal);

        // An insertion states its end: a region without one would delete to the end of the line.
        var json = JObject.Parse(SampleScan.Render(new SarifReportWriter(), SampleScan.Create()));
        var written = json["runs"]![0]!["results"]!.Single(r => (string?)r["ruleId"] == "W41")["fixes"]![0]!["artifactChanges"]![0]!["replacements"]![0]!["deletedRegion"]!;
        Assert.Equal(27, (int)written["endColumn"]!);
        Assert.Equal(31, (int)written["endLine"]!);
    }

    [Fact]
    public void Parse_errors_are_tool_execution_notifications_not_results()
    {
        var run = BuildRun();
        Assert.DoesNotContain(run.Results, r => r.RuleId == "E0000");
        var notification = Assert.Single(run.Invocations[0].ToolExecutionNotifications);
        Assert.Equal(FailureLevel.Error, notification.Level);
        Assert.Equal("E0000", notification.AssociatedRule.Id);
        Assert.Equal("templates/broken.yaml", notification.Locations[0].PhysicalLocation.ArtifactLocation.Uri.OriginalString);
        Assert.True(run.Invocations[0].ExecutionSuccessful);
    }

    [Fact]
    public void Files_outside_the_source_root_get_absolute_uris()
    {
        var options = SampleScan.Options with { SourceRoot = "/repo/other" };
        var run = SarifReportWriter.Build(SampleScan.Create(), options).Runs[0];
        var artifact = run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation;
        Assert.Equal(new Uri("file:///repo/templates/app.yaml"), artifact.Uri);
        Assert.Null(artifact.UriBaseId);
    }

    [Fact]
    public void Written_log_round_trips_through_the_sdk()
    {
        var text = SampleScan.Render(new SarifReportWriter(), SampleScan.Create());
        Assert.False(text.StartsWith('\uFEFF'));
        var log = JsonConvert.DeserializeObject<SarifLog>(text)!;
        Assert.Equal(SarifVersion.Current, log.Version);
        Assert.Equal(4, log.Runs[0].Results.Count);
        var json = JObject.Parse(text);
        Assert.Equal("2.1.0", (string?)json["version"]);
        Assert.Equal("utf16CodeUnits", (string?)json["runs"]![0]!["columnKind"]);
    }
}
