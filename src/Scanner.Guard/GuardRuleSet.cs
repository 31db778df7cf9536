using System.Text.RegularExpressions;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Core.Text;

namespace Scanner.Guard;

/// <summary>A rule file parsed once, with where it came from.</summary>
public sealed record LoadedGuardFile(string Path, string DisplayName, GuardRulesFile Rules);

/// <summary>
/// Guard rule files as one engine rule: a descriptor per Guard rule name (the rule id), and a template action that
/// evaluates every file once per template and reports one finding per failing value, at that value's node.
/// </summary>
public sealed partial class GuardRuleSet : IRule
{
    /// <summary>Reported when a rule file cannot be evaluated on a template (cfn-guard aborts the run there).</summary>
    public static readonly RuleDescriptor EvaluationError = RuleDescriptor.Create(
        "GUARD_EVALUATION_ERROR", "Guard rule file could not be evaluated",
        "The Guard rules in {0} could not be evaluated on this template: {1}",
        RuleLevel.Failure, SecuritySeverity.Medium, "Guard",
        "A Guard rule file stopped with an error on this template (an unknown variable, a type block over a template without Resources, a function applied to the wrong type). cfn-guard aborts the whole run in these cases; Scanner reports it and carries on.",
        "Fix the rule file, or make the template shape match what the rule expects.",
        kind: RuleKind.Guard);

    private readonly Dictionary<string, RuleDescriptor> _byName;

    public GuardRuleSet(IReadOnlyList<LoadedGuardFile> files, GuardPackMetadata? metadata = null, GuardOptions? options = null)
    {
        Files = files;
        Options = options ?? GuardOptions.Default;
        metadata ??= GuardPackMetadata.Empty;
        _byName = new Dictionary<string, RuleDescriptor>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var rule in file.Rules.Rules)
            {
                var id = RuleId(file, rule);
                if (!_byName.ContainsKey(id))
                {
                    _byName[id] = Describe(id, file, rule, metadata.Find(rule.Name), metadata);
                }
            }
        }

        SupportedDescriptors = [.. _byName.Values.OrderBy(d => d.Id, StringComparer.Ordinal), EvaluationError];
    }

    public IReadOnlyList<LoadedGuardFile> Files { get; }

    public GuardOptions Options { get; }

    public IReadOnlyList<RuleDescriptor> SupportedDescriptors { get; }

    public void Initialize(RuleRegistrationContext context) => context.RegisterTemplateAction(Evaluate);

    /// <summary>The engine id of a Guard rule: its name; the implicit rule of a file is <c>STEM.default</c>.</summary>
    public static string RuleId(LoadedGuardFile file, GuardRule rule)
    {
        if (rule.Name != "default")
        {
            return rule.Name;
        }

        var stem = InvalidIdChars().Replace(System.IO.Path.GetFileNameWithoutExtension(file.Path), "_");
        return (stem.Length > 0 && char.IsAsciiLetter(stem[0]) ? stem : "guard_" + stem) + ".default";
    }

    private void Evaluate(TemplateContext context)
    {
        // Guard sees the template after AWS::LanguageExtensions (the resources loops generate), as written otherwise.
        var data = GuardData.FromNode(context.Template.ExpandedRoot, GuardDataMode.Validate, context.Tree.Format == SourceFormat.Json);
        foreach (var file in Files)
        {
            GuardFileResult result;
            try
            {
                result = GuardEvaluator.Evaluate(file.Rules, data, Options);
            }
            catch (GuardEvaluationException ex)
            {
                if (context.Registry.IsEnabled(EvaluationError.Id))
                {
                    context.Report(EvaluationError, new TextSpan(0, 0), string.Empty, null, EvaluationError.FormatMessage(file.DisplayName, ex.Message));
                }

                continue;
            }

            foreach (var rule in result.Rules)
            {
                if (rule.Status != GuardStatus.Fail)
                {
                    continue;
                }

                var descriptor = _byName[RuleId(file, rule.Rule)];
                if (!context.Registry.IsEnabled(descriptor.Id))
                {
                    continue;
                }

                var seen = new HashSet<(int, string, string?)>();
                foreach (var failure in rule.Failures)
                {
                    var (span, path, resource) = Locate(context.Template, failure.Value);
                    var message = Sentence(failure.DisplayMessage);
                    // One finding per place and resource: resources a loop generates share their body's text.
                    if (seen.Add((span.Start, message, resource?.LogicalId)))
                    {
                        context.Report(descriptor, span, path, resource, message);
                    }
                }

                if (rule.Failures.Count == 0)
                {
                    context.Report(descriptor, new TextSpan(0, 0), string.Empty, null, descriptor.MessageFormat.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal));
                }
            }
        }
    }

    /// <summary>Where a failing value is: its node; for a whole resource (or a property missing on it), the Type node.</summary>
    private static (TextSpan Span, string Path, Resource? Resource) Locate(Template template, GuardValue? value)
    {
        if (value?.Node is null)
        {
            return (new TextSpan(0, 0), string.Empty, null);
        }

        Resource? resource = null;
        var path = value.Path;
        if (path.StartsWith("/Resources/", StringComparison.Ordinal))
        {
            var end = path.IndexOf('/', "/Resources/".Length);
            var id = (end < 0 ? path["/Resources/".Length..] : path["/Resources/".Length..end]).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            resource = template.Resources.FirstOrDefault(r => r.LogicalId == id);
        }

        if (resource is not null && ReferenceEquals(value.Node, resource.Node))
        {
            return (resource.TypeNode.Span, resource.TypeNode.Path, resource);
        }

        return (value.Node.Span, value.Node.Path, resource);
    }

    private static string Sentence(string message)
    {
        var trimmed = message.Trim();
        return trimmed.Length == 0 || trimmed.EndsWith('.') || trimmed.EndsWith('!') || trimmed.EndsWith('?') ? trimmed : trimmed + ".";
    }

    private static RuleDescriptor Describe(string id, LoadedGuardFile file, GuardRule rule, GuardRuleMetadata? meta, GuardPackMetadata pack)
    {
        var firstMessage = FirstMessage(rule.Body.Conjunctions);
        var title = meta?.Title?.TrimEnd('.') ?? $"Guard rule {rule.Name} failed";
        var message = firstMessage is null ? $"The template does not comply with Guard rule {rule.Name} ({file.DisplayName})." : Sentence(string.Join(' ', firstMessage.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        return RuleDescriptor.Create(
            id,
            string.IsNullOrWhiteSpace(title) ? $"Guard rule {rule.Name} failed" : title,
            message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal),
            meta?.Level ?? pack.DefaultLevel,
            meta?.Severity ?? pack.DefaultSeverity,
            meta?.Category ?? "Guard",
            meta?.Description ?? $"Guard rule {rule.Name} from {file.DisplayName}.",
            meta?.Remediation ?? string.Empty,
            kind: RuleKind.Guard);
    }

    private static string? FirstMessage(IEnumerable<IReadOnlyList<GuardClause>> conjunctions)
    {
        foreach (var clause in conjunctions.SelectMany(c => c))
        {
            var message = clause switch
            {
                AccessClause a => a.Message,
                RuleReference r => r.Message,
                ParameterizedCall p => p.Message,
                TypeBlock t => FirstMessage(t.Body.Conjunctions),
                WhenBlock w => FirstMessage(w.Body.Conjunctions),
                QueryBlock q => FirstMessage(q.Body.Conjunctions),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(message))
            {
                return message;
            }
        }

        return null;
    }

    [GeneratedRegex("[^A-Za-z0-9_.\\-]")]
    private static partial Regex InvalidIdChars();
}
