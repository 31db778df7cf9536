using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scanner.CloudFormation;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Engine;
using Scanner.Rules;
using Scanner.Tests;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests;

/// <summary>A fact that needs AWS's SAM translator (python3 with aws-sam-translator); skipped, with the reason, where it is absent.</summary>
public sealed class SamTranslatorFactAttribute : FactAttribute
{
    public SamTranslatorFactAttribute()
    {
        if (SamTranslator.Version is null)
        {
            Skip = "AWS's SAM translator is not installed (python3 -m pip install aws-sam-translator; cfn-lint brings it too): the differential test against it is skipped.";
        }
    }
}

/// <summary>Runs tests/tools/sam-translate.py, caching each translation under the temp directory by content hash.</summary>
internal static class SamTranslator
{
    private static readonly Lazy<string?> InstalledVersion = new(Probe);

    public static string? Version => InstalledVersion.Value;

    public static string Script => Path.Combine(TestPaths.RepoRoot, "tests", "tools", "sam-translate.py");

    /// <summary>The translation of each template (null when SAM rejects it), translating only what the cache lacks.</summary>
    public static IReadOnlyDictionary<string, JsonObject?> Translate(IReadOnlyList<string> templates)
    {
        var cache = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iacscan-sam-differential", Version!)).FullName;
        var script = File.ReadAllBytes(Script);
        var outputs = templates.ToDictionary(t => t, t => Path.Combine(cache, Key(script, File.ReadAllBytes(t)) + ".json"), StringComparer.Ordinal);
        var jobs = outputs.Where(o => !File.Exists(o.Value)).DistinctBy(o => o.Value).Select(o => new JsonObject { ["input"] = o.Key, ["output"] = o.Value + ".tmp" }).ToList();
        if (jobs.Count > 0)
        {
            var jobsFile = Path.Combine(cache, $"jobs-{Environment.ProcessId}.json");
            File.WriteAllText(jobsFile, new JsonArray([.. jobs]).ToJsonString());
            var (code, _, stderr) = Run(Script, jobsFile);
            File.Delete(jobsFile);
            Assert.True(code == 0, $"sam-translate.py exited {code}: {stderr}");
            foreach (var job in jobs)
            {
                var done = job["output"]!.GetValue<string>();
                File.Move(done, done[..^4], overwrite: true);
            }
        }

        return outputs.ToDictionary(
            o => o.Key,
            o => JsonNode.Parse(File.ReadAllText(o.Value)) is JsonObject t && !t.ContainsKey("errorMessage") ? t : null,
            StringComparer.Ordinal);
    }

    private static string Key(byte[] script, byte[] template) =>
        Convert.ToHexString(SHA256.HashData([.. script, 0, .. template]))[..32].ToLowerInvariant();

