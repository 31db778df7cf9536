using System.Text;
using Scanner.Tests;
using Xunit.Abstractions;

namespace Scanner.Guard.Tests;

/// <summary>
/// The AWS Guard rules registry's own unit tests, run the way <c>cfn-guard test -d rules</c> runs them; cfn-guard
/// 3.1.1 meets all 1,964 expectations of its 1,694 cases.
/// </summary>
public sealed class RegistryConformanceTests(ITestOutputHelper output)
{
    private static string RegistryRules => Path.Combine(TestPaths.Corpus, "guard-registry", "rules");

    [CorpusFact]
    public void Registry_unit_tests_agree_with_cfn_guard_3_1_1()
    {
        var pairs = GuardTestRunner.DiscoverDirectory(RegistryRules);
        var cases = 0;
        var expectations = 0;
        var agreed = 0;
        var problems = new StringBuilder();
        foreach (var pair in pairs.Where(p => p.SpecPaths.Count > 0))
        {
            var rules = GuardParser.TryParse(pair.RulesPath, File.ReadAllText(pair.RulesPath), out var error);
            if (rules is null)
            {
                problems.AppendLine($"PARSE {error!.Message}");
                continue;
            }

            foreach (var spec in pair.SpecPaths)
            {
                var result = GuardTestRunner.Run(rules, spec, File.ReadAllText(spec));
                if (result.Error is not null)
                {
                    problems.AppendLine($"SPEC {result.Error}");
                    continue;
                }

                foreach (var testCase in result.Cases)
                {
                    cases++;
                    if (testCase.Error is not null)
                    {
                        problems.AppendLine($"ERROR {Rel(spec)} #{testCase.Number} {testCase.Name}: {testCase.Error}");
                    }

                    foreach (var e in testCase.Expectations)
                    {
                        expectations++;
                        if (e.Met)
                        {
                            agreed++;
                        }
                        else
                        {
                            problems.AppendLine($"MISMATCH {Rel(spec)} #{testCase.Number} {testCase.Name}: {e.Rule} expected {e.Expected}, got [{string.Join(",", e.Evaluated)}]");
                        }
                    }
                }
            }
        }

        output.WriteLine($"rule files with tests: {pairs.Count(p => p.SpecPaths.Count > 0)}, cases: {cases}, expectations: {expectations}, agreed: {agreed}");
        output.WriteLine(problems.ToString());
        Assert.True(problems.Length == 0, problems.ToString());
        Assert.Equal(1694, cases);
        Assert.Equal(1964, expectations);
        Assert.Equal(expectations, agreed);
    }

    private static string Rel(string path) => Path.GetRelativePath(RegistryRules, path);
}
