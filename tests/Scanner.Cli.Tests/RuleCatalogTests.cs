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
        var ours = BuiltInRules.All.SelectMany(r => r.SupportedDescriptors).ToDictionary(d => d.Id);
        foreach (var (id, level) in catalog)
        {
            if (ours.TryGetValue(id, out var d))
            {
                Assert.True((d.Level == RuleLevel.Failure ? "F" : "W") == level, $"{id} must be level {level}");
            }
        }
    }

    [GeneratedRegex(@"^\|[^|]*\|\s*([FW]\d+)\s*\|\s*([FW])\s*\|", RegexOptions.Multiline)]
    private static partial Regex CatalogRow();
}
