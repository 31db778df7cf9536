using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.CloudFormation.Analysis;

/// <summary>
/// A layer above CloudFormation (IAM policies, …) that dispatches its own targets during the one walk.
/// </summary>
public interface ITemplateWalkExtension
{
    /// <summary>Called once per resource, after the resource actions for it.</summary>
    void VisitResource(TemplateContext context, Resource resource, Action<RegisteredAction, Exception> onError);
}

/// <summary>Where a file came from: named explicitly (always analysed) or found in a directory (only if it is a template).</summary>
public enum FileOrigin
{
    Explicit,
    Discovered,
}

/// <summary>The outcome of analysing one file: findings, or "skipped" when it is not a template.</summary>
public sealed record FileAnalysis(string Path, bool Skipped, IReadOnlyList<Finding> Findings, IReadOnlyList<string> ResourceIds, bool ParseFailed);

/// <summary>
/// The host: parses a file, builds the model, walks it once dispatching to registered rules, applies metadata
/// suppressions, and returns findings in a deterministic order. Thread-safe; analyse files in parallel freely.
/// </summary>
public sealed class TemplateAnalyzer
{
    private readonly RuleRegistry _registry;
    private readonly IReadOnlyList<ITemplateWalkExtension> _extensions;
    private readonly EvaluationSettings _settings;
    private readonly IFixProvider? _fixes;

    public TemplateAnalyzer(RuleRegistry registry, EvaluationSettings? settings = null, IEnumerable<ITemplateWalkExtension>? extensions = null, IFixProvider? fixes = null)
    {
        _registry = registry;
        _settings = settings ?? EvaluationSettings.Default;
        _extensions = extensions?.ToArray() ?? [];
        _fixes = fixes;
    }

    /// <summary>Descriptors of the findings the host itself produces (E-series, suppression problems).</summary>
    public static IReadOnlyList<RuleDescriptor> HostDescriptors { get; } = [.. TemplateDiagnostics.All, .. SuppressionReader.Descriptors];

    public FileAnalysis AnalyzeFile(string fullPath, string displayPath, FileOrigin origin)
    {
        var tree = TemplateParser.ParseFile(fullPath, displayPath);
        if (origin == FileOrigin.Discovered && !IsTemplateCandidate(tree))
        {
            return new FileAnalysis(displayPath, true, [], [], false);
        }

        return Analyze(tree, displayPath);
    }

    public FileAnalysis Analyze(SyntaxTree tree, string displayPath) => Analyze(tree, displayPath, forceSam: false);

    /// <summary>With <paramref name="forceSam"/>, the template goes through the SAM transform even without a Transform line (as SAM's translator takes it).</summary>
    internal FileAnalysis Analyze(SyntaxTree tree, string displayPath, bool forceSam)
    {
        var findings = new List<Finding>();
        foreach (var d in tree.Diagnostics)
        {
            findings.Add(ToFinding(tree, displayPath, d));
        }

        if (tree.Root is null)
        {
            return new FileAnalysis(displayPath, false, findings, [], true);
        }

        var problems = new List<SyntaxDiagnostic>();
        var template = Template.Load(tree, problems, forceSam, _settings);
        findings.AddRange(problems.Select(p => ToFinding(tree, displayPath, p)));
        if (template is null)
        {
            return new FileAnalysis(displayPath, false, Sorted(findings), [], false);
        }

        var context = new TemplateContext(displayPath, template, new TemplateEvaluator(template, _settings), _registry, findings);
        ReferenceValidator.Validate(context);
        LanguageExtensions.UndeclaredUseFinder.ReportPolicies(context);

        void OnError(RegisteredAction action, Exception ex, Resource? resource) =>
            context.Report(TemplateDiagnostics.RuleError, null, resource,
                $"Rule {action.RuleName} failed on {(resource is null ? "the template" : $"resource '{resource.LogicalId}'")}: {ex.GetType().Name}: {ex.Message}");

        // A resource whose Condition cannot hold is never deployed: no rule sees it.
        foreach (var resource in context.Resources)
        {
            var resourceContext = new ResourceContext(context, resource);
            _registry.Dispatch(resource.Type, resourceContext, (a, ex) => OnError(a, ex, resource));
            foreach (var extension in _extensions)
            {
                extension.VisitResource(context, resource, (a, ex) => OnError(a, ex, resource));
            }
        }

        _registry.Dispatch("template", context, (a, ex) => OnError(a, ex, null));

        var suppressions = SuppressionReader.Read(context);
        context.Complete();
        var result = Sorted(OncePerText(SuppressionReader.Apply(findings, suppressions)));
        var offered = _fixes?.AttachFixes(context, result) ?? result;
        return new FileAnalysis(displayPath, false, offered, template.Resources.Select(r => r.LogicalId).ToArray(), false);
    }

    /// <summary>
    /// A file found in a directory is analysed when it is a template, or when it is broken but mentions the
    /// template keywords (so a broken template is reported, while a broken workflow file is merely skipped).
    /// </summary>
    public static bool IsTemplateCandidate(SyntaxTree tree)
    {
        if (tree.Root is not null)
        {
            return Template.LooksLikeTemplate(tree.Root);
        }

        var text = tree.Source.Text;
        return text.Contains("AWSTemplateFormatVersion", StringComparison.Ordinal)
            || (text.Contains("Resources", StringComparison.Ordinal) && text.Contains("AWS::", StringComparison.Ordinal));
    }

    /// <summary>
    /// A problem with the template's text (E-series) written in an Fn::ForEach body is found once per generated
    /// resource: it is reported once, for the text rather than for one of the resources.
    /// </summary>
    private static List<Finding> OncePerText(List<Finding> findings)
    {
        var groups = findings.Where(f => f.Kind == RuleKind.TemplateDiagnostic && f.LogicalId is not null)
            .GroupBy(f => (f.RuleId, f.Span, f.Message, f.Suppressed))
            .Where(g => g.Select(f => f.LogicalId).Distinct().Count() > 1)
            .ToList();
        if (groups.Count == 0)
        {
            return findings;
        }

        var repeated = groups.SelectMany(g => g.Skip(1)).ToHashSet(ReferenceEqualityComparer.Instance);
        var first = groups.ToDictionary(g => (object)g.First(), g => g.First() with { LogicalId = null, ResourceType = null }, ReferenceEqualityComparer.Instance);
        return findings.Where(f => !repeated.Contains(f)).Select(f => first.TryGetValue(f, out var once) ? once : f).ToList();
    }

    private static List<Finding> Sorted(List<Finding> findings)
    {
        findings.Sort(Finding.Order);
        return findings;
    }

    private static Finding ToFinding(SyntaxTree tree, string displayPath, SyntaxDiagnostic d)
    {
        var descriptor = TemplateDiagnostics.Get(d.RuleId);
        return new Finding
        {
            RuleId = d.RuleId,
            Kind = descriptor.Kind,
            Level = descriptor.Level,
            Severity = descriptor.Severity,
            Message = d.Message,
            FilePath = displayPath,
            Span = tree.Source.GetSpan(d.Span),
            Path = d.Path,
        };
    }
}
