using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules;

namespace Scanner.Cli;

/// <summary>What one scan needs: inputs, rules and configuration.</summary>
public sealed record ScanRequest
{
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
        var inputs = FileDiscovery.Resolve(request.Paths, request.Excludes, request.BaseDirectory);
        var rules = BuiltInRules.All.Concat(request.ExtraRules).ToArray();
        var registry = RuleRegistry.Build(rules, request.Selection, request.Arguments);
        var analyzer = new TemplateAnalyzer(registry, request.Settings, AnalysisComposition.Extensions);

        var results = new FileAnalysis[inputs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = request.MaxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, inputs.Count, options, i =>
        {
            var input = inputs[i];
            results[i] = analyzer.AnalyzeFile(input.FullPath, input.DisplayPath, input.Origin);
        });

        var analysed = results.Where(r => !r.Skipped).OrderBy(r => r.Path, StringComparer.Ordinal).ToArray();
        var skipped = results.Where(r => r.Skipped).Select(r => r.Path).Order(StringComparer.Ordinal).ToArray();
        var files = analysed.Select(r => new FileResult(r.Path, r.Findings) { ResourceIds = r.ResourceIds, ParseFailed = r.ParseFailed }).ToArray();
        var descriptors = registry.Descriptors.Concat(TemplateAnalyzer.HostDescriptors).DistinctBy(d => d.Id).OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        return new ScanResult(files, descriptors)
        {
            SkippedFiles = skipped.Length,
            SkippedPaths = skipped,
            Errors = request.LoadErrors,
        };
    }
}

/// <summary>The layers that plug into the one walk (IAM policies, …), in the order they run.</summary>
public static class AnalysisComposition
{
    public static IReadOnlyList<ITemplateWalkExtension> Extensions { get; } = [Scanner.Iam.PolicyWalkExtension.Instance];
}
