using Scanner.Tests;

namespace Scanner.Cli.Tests;

/// <summary>rules/docs/ID.md: one page per rule, generated from its descriptor and its fixtures, and <c>iacscan explain</c>.</summary>
public sealed class RuleDocsTests : CliHarness
{
    private static string DocsDirectory => Path.Combine(TestPaths.RepoRoot, "rules", "docs");

    /// <summary>Each rule's page, with a fixture that fires it and one that does not (fires.yaml and passes.yaml first).</summary>
    private static Dictionary<string, string> ExpectedPages()
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in ScanRunner.KnownDescriptors())
        {
            var dir = Path.Combine(TestPaths.Fixtures, "rules", d.Id);
            var fixtures = Directory.Exists(dir)
                ? Directory.EnumerateFiles(dir)
                    .Where(f => FileDiscovery.TemplateExtensions.Contains(Path.GetExtension(f)))
                    .OrderBy(f => Path.GetFileNameWithoutExtension(f) is "fires" or "passes" ? 0 : 1)
                    .ThenBy(f => f, StringComparer.Ordinal)
                    .ToList()
                : [];
            RuleDocs.Example? Example(bool fires) => fixtures
                .Select(f => (File: f, Lines: FixtureExpectations.Read(f).Where(e => e.RuleId == d.Id).Select(e => e.Line).Distinct().Order().ToList()))
                .Where(f => f.Lines.Count > 0 == fires)
                .Select(f => new RuleDocs.Example(Path.GetRelativePath(TestPaths.RepoRoot, f.File).Replace('\\', '/'), File.ReadAllText(f.File), f.Lines))
                .FirstOrDefault();
            pages[d.Id + ".md"] = RuleDocs.Page(d, Example(fires: true), Example(fires: false));
        }

        return pages;
    }

    [Fact]
    public void Rule_docs_are_generated_from_the_descriptors_and_fixtures()
    {
        var expected = ExpectedPages();
        if (Environment.GetEnvironmentVariable("UPDATE_CATALOG") == "1")
        {
            Directory.CreateDirectory(DocsDirectory);
            foreach (var stale in Directory.EnumerateFiles(DocsDirectory, "*.md").Where(f => !expected.ContainsKey(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }

            foreach (var (name, text) in expected)
            {
                File.WriteAllText(Path.Combine(DocsDirectory, name), text);
            }
        }

        var actual = Directory.Exists(DocsDirectory)
            ? Directory.EnumerateFiles(DocsDirectory, "*.md").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal)
            : [];
        var stalePages = expected.Where(p => !actual.TryGetValue(p.Key, out var text) || text != p.Value).Select(p => p.Key)
            .Concat(actual.Keys.Where(k => !expected.ContainsKey(k)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(
            stalePages.Count == 0,
            $"rules/docs is stale ({string.Join(", ", stalePages.Take(10))}). Regenerate it with: UPDATE_CATALOG=1 dotnet test tests/Scanner.Cli.Tests --filter \"RuleCatalogTests|RuleDocsTests\"");

        // Every rule with fixtures shows a failing and a passing example.
        Assert.Contains("## Failing example", expected["W35.md"], StringComparison.Ordinal);
        Assert.Contains("## Passing example", expected["W35.md"], StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_prints_the_rule_page_built_into_the_tool()
    {
        var (exit, stdout, stderr) = Run("explain", "W35");
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(DocsDirectory, "W35.md")), stdout);
        Assert.StartsWith("# W35: ", stdout, StringComparison.Ordinal);
        foreach (var section in new[] { "## What it checks and why it matters", "## Failing example", "the rule reports line", "## Passing example", "## Suppressing it", "## Aliases" })
        {
            Assert.Contains(section, stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("# expect:", stdout, StringComparison.Ordinal);

        // A YAML example marks the lines the rule reports.
        Assert.Contains("  # ← W31", Run("explain", "W31").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_finds_a_rule_by_an_alias_and_in_any_case()
    {
        var page = Run("explain", "W35").Out;
        var alias = File.ReadAllLines(Path.Combine(DocsDirectory, "W35.md")).First(l => l.StartsWith("- checkov: `", StringComparison.Ordinal)).Split('`')[1];
        Assert.Equal(page, Run("explain", alias).Out);
        Assert.Equal(page, Run("explain", "w35").Out);
    }

    [Fact]
    public void Explain_of_an_unknown_id_is_a_usage_error_naming_the_nearest()
    {
        var (exit, stdout, stderr) = Run("explain", "W355");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("unknown rule id 'W355' (did you mean 'W35", stderr, StringComparison.Ordinal);
    }
}
