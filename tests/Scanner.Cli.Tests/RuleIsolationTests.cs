using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules;
using Scanner.Tests;

namespace Scanner.Cli.Tests;

/// <summary>
/// Each rule stands alone: configuration drops exactly the rules it names and never hides another rule's finding,
/// and what a rule emits matches what the catalog says about it.
/// </summary>
public sealed class RuleIsolationTests
{
    private static readonly Lazy<IReadOnlyList<(string Path, SyntaxTree Tree)>> Trees = new(() =>
        FixtureTests.FixturePaths()
            .Select(path => (path, TemplateParser.ParseFile(Path.Combine(TestPaths.RepoRoot, path), path)))
            .ToArray());

    private static IReadOnlySet<string> AllIds => ScanRunner.KnownDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Deny_listing_one_rule_never_removes_a_finding_of_another_rule()
    {
        var all = AllIds;
        var baseline = Analyze(new RuleSelection(all, null));
        Assert.Contains(baseline, f => f.RuleId == "TRUST001"); // the fixture set exercises the rules that once deferred to each other

        var problems = new List<string>();
        foreach (var id in all.Order(StringComparer.Ordinal))
        {
            var expected = baseline.Where(f => f.RuleId != id).Select(Key).ToHashSet();
            var actual = Analyze(new RuleSelection(all, new HashSet<string> { id })).Select(Key).ToHashSet();
            problems.AddRange(expected.Except(actual).Select(missing => $"deny-listing {id} removed {missing}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(50)));
    }

    [Fact]
    public void Deny_listing_the_clause_rule_keeps_the_open_principal_finding()
    {
        const string fixture = "fixtures/rules/TRUST001/org-ifexists.yaml";
        var all = AllIds;
        var findings = Analyze(new RuleSelection(all, new HashSet<string> { "TRUST020" }), [fixture]);
        var open = Assert.Single(findings, f => f.RuleId == "TRUST001");
        Assert.Contains("IfExists", open.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.RuleId == "TRUST020");
    }

    [Fact]
    public void Findings_carry_one_of_the_rule_s_levels_and_severities()
    {
        var descriptors = ScanRunner.KnownDescriptors().ToDictionary(d => d.Id, StringComparer.Ordinal);
        var problems = Analyze(new RuleSelection(AllIds, null))
            .Where(f => !descriptors[f.RuleId].FindingLevels.Contains(f.Level) || !descriptors[f.RuleId].FindingSeverities.Contains(f.Severity))
            .Select(f => $"{f.FilePath}:{f.Span.StartLine} {f.RuleId} {f.Level}/{f.Severity}: catalog says {string.Join(",", descriptors[f.RuleId].FindingLevels)}/{string.Join(",", descriptors[f.RuleId].FindingSeverities)}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static List<Finding> Analyze(RuleSelection selection, IReadOnlyCollection<string>? only = null)
    {
        var registry = RuleRegistry.Build(BuiltInRules.All, selection, RuleArguments.Empty);
        var analyzer = new TemplateAnalyzer(registry, EvaluationSettings.Default, AnalysisComposition.Extensions);
        var trees = Trees.Value.Where(t => only is null || only.Contains(t.Path)).ToArray();
        var results = new IReadOnlyList<Finding>[trees.Length];
        Parallel.For(0, trees.Length, i => results[i] = analyzer.Analyze(trees[i].Tree, trees[i].Path).Findings);
        return results.SelectMany(r => r).ToList();
    }

    private static string Key(Finding f) => $"{f.FilePath}:{f.Span.StartLine}:{f.Span.StartColumn} {f.RuleId} {f.Path} {f.Message}";
}
