using System.Collections.Concurrent;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Editing;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Engine;
using Scanner.Rules;
using Scanner.Tests;
using YamlDotNet.RepresentationModel;

namespace Scanner.Cli.Tests;

/// <summary>
/// The fix property on every template of the cfn-nag and Guard corpora (cfn-nag's spec templates, every test input
/// of the Guard rules registry, cfn-guard's own data templates), with every rule enabled: fixing, then scanning
/// leaves no finding that had a fix offered, adds no finding of any rule, and leaves a template that parses and loads
/// as well as before; fixing the result again changes nothing.
/// </summary>
public sealed class FixCorpusTests
{
    private static readonly IReadOnlySet<string> AllRules = ScanRunner.KnownDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

    private static readonly TemplateAnalyzer Analyzer = new(
        RuleRegistry.Build(BuiltInRules.All, new RuleSelection(AllRules, null)),
        EvaluationSettings.Default,
        AnalysisComposition.Extensions,
        AnalysisComposition.Fixes);

    [CorpusFact]
    public void Fixing_then_scanning_leaves_no_offered_fix_adds_no_finding_and_is_idempotent()
    {
        var templates = CfnNagTemplates().Concat(GuardRegistryInputs()).Concat(GuardLanguageTemplates()).ToList();
        Assert.True(templates.Count > 2000, $"expected over 2000 corpus templates, found {templates.Count}");

        var fixer = new TemplateFixer(Analyzer);
        var failures = new ConcurrentBag<string>();
        var fixedTemplates = 0;
        var fixes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        Parallel.ForEach(templates, template =>
        {
            var (name, text) = template;
            var before = Analyzer.Analyze(TemplateParser.Parse(name, text), name).Findings;
            if (!before.Any(f => f.Fix is not null))
            {
                return;
            }

            var outcome = fixer.Fix(name, text);
            Interlocked.Increment(ref fixedTemplates);
            foreach (var applied in outcome.Applied)
            {
                fixes.AddOrUpdate(applied.RuleId, 1, (_, n) => n + 1);
            }

            var tree = TemplateParser.Parse(name, outcome.Text);
            if (tree.HasFatalError)
            {
                failures.Add($"{name}: the fixed template does not parse");
                return;
            }

            var after = Analyzer.Analyze(tree, name).Findings;
            var offered = before.Where(f => f.Fix is not null).Select(Key).ToHashSet();
            var allowed = before.Select(Key).Except(offered).ToHashSet();
            foreach (var finding in after)
            {
                if (finding.Fix is not null)
                {
                    failures.Add($"{name}: {finding.RuleId} [{finding.LogicalId}] {finding.Path} still offers a fix after fixing");
                }
                else if (!allowed.Contains(Key(finding)))
                {
                    failures.Add($"{name}: {finding.RuleId} [{finding.LogicalId}] {finding.Path} {(offered.Contains(Key(finding)) ? "is still reported after its fix" : "is new after fixing")}: {finding.Message}");
                }
            }

            foreach (var refused in outcome.Refused)
            {
                failures.Add($"{name}: the fix of {refused.RuleId} [{refused.LogicalId}] was refused");
            }

            if (fixer.Fix(name, outcome.Text).Changed)
            {
                failures.Add($"{name}: fixing twice is not the same as fixing once");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} problems in {fixedTemplates} fixed templates:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal).Take(40)));

        // The corpora exercise most fixes; a fix that never applies anywhere would be suspicious of its conditions.
        Assert.True(fixedTemplates > 100, $"only {fixedTemplates} corpus templates had fixes");
        Assert.True(fixes.Count >= 15, "fixes applied: " + string.Join(", ", fixes.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} x{f.Value}")));
    }

    private static (string, string?, string) Key(Scanner.Core.Diagnostics.Finding f) => (f.RuleId, f.LogicalId, f.Path);

    private static IEnumerable<(string Name, string Text)> CfnNagTemplates() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "cfn-nag", "templates"), "*", SearchOption.AllDirectories)
            .Where(f => FileDiscovery.TemplateExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(TestPaths.Corpus, f), File.ReadAllText(f)));

    private static IEnumerable<(string Name, string Text)> GuardLanguageTemplates() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "guard-language"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json")
            .Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetRelativePath(TestPaths.Corpus, f), Text: File.ReadAllText(f)))
            .Where(t => TemplateAnalyzer.IsTemplateCandidate(TemplateParser.Parse(t.Name, t.Text)));

    /// <summary>
    /// Each test case's <c>input</c> of the registry's <c>*_tests.yml</c>, cut out of the file as written (block or
    /// flow style, comments and all), indented as it was so that its lines keep their relative indentation.
    /// </summary>
    private static IEnumerable<(string Name, string Text)> GuardRegistryInputs()
    {
        var root = Path.Combine(TestPaths.Corpus, "guard-registry", "rules");
        foreach (var file in Directory.EnumerateFiles(root, "*_tests.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var yaml = new YamlStream();
            try
            {
                yaml.Load(new StringReader(text));
            }
            catch (YamlDotNet.Core.YamlException)
            {
                continue;
            }

            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlSequenceNode cases)
            {
                continue;
            }

            var index = 0;
            foreach (var item in cases.Children.OfType<YamlMappingNode>())
            {
                index++;
                if (item.Children.TryGetValue(new YamlScalarNode("input"), out var input) && input is YamlMappingNode)
                {
                    var start = (int)input.Start.Index;
                    var end = Math.Min(text.Length, (int)input.End.Index);
                    var slice = new string(' ', (int)input.Start.Column - 1) + text[start..end];
                    yield return ($"{Path.GetRelativePath(TestPaths.Corpus, file)}#{index}.yaml", slice);
                }
            }
        }
    }
}
