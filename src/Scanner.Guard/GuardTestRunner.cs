using Scanner.CloudFormation.Syntax;

namespace Scanner.Guard;

public sealed record GuardExpectationResult(string Rule, GuardStatus Expected, IReadOnlyList<GuardStatus> Evaluated, bool Met);

public sealed record GuardTestCaseResult(int Number, string? Name, IReadOnlyList<GuardExpectationResult> Expectations, IReadOnlyList<string> RulesWithoutExpectation, string? Error)
{
    public bool Passed => Error is null && Expectations.All(e => e.Met);
}

public sealed record GuardTestFileResult(string RulesPath, string SpecPath, IReadOnlyList<GuardTestCaseResult> Cases, string? Error)
{
    public bool Passed => Error is null && Cases.All(c => c.Passed);
}

/// <summary>A rules file paired with its unit-test specs, as <c>cfn-guard test -d</c> pairs them.</summary>
public sealed record GuardTestPair(string RulesPath, IReadOnlyList<string> SpecPaths);

/// <summary>Runs cfn-guard unit-test specs (a YAML/JSON list of <c>{name, input, expectations: {rules: {NAME: STATUS}}}</c>).</summary>
public static class GuardTestRunner
{
    private static readonly string[] DataExtensions = [".yaml", ".yml", ".json", ".jsn", ".template"];

    public static GuardTestFileResult Run(GuardRulesFile rules, string specPath, string specText, GuardOptions? options = null)
    {
        var tree = TemplateParser.Parse(specPath, specText);
        if (tree.Root is not SequenceNode cases)
        {
            var problem = tree.Diagnostics.FirstOrDefault(d => d.RuleId == "E0000");
            return new GuardTestFileResult(rules.Path, specPath, [], problem is null
                ? $"{specPath}: a test spec must be a list of test cases."
                : $"{specPath}:{tree.Source.GetSpan(problem.Span).StartLine}: {problem.Message}");
        }

        var json = tree.Format == SourceFormat.Json;
        var results = new List<GuardTestCaseResult>(cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            results.Add(RunCase(rules, cases[i], i + 1, json, options));
        }

        return new GuardTestFileResult(rules.Path, specPath, results, null);
    }

    private static GuardTestCaseResult RunCase(GuardRulesFile rules, SyntaxNode node, int number, bool json, GuardOptions? options)
    {
        if (node is not MappingNode testCase)
        {
            return new GuardTestCaseResult(number, null, [], [], "a test case must be a mapping with input and expectations.");
        }

        var name = (testCase.Get("name") as ScalarNode)?.Text;
        var input = testCase.Get("input") is { } inputNode ? GuardData.FromNode(inputNode, GuardDataMode.Test, json) : GuardValue.Null("");
        var expectations = new List<(string Rule, GuardStatus Status)>();
        if (testCase.Get("expectations") is MappingNode { } exp && exp.Get("rules") is MappingNode ruleMap)
        {
            foreach (var entry in ruleMap.UniqueEntries)
            {
                if (entry.Value is ScalarNode { Text: "PASS" or "FAIL" or "SKIP" } s)
                {
                    expectations.Add((entry.Key.Text, s.Text switch { "PASS" => GuardStatus.Pass, "FAIL" => GuardStatus.Fail, _ => GuardStatus.Skip }));
                }
                else
                {
                    return new GuardTestCaseResult(number, name, [], [], $"expectation for {entry.Key.Text} must be PASS, FAIL or SKIP.");
                }
            }
        }

        GuardFileResult evaluated;
        try
        {
            evaluated = GuardEvaluator.Evaluate(rules, input, options);
        }
        catch (GuardEvaluationException ex)
        {
            return new GuardTestCaseResult(number, name, [], [], ex.Message);
        }

        var results = new List<GuardExpectationResult>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rule, status) in expectations)
        {
            expected.Add(rule);
            if (rule == "default")
            {
                continue; // cfn-guard names the implicit rule "<file>/default", so this key never names a rule.
            }

            var records = evaluated.Rules.Where(r => r.Name == rule).Select(r => r.Status).ToList();
            if (records.Count == 0)
            {
                continue;
            }

            var met = status == GuardStatus.Skip ? records.All(s => s == GuardStatus.Skip) : records.Contains(status);
            results.Add(new GuardExpectationResult(rule, status, records, met));
        }

        var unexpected = evaluated.Rules.Select(r => r.Name).Distinct(StringComparer.Ordinal).Where(n => !expected.Contains(n)).ToList();
        return new GuardTestCaseResult(number, name, results, unexpected, null);
    }

    /// <summary>
    /// Pairs rule files with specs as <c>cfn-guard test -d</c> does: a spec in a <c>tests/</c> directory whose parent
    /// holds <c>.guard</c> files belongs to the first rule file (by name) whose stem prefixes the spec's file name.
    /// </summary>
    public static IReadOnlyList<GuardTestPair> DiscoverDirectory(string root)
    {
        var pairs = new List<GuardTestPair>();
        foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root).Order(StringComparer.Ordinal))
        {
            var ruleFiles = Directory.EnumerateFiles(dir).Where(IsRuleFile).Order(StringComparer.Ordinal).ToList();
            if (ruleFiles.Count == 0)
            {
                continue;
            }

            var testsDir = Path.Combine(dir, "tests");
            var specs = Directory.Exists(testsDir)
                ? Directory.EnumerateFiles(testsDir).Where(f => DataExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
                : [];
            var claimed = ruleFiles.ToDictionary(f => f, _ => new List<string>(), StringComparer.Ordinal);
            foreach (var spec in specs)
            {
                var specName = Path.GetFileName(spec);
                var owner = ruleFiles.FirstOrDefault(r => specName.StartsWith(Path.GetFileNameWithoutExtension(r), StringComparison.Ordinal));
                if (owner is not null)
                {
                    claimed[owner].Add(spec);
                }
            }

            pairs.AddRange(ruleFiles.Select(r => new GuardTestPair(r, claimed[r])));
        }

        return pairs;
    }

    public static bool IsRuleFile(string path) =>
        path.EndsWith(".guard", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ruleset", StringComparison.OrdinalIgnoreCase);
}
