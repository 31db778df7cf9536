using Scanner.Guard;

namespace Scanner.Cli;

/// <summary><c>iacscan guard test</c>: cfn-guard's unit-test runner (spec format, text/json output, exit codes).</summary>
internal static class GuardTest
{
    private static readonly string[] SpecExtensions = [".yaml", ".yml", ".json", ".jsn"];

    public static int Run(string? rulesPath, string? testsPath, string? dir, bool json, string cwd, TextWriter stdout, TextWriter stderr)
    {
        var pairs = new List<(string RulesFull, string RulesDisplay, List<string> Specs)>();
        if (dir is not null)
        {
            var full = Path.GetFullPath(dir, cwd);
            if (!Directory.Exists(full))
            {
                stderr.WriteLine($"{dir}: no such directory.");
                return GuardExitCodes.TestReadError;
            }

            foreach (var pair in GuardTestRunner.DiscoverDirectory(full))
            {
                pairs.Add((pair.RulesPath, Path.GetRelativePath(cwd, pair.RulesPath), [.. pair.SpecPaths]));
            }
        }
        else
        {
            var rulesFull = Path.GetFullPath(rulesPath!, cwd);
            var testsFull = Path.GetFullPath(testsPath!, cwd);
            List<string> specs;
            if (Directory.Exists(testsFull))
            {
                specs = Directory.EnumerateFiles(testsFull, "*", SearchOption.AllDirectories)
                    .Where(f => SpecExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
            }
            else if (File.Exists(testsFull))
            {
                specs = [testsFull];
            }
            else
            {
                stderr.WriteLine($"{testsPath}: no such file or directory.");
                return GuardExitCodes.TestReadError;
            }

            pairs.Add((rulesFull, rulesPath!, specs));
        }

        var readError = false;
        var mismatch = false;
        var jsonReport = new List<object?>();
        foreach (var (rulesFull, rulesDisplay, specs) in pairs)
        {
            if (specs.Count == 0)
            {
                if (!json)
                {
                    stdout.WriteLine($"Guard File {rulesDisplay} did not have any tests associated, skipping.");
                    stdout.WriteLine("---");
                }

                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(rulesFull);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{rulesDisplay}: cannot read the rule file: {ex.Message}");
                readError = true;
                continue;
            }

            var rules = GuardParser.TryParse(rulesDisplay, text, out var parseError);
            if (rules is null)
            {
                stderr.WriteLine($"Parse error: {parseError!.Message}");
                readError = true;
                continue;
            }

            if (!json && dir is not null)
            {
                stdout.WriteLine($"Testing Guard File {rulesDisplay}");
            }

            var cases = new List<object?>();
            foreach (var spec in specs)
            {
                var result = GuardTestRunner.Run(rules, Path.GetRelativePath(cwd, spec), File.ReadAllText(spec));
                if (result.Error is not null)
                {
                    stderr.WriteLine(result.Error);
                    readError = true;
                    continue;
                }

                foreach (var testCase in result.Cases)
                {
                    mismatch |= !testCase.Passed;
                    if (json)
                    {
                        cases.Add(CaseJson(testCase));
                    }
                    else
                    {
                        WriteCase(testCase, dir is not null ? Path.GetFileNameWithoutExtension(rulesFull) : rulesDisplay, stdout);
                    }
                }
            }

            if (json)
            {
                jsonReport.Add(StructuredModel.Map(("rule_file", rulesDisplay), ("test_cases", cases)));
            }
            else if (dir is not null)
            {
                stdout.WriteLine("---");
            }
        }

        if (json)
        {
            StructuredModel.WriteJson(jsonReport, stdout);
        }

        return readError ? GuardExitCodes.TestReadError : mismatch ? GuardExitCodes.TestExpectationsNotMet : GuardExitCodes.Success;
    }

    /// <summary>cfn-guard's layout: rules without expectations first, then FAIL and PASS rules, each by name.</summary>
    private static void WriteCase(GuardTestCaseResult testCase, string defaultPrefix, TextWriter stdout)
    {
        stdout.WriteLine($"Test Case #{testCase.Number}");
        if (testCase.Name is not null)
        {
            stdout.WriteLine($"Name: {testCase.Name}");
        }

        if (testCase.Error is not null)
        {
            stdout.WriteLine($"  Error: {testCase.Error}");
        }

        foreach (var rule in testCase.RulesWithoutExpectation.Order(StringComparer.Ordinal))
        {
            stdout.WriteLine($"  No Test expectation was set for Rule {(rule == "default" ? defaultPrefix + "/default" : rule)}");
        }

        var failed = testCase.Expectations.Where(e => !e.Met).OrderBy(e => e.Rule, StringComparer.Ordinal).ToList();
        var passed = testCase.Expectations.Where(e => e.Met).OrderBy(e => e.Rule, StringComparer.Ordinal).ToList();
        if (failed.Count > 0)
        {
            stdout.WriteLine("  FAIL Rules:");
            foreach (var e in failed)
            {
                stdout.WriteLine($"    {e.Rule}: Expected = {Label(e.Expected)}, Evaluated = [{string.Join(", ", e.Evaluated.Select(Label))}]");
            }
        }

        if (passed.Count > 0)
        {
            stdout.WriteLine("  PASS Rules:");
            foreach (var e in passed)
            {
                stdout.WriteLine($"    {e.Rule}: Expected = {Label(e.Expected)}");
            }
        }

        stdout.WriteLine();
    }

    private static object CaseJson(GuardTestCaseResult testCase) => StructuredModel.Map(
        ("name", testCase.Name ?? $"Test Case #{testCase.Number}"),
        ("passed_rules", testCase.Expectations.Where(e => e.Met).Select(e => (object?)StructuredModel.Map(("name", e.Rule), ("evaluated", Label(e.Expected)))).ToList()),
        ("failed_rules", testCase.Expectations.Where(e => !e.Met).Select(e => (object?)StructuredModel.Map(
            ("name", e.Rule), ("expected", Label(e.Expected)), ("evaluated", e.Evaluated.Select(s => (object?)Label(s)).ToList()))).ToList()),
        ("skipped_rules", testCase.RulesWithoutExpectation.Select(r => (object?)StructuredModel.Map(("name", r))).ToList()),
        ("error", testCase.Error));

    private static string Label(GuardStatus status) => status switch
    {
        GuardStatus.Pass => "PASS",
        GuardStatus.Fail => "FAIL",
        _ => "SKIP",
    };
}
