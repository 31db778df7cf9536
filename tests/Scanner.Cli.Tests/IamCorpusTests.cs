using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules;
using Scanner.Tests;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests;

/// <summary>
/// IAM001 (unknown action) and IAM003 (unknown condition key) over the peer corpora: every template of cfn-nag's spec
/// corpus, cfn-guard's own test templates, and the inputs of the Guard rules registry's unit tests. Each finding is
/// listed in iam-corpus-expectations.txt with a one-line reason (a real typo, or a gap in the service reference), so
/// noise shows up as a diff and a data update that closes a gap shows up as a stale line.
/// </summary>
public sealed class IamCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] Checked = ["IAM001", "IAM003"];

    private static string ExpectationsPath => Path.Combine(TestPaths.RepoRoot, "tests", "Scanner.Cli.Tests", "iam-corpus-expectations.txt");

    [CorpusFact]
    public void Unknown_actions_and_condition_keys_in_the_corpora_are_all_explained()
    {
        var found = Findings().ToList();
        var expected = ReadExpectations();
        var foundKeys = found.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var unexplained = found.Where(f => !expected.ContainsKey(f.Key)).Select(f => $"{f.Key} | ?   ({f.Message})").ToList();
        var stale = expected.Keys.Where(k => !foundKeys.Contains(k)).ToList();

        output.WriteLine($"{found.Count} IAM001/IAM003 findings in the corpora ({found.Count(f => f.Key.StartsWith("IAM001", StringComparison.Ordinal))} IAM001, {found.Count(f => f.Key.StartsWith("IAM003", StringComparison.Ordinal))} IAM003), all listed with a reason.");
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} findings are not in {Path.GetFileName(ExpectationsPath)}; add each with a reason:\n" + string.Join("\n", unexplained));
        Assert.True(stale.Count == 0, $"listed in {Path.GetFileName(ExpectationsPath)} but no longer found (remove them):\n" + string.Join("\n", stale));
    }

    /// <summary>"RULE | corpus-relative path:line | subject" for every finding of the checked rules.</summary>
    private static IEnumerable<(string Key, string Message)> Findings()
    {
        var selection = new RuleSelection(Checked.ToHashSet(StringComparer.Ordinal), null);
        var files = ScanRunner.Run(new ScanRequest
        {
            Paths = [Path.Combine(TestPaths.Corpus, "cfn-nag"), Path.Combine(TestPaths.Corpus, "guard-language")],
            BaseDirectory = TestPaths.Corpus,
            Selection = selection,
        });
        foreach (var finding in files.AllFindings.Where(f => Checked.Contains(f.RuleId)))
        {
            yield return (Key(finding, finding.FilePath.Replace('\\', '/')), finding.Message);
        }

        // The registry's unit tests hold their templates inline: each case's input is analysed on its own.
        var registry = RuleRegistry.Build(BuiltInRules.All, selection);
        var analyzer = new TemplateAnalyzer(registry, null, AnalysisComposition.Extensions);
        var root = Path.Combine(TestPaths.Corpus, "guard-registry");
        foreach (var spec in Directory.EnumerateFiles(root, "*_tests.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var display = Path.GetRelativePath(TestPaths.Corpus, spec).Replace('\\', '/');
            var tree = TemplateParser.ParseFile(spec, display);
            if (tree.Root is not SequenceNode cases)
            {
                continue;
            }

            foreach (var input in cases.Items.OfType<MappingNode>().Select(c => c.Get("input")).OfType<MappingNode>())
            {
                var analysis = analyzer.Analyze(new SyntaxTree(tree.Source, tree.Format, input, []), display);
                foreach (var finding in analysis.Findings.Where(f => Checked.Contains(f.RuleId)))
                {
                    yield return (Key(finding, display), finding.Message);
                }
            }
        }
    }

    private static string Key(Finding finding, string path)
    {
        // The subject is the first quoted part of the message ('s3:GetObjet', 'aws:SourceIpp').
        var start = finding.Message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : finding.Message.IndexOf('\'', start + 1);
        var subject = end > start ? finding.Message[(start + 1)..end] : finding.Message;
        return $"{finding.RuleId} | {path}:{finding.Span.StartLine} | {subject}";
    }

    /// <summary>Lines "RULE | path:line | subject | reason"; '#' starts a comment line.</summary>
    private static Dictionary<string, string> ReadExpectations()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(ExpectationsPath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(" | ");
            Assert.True(parts.Length == 4 && parts[3].Trim().Length > 0, $"{Path.GetFileName(ExpectationsPath)}: '{line}' is not 'RULE | path:line | subject | reason'");
            result[string.Join(" | ", parts.Take(3))] = parts[3];
        }

        return result;
    }
}
