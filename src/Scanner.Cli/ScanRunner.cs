using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules;

namespace Scanner.Cli;

/// <summary>
/// The rule settings one group of files is scanned with: the configuration file nearest to them (if any) merged with
/// the command line. Files of one scan can have different settings (a nested <c>.iacscan.yml</c>).
/// </summary>
public sealed record ScanSettings(RuleSelection Selection, RuleArguments Arguments, ScanPolicy Policy)
{
    /// <summary>The configuration file these settings come from, as shown to the user; null without one.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The configuration file's <c>failOn</c>, when it sets one.</summary>
    public string? FailOn { get; init; }

    /// <summary>The directory suppression globs are relative to (the configuration file's); null = the scan's base directory.</summary>
    public string? ConfigDirectory { get; init; }
}

/// <summary>What one scan needs: inputs, rules and configuration.</summary>
public sealed record ScanRequest
{
    /// <summary>Files already discovered; when set, <see cref="Paths"/> and <see cref="Excludes"/> are not used.</summary>
    public IReadOnlyList<InputFile>? Inputs { get; init; }

    /// <summary>What was left out while discovering <see cref="Inputs"/>, reported with the result.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    /// <summary>Per-file settings (e.g. from the nearest configuration file); null or a null result = the request's own.</summary>
    public Func<InputFile, ScanSettings?>? SettingsFor { get; init; }

    public IReadOnlyList<string> Paths { get; init; } = [];

    public IReadOnlyList<string> Excludes { get; init; } = [];

    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    public EvaluationSettings Settings { get; init; } = EvaluationSettings.Default;

    public RuleSelection Selection { get; init; } = RuleSelection.Default;

    public RuleArguments Arguments { get; init; } = RuleArguments.Empty;

    /// <summary>Rules beyond the built-in ones (e.g. Guard rule files).</summary>
    public IReadOnlyList<IRule> ExtraRules { get; init; } = [];

    /// <summary>Problems found while loading extra rules; reported, and they fail the run as configuration errors do.</summary>
    public IReadOnlyList<string> LoadErrors { get; init; } = [];

    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>External suppressions and severity overrides, applied after the rules ran.</summary>
    public ScanPolicy Policy { get; init; } = ScanPolicy.Empty;

    /// <summary>The day suppression expiry is judged against (today, unless a test fixes it).</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);
}

/// <summary>Runs a scan: discovers files, analyses them in parallel, and returns a deterministic result.</summary>
public static class ScanRunner
{
    /// <summary>Every rule this build can run (built-in and host descriptors), for validating profiles and deny lists.</summary>
    public static IReadOnlyList<RuleDescriptor> KnownDescriptors(IEnumerable<IRule>? extra = null) =>
        BuiltInRules.All.Concat(extra ?? []).SelectMany(r => r.SupportedDescriptors)
            .Concat(TemplateAnalyzer.HostDescriptors)
            .DistinctBy(d => d.Id)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();

    public static ScanResult Run(ScanRequest request)
    {
        var discovery = request.Inputs is { } given
            ? new Discovery(given, request.Skipped)
            : FileDiscovery.Discover(request.Paths, request.Excludes, request.BaseDirectory);
        var inputs = discovery.Files;
        var rules = BuiltInRules.All.Concat(request.ExtraRules).ToArray();
        var defaults = new ScanSettings(request.Selection, request.Arguments, request.Policy);
        var settings = inputs.Select(f => request.SettingsFor?.Invoke(f) ?? defaults).ToArray();

        // One registry per distinct settings: most scans have one, a nested configuration file adds one.
        var analyzers = new Dictionary<ScanSettings, (RuleRegistry Registry, TemplateAnalyzer Analyzer)>(ReferenceEqualityComparer.Instance);
        var used = settings.Distinct(ReferenceEqualityComparer.Instance).Cast<ScanSettings>().ToList();
        foreach (var s in used.Count > 0 ? used : [defaults])
        {
            var registry = RuleRegistry.Build(rules, s.Selection, s.Arguments);
            analyzers[s] = (registry, new TemplateAnalyzer(registry, request.Settings, AnalysisComposition.Extensions, AnalysisComposition.Fixes));
        }

        var results = new FileAnalysis[inputs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = request.MaxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, inputs.Count, options, i =>
        {
            var input = inputs[i];
            var analyzer = analyzers[settings[i]].Analyzer;
            results[i] = input.Text is { } text
                ? analyzer.Analyze(TemplateParser.Parse(input.DisplayPath, text), input.DisplayPath)
                : analyzer.AnalyzeFile(input.FullPath, input.DisplayPath, input.Origin);
        });

        var files = new List<FileResult>();
        var skipped = new List<SkippedFile>(discovery.Skipped);
        for (var i = 0; i < inputs.Count; i++)
        {
            var r = results[i];
            if (r.Skipped)
            {
                skipped.Add(new SkippedFile(r.Path, "not a CloudFormation template (no AWSTemplateFormatVersion, no Resources with AWS:: types)"));
                continue;
            }

            var s = settings[i];
            var globPath = s.ConfigDirectory is { } dir ? Path.GetRelativePath(dir, inputs[i].FullPath).Replace('\\', '/') : null;
            files.Add(new FileResult(r.Path, r.Findings.Select(f => s.Policy.Apply(f, request.Today, globPath)).ToArray())
            {
                ResourceIds = r.ResourceIds,
                ParseFailed = r.ParseFailed,
                ConfigFile = s.ConfigFile,
                FailOn = s.FailOn,
            });
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var notTemplates = results.Where(r => r.Skipped).Select(r => r.Path).Order(StringComparer.Ordinal).ToArray();
        var descriptors = analyzers.Values.SelectMany(a => a.Registry.Descriptors)
            .Concat(TemplateAnalyzer.HostDescriptors)
            .DistinctBy(d => d.Id)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
        return new ScanResult(files, descriptors)
        {
            SkippedFiles = notTemplates.Length,
            SkippedPaths = notTemplates,
            Skipped = [.. skipped.OrderBy(x => x.Path, StringComparer.Ordinal)],
            ConfigFiles = [.. settings.Select(x => x.ConfigFile).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Errors = request.LoadErrors,
        };
    }
}

/// <summary>The layers that plug into the one walk (IAM policies, …), in the order they run.</summary>
public static class AnalysisComposition
{
    public static IReadOnlyList<ITemplateWalkExtension> Extensions { get; } = [Scanner.Iam.PolicyWalkExtension.Instance];

    /// <summary>What offers fixes for the findings (<c>iacscan fix</c>, SARIF <c>fixes</c>).</summary>
    public static IFixProvider Fixes => Scanner.Rules.Fixes.PropertyFixProvider.Instance;
}
