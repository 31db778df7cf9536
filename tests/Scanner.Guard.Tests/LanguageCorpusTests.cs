using System.Text;
using System.Text.RegularExpressions;
using Scanner.CloudFormation.Syntax;
using Scanner.Tests;
using Xunit.Abstractions;

namespace Scanner.Guard.Tests;

/// <summary>
/// cfn-guard's own test resources (../shared/corpus/guard-language): unit-test specs with expectations, and the
/// recorded outputs of <c>validate</c>, whose per-rule statuses we must reproduce.
/// </summary>
public sealed partial class LanguageCorpusTests(ITestOutputHelper output)
{
    private static string Resources => Path.Combine(TestPaths.Corpus, "guard-language", "guard", "resources");

    [CorpusFact]
    public void Test_command_specs_meet_their_expectations()
    {
        var testCommand = Path.Combine(Resources, "test-command");
        var pairs = new List<(string Rules, string Spec)>();
        foreach (var pair in GuardTestRunner.DiscoverDirectory(Path.Combine(testCommand, "dir")))
        {
            pairs.AddRange(pair.SpecPaths.Select(s => (pair.RulesPath, s)));
        }

        // The data-dir specs are run in cfn-guard's tests against the rule of the same name in dir/.
        var ruleFiles = Directory.GetFiles(Path.Combine(testCommand, "dir"), "*.guard");
        foreach (var spec in Directory.GetFiles(Path.Combine(testCommand, "data-dir")).Order(StringComparer.Ordinal))
        {
            var owner = ruleFiles.Order(StringComparer.Ordinal).FirstOrDefault(r => Path.GetFileName(spec).StartsWith(Path.GetFileNameWithoutExtension(r), StringComparison.Ordinal));
            if (owner is not null)
            {
                pairs.Add((owner, spec));
            }
        }

        pairs.Add((Path.Combine(testCommand, "functions", "rules", "json_parse.guard"), Path.Combine(testCommand, "functions", "data", "template.yaml")));

        var expectations = 0;
        var problems = new StringBuilder();
        foreach (var (rulesPath, spec) in pairs)
        {
            var rules = GuardParser.Parse(rulesPath, File.ReadAllText(rulesPath));
            var result = GuardTestRunner.Run(rules, spec, File.ReadAllText(spec));
            Assert.Null(result.Error);
            foreach (var testCase in result.Cases)
            {
                if (testCase.Error is not null)
                {
                    problems.AppendLine($"{Path.GetFileName(spec)} #{testCase.Number}: {testCase.Error}");
                }

                foreach (var e in testCase.Expectations)
                {
                    expectations++;
                    if (!e.Met)
                    {
                        problems.AppendLine($"{Path.GetFileName(spec)} #{testCase.Number} {e.Rule}: expected {e.Expected}, got [{string.Join(",", e.Evaluated)}]");
                    }
                }
            }
        }

        output.WriteLine($"{pairs.Count} spec files, {expectations} expectations");
        Assert.True(expectations > 0);
        Assert.True(problems.Length == 0, problems.ToString());
    }

