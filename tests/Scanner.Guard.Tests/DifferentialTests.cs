using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Scanner.CloudFormation.Syntax;
using Scanner.Tests;
using Xunit.Abstractions;

namespace Scanner.Guard.Tests;

/// <summary>A fact that needs the reference cfn-guard 3.1.1 binary; skipped (with the way to install it) when absent.</summary>
public sealed class CfnGuardFactAttribute : FactAttribute
{
    public CfnGuardFactAttribute()
    {
        if (!File.Exists(DifferentialTests.Binary))
        {
            Skip = "The reference cfn-guard 3.1.1 binary is not installed; run tests/tools/install-cfn-guard.sh (needs npm) to enable the differential test.";
        }
    }
}

/// <summary>
/// Runs the real cfn-guard 3.1.1 and our evaluator on the same templates and rule files (our fixtures, the Control
/// Tower rules shipped with the binary) and compares the status of every (template, rule) pair.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    public static string Package => Path.Combine(TestPaths.RepoRoot, ".tools", "cfn-guard", "package");

    public static string Binary => Path.Combine(Package, "bin", "ubuntu", "x86_64", "cfn-guard");

    private static string ControlTowerRules => Path.Combine(Package, "rules", "control-tower", "cfn-guard");

    [CfnGuardFact]
    public void Control_tower_and_fixture_rules_agree_with_cfn_guard_3_1_1()
    {
        var limit = int.TryParse(Environment.GetEnvironmentVariable("GUARD_DIFF_LIMIT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 80;
        var candidates = Directory.EnumerateFiles(TestPaths.Fixtures, "*", SearchOption.AllDirectories)
            .Where(IsTemplate).Order(StringComparer.Ordinal).ToList();
        if (TestPaths.HasCorpus)
        {
            candidates.AddRange(Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "cfn-nag", "templates"), "*", SearchOption.AllDirectories)
                .Where(IsTemplate).Order(StringComparer.Ordinal).Take(limit));
        }

        var work = Directory.CreateTempSubdirectory("guard-diff-");
        try
        {
            var probe = Path.Combine(TestPaths.Fixtures, "guard", "rules");
            var data = Path.Combine(work.FullName, "data");
            Directory.CreateDirectory(data);
            var used = 0;
            foreach (var (file, i) in candidates.Select((f, i) => (f, i)))
            {
                // Compare rule semantics on data both tools load: cfn-guard aborts a whole run on a file it cannot load,
                // and it accepts some files that are not valid JSON/YAML (e.g. trailing text after a JSON document),
                // which our parser rejects with E0000.
                if (TemplateParser.ParseFile(file, file).Root is null)
                {
                    continue;
                }

                var (code, _, _) = RunGuard("validate", "-r", probe, "-d", file, "-o", "json", "-z", "-S", "none");
                if (code is 0 or 19)
                {
                    File.Copy(file, Path.Combine(data, $"{i:D4}_{Path.GetFileName(file)}"));
                    used++;
                }
            }

            var pairs = 0;
            var differences = new StringBuilder();
            foreach (var rulesDir in new[] { ControlTowerRules, Path.Combine(TestPaths.Fixtures, "guard", "rules") })
            {
                var (code, stdout, stderr) = RunGuard("validate", "-r", rulesDir, "-d", data, "-o", "json", "-z", "-S", "none");
                Assert.True(code is 0 or 19, $"cfn-guard exited {code}: {stderr}");
                var theirs = ReadStatuses(stdout);
                var rules = Directory.EnumerateFiles(rulesDir, "*.guard", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                    .Select(f => GuardParser.Parse(Path.GetFileName(f), File.ReadAllText(f))).ToList();
                foreach (var file in Directory.EnumerateFiles(data).Order(StringComparer.Ordinal))
                {
                    var value = GuardData.FromTree(TemplateParser.ParseFile(file, file));
                    var ours = new HashSet<(string, string)>();
                    foreach (var r in rules)
                    {
                        foreach (var rule in GuardEvaluator.Evaluate(r, value).Rules)
                        {
                            // cfn-guard names a file's implicit rule FILE/default in validate's structured output.
                            ours.Add((rule.Rule.IsImplicit ? r.Path + "/default" : rule.Name, rule.Status.ToString().ToUpperInvariant()));
                        }
                    }

                    var expected = theirs.GetValueOrDefault(Path.GetFileName(file)) ?? [];
                    pairs += expected.Count;
                    if (!ours.SetEquals(expected))
                    {
                        differences.AppendLine($"{Path.GetFileName(file)} x {Path.GetFileName(rulesDir)}: only ours [{string.Join(", ", ours.Except(expected))}], only cfn-guard [{string.Join(", ", expected.Except(ours))}]");
                    }
                }
            }

            output.WriteLine($"{used} of {candidates.Count} templates loaded by cfn-guard; {pairs} (template, rule, status) records compared");
            output.WriteLine(differences.ToString());
            Assert.True(differences.Length == 0, differences.ToString());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static bool IsTemplate(string path) => Path.GetExtension(path) is ".yaml" or ".yml" or ".json" or ".template";

    private static Dictionary<string, HashSet<(string, string)>> ReadStatuses(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = new Dictionary<string, HashSet<(string, string)>>(StringComparer.Ordinal);
        foreach (var file in doc.RootElement.EnumerateArray())
        {
            var set = new HashSet<(string, string)>();
            foreach (var r in file.GetProperty("not_compliant").EnumerateArray())
            {
                set.Add((r.GetProperty("Rule").GetProperty("name").GetString()!, "FAIL"));
            }

            foreach (var r in file.GetProperty("not_applicable").EnumerateArray())
            {
                set.Add((r.GetString()!, "SKIP"));
            }

            foreach (var r in file.GetProperty("compliant").EnumerateArray())
            {
                set.Add((r.GetString()!, "PASS"));
            }

            result[Path.GetFileName(file.GetProperty("name").GetString()!)] = set;
        }

        return result;
    }

    private static (int Code, string Stdout, string Stderr) RunGuard(params string[] args)
    {
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
