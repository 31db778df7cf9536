using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Editing;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules;
using Scanner.Rules.Fixes;
using Scanner.Tests;

namespace Scanner.Cli.Tests;

/// <summary>
/// Golden tests of every fix: fixtures/fixes/ID/ holds templates (YAML block, YAML flow, JSON, with comments) on which
/// rule ID fires, and next to each NAME.EXT its fixed text NAME.fixed.EXT. Each template is also fixed with CRLF line
/// endings, and must come out as the golden with CRLF. Templates named nofix-* must keep their finding and get no
/// fix (the value is a parameter's, conditional, or the rule's fix would not be certainly right there).
/// </summary>
public sealed class FixGoldenTests
{
    private const string UpdateCommand = "UPDATE_GOLDENS=1 dotnet test tests/Scanner.Cli.Tests --filter FullyQualifiedName~FixGoldenTests";

    private static string Root => Path.Combine(TestPaths.Fixtures, "fixes");

    public static TheoryData<string> Inputs() => new(InputFiles().Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')));

    private static IEnumerable<string> InputFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Where(f => !IsGolden(f)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Fix_gives_the_golden_text_and_repairs_only_its_finding(string input)
    {
        var rule = input.Split('/')[0];
        var full = Path.Combine(Root, input);
        var text = File.ReadAllText(full);
        var fixer = Fixer(rule);
        var outcome = fixer.Fix(input, text);

        if (Path.GetFileName(input).StartsWith("nofix-", StringComparison.Ordinal))
        {
            Assert.Contains(outcome.Findings, f => f.RuleId == rule);
            Assert.Empty(outcome.Applied);
            Assert.Empty(outcome.NotApplied);
            Assert.False(outcome.Changed);
            return;
        }

        Assert.NotEmpty(outcome.Applied);
        Assert.All(outcome.Applied, f => Assert.Equal(rule, f.RuleId));
        Assert.Empty(outcome.Refused);
        Assert.DoesNotContain(outcome.Findings, f => f.RuleId == rule);
        MatchGolden(GoldenPath(full), outcome.Text);

        // Fixing again changes nothing; a CRLF copy comes out as the golden with CRLF.
        Assert.False(fixer.Fix(input, outcome.Text).Changed);
        var crlf = fixer.Fix(input, ToCrlf(text));
        Assert.Equal(ToCrlf(outcome.Text), crlf.Text);

        // No other rule (of all of them, including those off by default) starts to fire.
        var before = OtherFindings(full, text, rule);
        var after = OtherFindings(full, outcome.Text, rule);
        Assert.True(after.IsSubsetOf(before), "new findings: " + string.Join(", ", after.Except(before)));
    }

    [Fact]
    public void Every_fixable_rule_has_golden_templates_in_yaml_block_yaml_flow_and_json()
    {
        var problems = new List<string>();
        foreach (var fix in FixCatalog.All)
        {
            foreach (var name in new[] { "block.yaml", "flow.yaml", "json.json" })
            {
                var path = Path.Combine(Root, fix.RuleId, name);
                if (!File.Exists(path) || !File.Exists(GoldenPath(path)))
                {
                    problems.Add($"{fix.RuleId}/{name}");
                }
            }
        }

        Assert.True(problems.Count == 0, "missing: " + string.Join(", ", problems));
        Assert.True(FixCatalog.All.Count >= 20, $"{FixCatalog.All.Count} rules offer fixes");
    }

    [Fact]
    public void Every_fix_row_names_a_known_rule_once()
    {
        var known = ScanRunner.KnownDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(FixCatalog.All, f => Assert.Contains(f.RuleId, known));
        Assert.Equal(FixCatalog.All.Count, FixCatalog.All.Select(f => f.RuleId).Distinct().Count());
    }

    [CfnLintFact]
    public void Cfn_lint_finds_nothing_in_a_fixed_template_that_it_did_not_find_before()
    {
        var pairs = InputFiles()
            .Where(i => !Path.GetFileName(i).StartsWith("nofix-", StringComparison.Ordinal))
            .Select(i => (Input: i, Fixed: GoldenPath(i)))
            .ToList();
        var ids = CfnLint.Lint([.. pairs.SelectMany(p => new[] { p.Input, p.Fixed })]);
        var problems = pairs
            .Select(p => (p.Fixed, New: ids[p.Fixed].Except(ids[p.Input]).ToList()))
            .Where(p => p.New.Count > 0)
            .Select(p => $"{Path.GetRelativePath(Root, p.Fixed)}: {string.Join(", ", p.New)}")
            .ToList();
        Assert.True(problems.Count == 0, "cfn-lint reports new problems:\n" + string.Join("\n", problems));
    }

    internal static TemplateFixer Fixer(string rule)
    {
        var registry = RuleRegistry.Build(BuiltInRules.All, new RuleSelection(new HashSet<string> { rule }, null));
        var analyzer = new TemplateAnalyzer(registry, EvaluationSettings.Default, AnalysisComposition.Extensions, AnalysisComposition.Fixes);
        return new TemplateFixer(analyzer);
    }

    private static HashSet<(string, string?, string)> OtherFindings(string path, string text, string rule)
    {
        var all = ScanRunner.KnownDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var analyzer = new TemplateAnalyzer(RuleRegistry.Build(BuiltInRules.All, new RuleSelection(all, null)), EvaluationSettings.Default, AnalysisComposition.Extensions);
        var tree = Scanner.CloudFormation.Syntax.TemplateParser.Parse(path, text);
        return analyzer.Analyze(tree, path).Findings.Where(f => f.RuleId != rule).Select(f => (f.RuleId, f.LogicalId, f.Path)).ToHashSet();
    }

    private static bool IsGolden(string path) => Path.GetFileNameWithoutExtension(path).EndsWith(".fixed", StringComparison.Ordinal);

    private static string GoldenPath(string input) =>
        Path.Combine(Path.GetDirectoryName(input)!, Path.GetFileNameWithoutExtension(input) + ".fixed" + Path.GetExtension(input));

    private static string ToCrlf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    private static void MatchGolden(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing. Create it with: {UpdateCommand}");
        var expected = File.ReadAllText(path);
        Assert.True(expected == actual, $"{path} differs from the fixed text:\n{UnifiedDiff.Create(expected, actual, "golden", "actual")}\nIf the change is intended: {UpdateCommand}");
    }
}

/// <summary>A fact that needs cfn-lint on the PATH (installed with pip, as in CI); skipped with the reason where it is not.</summary>
public sealed class CfnLintFactAttribute : FactAttribute
{
    public CfnLintFactAttribute()
    {
        if (CfnLint.Path is null)
        {
            Skip = "cfn-lint is not on the PATH (pip install cfn-lint); the fixed templates are not checked against it.";
        }
    }
}

/// <summary>cfn-lint as an independent judge of the fixed templates: schema, allowed values, property types.</summary>
public static class CfnLint
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => System.IO.Path.Combine(d, "cfn-lint"))
        .FirstOrDefault(File.Exists);

    /// <summary>The rule ids cfn-lint reports for each file (by full path), from one run over all of them.</summary>
    public static Dictionary<string, HashSet<string>> Lint(IReadOnlyList<string> files)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--format", "parseable", "--" }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode is 0 or 2 or 4 or 6 or 8 or 10 or 12 or 14, $"cfn-lint failed ({process.ExitCode}): {errors.Result}");
        var result = files.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // FILE:LINE:COL:ENDLINE:ENDCOL:ID:MESSAGE
            var parts = line.Split(':');
            if (parts.Length > 6 && result.TryGetValue(System.IO.Path.GetFullPath(parts[0]), out var ids))
            {
                ids.Add(parts[5]);
            }
        }

        return result;
    }
}
