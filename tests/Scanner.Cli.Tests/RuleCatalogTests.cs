using System.Text.RegularExpressions;
using Scanner.Core.Diagnostics;
using Scanner.Rules;
using Scanner.Tests;

namespace Scanner.Cli.Tests;

public sealed partial class RuleCatalogTests
{
    private static string CatalogPath => Path.Combine(TestPaths.RepoRoot, "rules", "CATALOG.md");

    [Fact]
    public void Rules_catalog_is_generated_from_the_descriptors()
    {
        var expected = RuleCatalog.Markdown(ScanRunner.KnownDescriptors());
        if (Environment.GetEnvironmentVariable("UPDATE_CATALOG") == "1")
        {
            File.WriteAllText(CatalogPath, expected);
        }

        var actual = File.Exists(CatalogPath) ? File.ReadAllText(CatalogPath) : string.Empty;
        Assert.True(
            expected == actual,
            "rules/CATALOG.md is stale. Regenerate it with: UPDATE_CATALOG=1 dotnet test tests/Scanner.Cli.Tests --filter RuleCatalogTests");
    }

    [Fact]
    public void Rule_ids_are_unique_and_descriptors_are_valid()
    {
        var ids = BuiltInRules.All.SelectMany(r => r.SupportedDescriptors).Select(d => d.Id).ToList();
        var duplicates = ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.All(BuiltInRules.All.SelectMany(r => r.SupportedDescriptors), d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Description));
            Assert.False(d.Title.EndsWith('.'));
        });
    }

    /// <summary>Built-in rules that share an id with cfn-nag must have its level (F = failure, W = warning).</summary>
    [CorpusFact]
    public void Cfn_nag_ids_keep_cfn_nag_levels()
    {
        var reference = File.ReadAllText(Path.Combine(TestPaths.Shared, "reference", "cfn-nag-rules.md"));
        var catalog = CatalogRow().Matches(reference).Select(m => (Id: m.Groups[1].Value, Level: m.Groups[2].Value)).ToList();
        Assert.Equal(166, catalog.Count);
        var ours = BuiltInRules.All.SelectMany(r => r.SupportedDescriptors).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
        var missing = catalog.Where(c => !ours.ContainsKey(c.Id)).Select(c => c.Id).ToList();
        Assert.True(missing.Count == 0, "cfn-nag rules without a Scanner rule: " + string.Join(", ", missing));
        foreach (var (id, level) in catalog)
        {
            Assert.True((ours[id].Level == RuleLevel.Failure ? "F" : "W") == level, $"{id} must be level {level}");
        }

        // The kind says which rules are cfn-nag's (reports and parity rely on it), not the shape of the id.
        Assert.Equal(catalog.Select(c => c.Id).Order(StringComparer.Ordinal), ours.Values.Where(d => d.Kind == RuleKind.CfnNag).Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>Every built-in rule (not the E-series host findings) has a fixture folder; the fixture theory checks its contents.</summary>
    [Fact]
    public void Every_built_in_rule_has_fixtures()
    {
        var folders = Directory.EnumerateDirectories(Path.Combine(TestPaths.Fixtures, "rules")).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var missing = BuiltInRules.All.SelectMany(r => r.SupportedDescriptors).Where(d => d.Kind != RuleKind.TemplateDiagnostic).Select(d => d.Id).Distinct()
            .Where(id => !folders.Contains(id))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, "rules without fixtures/rules/<ID>/: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"^\|[^|]*\|\s*([FW]\d+)\s*\|\s*([FW])\s*\|", RegexOptions.Multiline)]
    private static partial Regex CatalogRow();
}
