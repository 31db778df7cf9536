using Scanner.Core.Diagnostics;
using Scanner.Tests;

namespace Scanner.Cli.Tests;

/// <summary>
/// Runs every template under fixtures/rules/ and compares findings with the expectations written next to them.
/// A fixture in fixtures/rules/ID/ is checked for rule ID, for every rule it names in an expectation, and for the
/// E-series; other rules may fire on it without failing the test (so a fixture stays focused on its rule). A fixture
/// with a <c>NAME.parameters</c> sidecar is scanned with those parameter values (the --parameter-values format).
/// </summary>
public sealed class FixtureTests
{
    /// <summary>Every rule fixture, relative to the repository root.</summary>
    public static IReadOnlyList<string> FixturePaths() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "rules"), "*", SearchOption.AllDirectories)
            .Where(f => FileDiscovery.TemplateExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(TestPaths.RepoRoot, f).Replace('\\', '/'))
            .ToArray();

    public static TheoryData<string> Fixtures() => new(FixturePaths());

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_produces_exactly_the_expected_findings(string fixture)
    {
        var full = Path.Combine(TestPaths.RepoRoot, fixture);
        var expected = FixtureExpectations.Read(full);
        var ruleDir = Path.GetFileName(Path.GetDirectoryName(full)!);
        var checkedRules = expected.Select(e => e.RuleId).Append(ruleDir).ToHashSet(StringComparer.Ordinal);

        var parameters = full + ".parameters";
        var result = FixtureRunner.Scan(full, File.Exists(parameters) ? parameters : null);
        var actual = result.AllFindings
            .Where(f => !f.Suppressed && (checkedRules.Contains(f.RuleId) || f.Kind == RuleKind.TemplateDiagnostic))
            .Select(f => (f.Span.StartLine, f.RuleId))
            .Order()
            .ToList();

        var expectedSorted = expected.Order().ToList();
        Assert.True(
            expectedSorted.SequenceEqual(actual),
            $"{fixture}\nexpected: {string.Join(", ", expectedSorted.Select(e => $"{e.Line}:{e.RuleId}"))}\nactual:   {string.Join(", ", actual.Select(a => $"{a.StartLine}:{a.RuleId}"))}\n"
            + string.Join("\n", result.AllFindings.Select(f => $"  {f.Span.StartLine}:{f.Span.StartColumn} {f.RuleId} {f.Message}")));
    }

    [Fact]
    public void Every_fixture_directory_has_a_firing_and_a_passing_fixture()
    {
        var root = Path.Combine(TestPaths.Fixtures, "rules");
        var problems = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            var id = Path.GetFileName(dir);
            var files = Directory.EnumerateFiles(dir).Where(f => FileDiscovery.TemplateExtensions.Contains(Path.GetExtension(f))).ToList();
            var fires = files.Any(f => FixtureExpectations.Read(f).Any(e => e.RuleId == id));
            var passes = files.Any(f => FixtureExpectations.Read(f).All(e => e.RuleId != id));
            if (!fires || !passes)
            {
                problems.Add($"{id}: {(fires ? string.Empty : "no fixture fires it ")}{(passes ? string.Empty : "no fixture where it does not fire")}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

/// <summary>Scans one fixture with every rule enabled (including the ones off by default).</summary>
internal static class FixtureRunner
{
    public static Scanner.Core.Engine.ScanResult Scan(string path, string? parameterValues = null)
    {
        var all = ScanRunner.KnownDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var settings = parameterValues is null
            ? Scanner.CloudFormation.Evaluation.EvaluationSettings.Default
            : ConfigurationFiles.LoadParameterValues(parameterValues, Scanner.CloudFormation.Evaluation.EvaluationSettings.Default);
        return ScanRunner.Run(new ScanRequest
        {
            Paths = [path],
            Settings = settings,
            BaseDirectory = TestPaths.RepoRoot,
            Selection = new Scanner.Core.Configuration.RuleSelection(all, null),
            MaxDegreeOfParallelism = 1,
        });
    }
}