    private static string? Probe()
    {
        try
        {
            var (code, stdout, _) = Run("-c", "import samtranslator; print(samtranslator.__version__)");
            return code == 0 && stdout.Trim() is { Length: > 0 } v ? v : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no python3
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // Never reach AWS: no credentials or profile, a fixed region, no instance metadata.
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_ACCESS_KEY_ID");
        start.Environment.Remove("AWS_SECRET_ACCESS_KEY");
        start.Environment.Remove("AWS_SESSION_TOKEN");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>
/// Findings on a SAM template must equal the findings on what SAM's own translator makes of it: the rules see what
/// SAM deploys. Compared per template as the multiset of (rule id, logical id) — positions differ by design (ours
/// point into the SAM definition) and content hashes in logical ids are ignored. Over the translator's test inputs
/// (each taken as SAM, as the translator takes it) and the SAM fixtures.
/// </summary>
public sealed partial class SamDifferentialTests(ITestOutputHelper output)
{
    /// <summary>A ratchet: the share of templates whose findings equal those on SAM's translation only goes up.</summary>
    private const double MinimumAgreementPercent = 100;

    /// <summary>
    /// Findings that exist only in the template as written: YAML's (the translation is JSON), and a Serverless
    /// Application Repository lookup that the translation has already made (E3005).
    /// </summary>
    private static readonly HashSet<string> SourceOnly = [TemplateDiagnostics.BlockScalarBlankLineId, SamDiagnostics.RepositoryApplicationId];

    [SamTranslatorFact]
    public void Findings_on_sam_templates_equal_findings_on_the_sam_translators_output()
    {
        var templates = Inputs().ToList();
        var translations = SamTranslator.Translate(templates);
        var registry = RuleRegistry.Build(BuiltInRules.All);
        var analyzer = new TemplateAnalyzer(registry, null, AnalysisComposition.Extensions);
        int compared = 0, equal = 0;
        var differences = new List<string>();
        foreach (var template in templates)
        {
            if (translations[template] is not { } translation)
            {
                continue; // SAM rejects it: the error inputs are judged by SamErrorTests
            }

            compared++;
            var name = Path.GetRelativePath(TestPaths.Shared, template);
            var tree = TemplateParser.ParseFile(template, name);
            var ours = Findings(analyzer.Analyze(tree, name, forceSam: true));
            if (DeclaresLanguageExtensions(tree))
            {
                // CloudFormation applies AWS::LanguageExtensions before SAM; SAM's translator alone does not, and drops
                // the Transform line: its output still holds the language-extension syntax, under the transform.
                translation["Transform"] = "AWS::LanguageExtensions";
            }

            var theirs = Findings(analyzer.Analyze(TemplateParser.Parse(name + ".json", translation.ToJsonString()), name));
            if (ours.SequenceEqual(theirs))
            {
                equal++;
                continue;
            }

            var missing = theirs.ToList();
            var extra = new List<string>();
            foreach (var f in ours)
            {
                if (!missing.Remove(f))
                {
                    extra.Add(f);
                }
            }

            differences.Add($"{name}: missing [{string.Join(", ", missing)}] extra [{string.Join(", ", extra)}]");
        }

        var rate = 100.0 * equal / Math.Max(1, compared);
        output.WriteLine($"SAM translator {SamTranslator.Version}: findings equal on {equal} of {compared} templates ({rate:F1}%).");
        foreach (var d in differences)
        {
            output.WriteLine(d);
        }

        Assert.True(compared >= (TestPaths.HasCorpus ? 500 : 1), $"only {compared} templates compared");
        Assert.True(rate >= MinimumAgreementPercent, $"findings differ from SAM's translation on {compared - equal} of {compared} templates ({rate:F1}% equal, minimum {MinimumAgreementPercent}%):\n{string.Join("\n", differences.Take(20))}");
    }

    /// <summary>The translator's non-error test inputs and every fixture that uses the SAM transform.</summary>
    private static IEnumerable<string> Inputs()
    {
        if (TestPaths.HasCorpus)
        {
            foreach (var input in Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "sam-translator", "input"), "*.yaml").Order(StringComparer.Ordinal))
            {
                if (!Path.GetFileName(input).StartsWith("error_", StringComparison.Ordinal))
                {
                    yield return input;
                }
            }
        }

        foreach (var fixture in Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "rules"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (File.ReadAllText(fixture).Contains("AWS::Serverless-2016-10-31", StringComparison.Ordinal))
            {
                yield return fixture;
            }
        }
    }

    private static bool DeclaresLanguageExtensions(SyntaxTree tree) =>
        (tree.Root as MappingNode)?.Get("Transform") switch
        {
            ScalarNode s => s.Text == "AWS::LanguageExtensions",
            SequenceNode seq => seq.Items.Any(t => t is ScalarNode { Text: "AWS::LanguageExtensions" }),
            _ => false,
        };

    /// <summary>
    /// Rule and resource of each finding, a problem counted once per resource and message: where SAM copies one
    /// source value into two places of a generated resource, the translation has it twice, while the scan of the
    /// source reports it once at the place it is written.
    /// </summary>
    private static List<string> Findings(FileAnalysis analysis) =>
        analysis.Findings
            .Where(f => !SourceOnly.Contains(f.RuleId))
            .DistinctBy(f => (f.RuleId, f.LogicalId, f.Message))
            .Select(f => $"{f.RuleId}@{HashSuffix().Replace(f.LogicalId ?? "-", string.Empty)}")
            .Order(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex("[0-9a-f]{10}$")]
    private static partial Regex HashSuffix();
}