    [CorpusFact]
    public void Validate_outputs_are_reproduced()
    {
        var validate = Path.Combine(Resources, "validate");
        var outputs = Directory.GetFiles(validate, "*.out", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var checkedStatuses = 0;
        var problems = new StringBuilder();
        foreach (var file in outputs)
        {
            foreach (var block in ParseSummaries(File.ReadAllLines(file)))
            {
                var data = FindUnique(validate, block.Data, "*.yaml", "*.json", "*.yml");
                var rulesPath = block.RuleFile is null ? null : FindUnique(validate, block.RuleFile, "*.guard");
                if (data is null || rulesPath is null)
                {
                    continue;
                }

                var rules = GuardParser.TryParse(rulesPath, File.ReadAllText(rulesPath), out _);
                if (rules is null)
                {
                    continue;
                }

                GuardFileResult result;
                try
                {
                    var tree = TemplateParser.ParseFile(data, data);
                    result = GuardEvaluator.Evaluate(rules, GuardData.FromTree(tree));
                }
                catch (GuardEvaluationException ex)
                {
                    problems.AppendLine($"{Path.GetFileName(file)}: {block.Data} x {block.RuleFile}: {ex.Message}");
                    continue;
                }

                foreach (var (rule, status) in block.Rules)
                {
                    var records = result.Rules.Where(r => r.Name == rule).Select(r => r.Status).ToList();
                    checkedStatuses++;
                    if (!records.Contains(status))
                    {
                        problems.AppendLine($"{Path.GetFileName(file)}: {block.Data} x {block.RuleFile}/{rule}: expected {status}, got [{string.Join(",", records)}]");
                    }
                }

                checkedStatuses++;
                if (result.Status != block.Status)
                {
                    problems.AppendLine($"{Path.GetFileName(file)}: {block.Data} x {block.RuleFile}: file status expected {block.Status}, got {result.Status}");
                }
            }
        }

        output.WriteLine($"{outputs.Length} output files, {checkedStatuses} statuses checked");
        Assert.True(checkedStatuses > 0);
        Assert.True(problems.Length == 0, problems.ToString());
    }

    [CorpusFact]
    public void Every_rule_file_parses_except_the_deliberately_invalid_ones()
    {
        var invalid = new HashSet<string>(StringComparer.Ordinal) { "invalid_rule.guard", "invalid_regex.guard" };
        var files = Directory.GetFiles(Resources, "*.guard", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        foreach (var file in files)
        {
            var parsed = GuardParser.TryParse(file, File.ReadAllText(file), out var error);
            if (invalid.Contains(Path.GetFileName(file)))
            {
                Assert.Null(parsed);
                Assert.True(error!.Position.Line > 0, error.Message);
            }
            else
            {
                Assert.True(parsed is not null, error?.Message);
            }
        }

        output.WriteLine($"{files.Length} rule files checked");
    }

    private sealed record Summary(string Data, GuardStatus Status, string? RuleFile, List<(string Rule, GuardStatus Status)> Rules);

    /// <summary>Reads the single-line-summary blocks: "DATA Status = S", the rule lists, and the rule file named after them.</summary>
    private static List<Summary> ParseSummaries(string[] lines)
    {
        var blocks = new List<Summary>();
        Summary? current = null;
        foreach (var line in lines)
        {
            var status = StatusLine().Match(line);
            if (status.Success)
            {
                current = new Summary(status.Groups[1].Value, Parse(status.Groups[2].Value), null, []);
                blocks.Add(current);
                continue;
            }

            if (current is null)
            {
                continue;
            }

            var rule = RuleLine().Match(line);
            if (rule.Success)
            {
                current.Rules.Add((rule.Groups[2].Value, Parse(rule.Groups[3].Value)));
                if (current.RuleFile is null)
                {
                    blocks[^1] = current = current with { RuleFile = rule.Groups[1].Value };
                }

                continue;
            }

            var against = AgainstLine().Match(line);
            if (against.Success && current.RuleFile is null)
            {
                blocks[^1] = current = current with { RuleFile = against.Groups[1].Value };
            }
        }

        return blocks;
    }

    private static GuardStatus Parse(string s) => s switch { "PASS" => GuardStatus.Pass, "FAIL" => GuardStatus.Fail, _ => GuardStatus.Skip };

    private static string? FindUnique(string root, string name, params string[] patterns)
    {
        var matches = patterns.SelectMany(p => Directory.GetFiles(root, p, SearchOption.AllDirectories))
            .Where(f => Path.GetFileName(f) == Path.GetFileName(name)).Distinct().ToArray();
        return matches.Length == 1 ? matches[0] : null;
    }

    [GeneratedRegex(@"^(\S+) Status = (PASS|FAIL|SKIP)$")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\S+\.guard)/(\S+)\s+(PASS|FAIL|SKIP)$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"against rules (\S+\.guard)")]
    private static partial Regex AgainstLine();
}
