using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;

namespace Scanner.CloudFormation.Analysis;

/// <summary>One suppression written in a template's metadata.</summary>
/// <param name="LogicalId">The resource it applies to; null for template-level metadata (whole file).</param>
public sealed record Suppression(string RuleId, string? Reason, string? LogicalId, string Source);

/// <summary>
/// Reads suppressions from metadata, exactly as the tools users come from write them:
/// <c>cfn_nag: rules_to_suppress: [{id, reason}]</c>, <c>checkov: skip: [{id, comment}]</c>,
/// <c>guard: SuppressedRules: [NAME]</c>, and our own <c>iacscan: suppress: [{id, reason}]</c>. An id may be a rule
/// id or any alias the catalog lists for it (checkov's CKV_AWS_18 suppresses W35 in every block). Problems with the
/// blocks, and ids that match no rule, are findings, never exceptions and never silence.
/// </summary>
public static class SuppressionReader
{
    public static readonly RuleDescriptor MissingReason = RuleDescriptor.Create(
        "E0004", "Suppression without a reason", "Suppression of {0} has no reason; say why the finding is accepted.",
        RuleLevel.Warning, SecuritySeverity.Low, "Template",
        "A rule is suppressed in metadata without a reason. The suppression still applies, but reviewers cannot tell why.",
        kind: RuleKind.TemplateDiagnostic);

    public static readonly RuleDescriptor Malformed = RuleDescriptor.Create(
        "E0005", "Malformed suppression block", "{0}", RuleLevel.Warning, SecuritySeverity.Low, "Template",
        "A suppression block in metadata does not have the expected shape, so it suppresses nothing.",
        kind: RuleKind.TemplateDiagnostic);

    public static readonly RuleDescriptor UnknownRule = RuleDescriptor.Create(
        "E0006", "Suppression names an unknown rule", "{0}", RuleLevel.Warning, SecuritySeverity.Low, "Template",
        "A suppression in metadata names an id that is neither a rule of this run nor an alias of one (a typo, or a check of another tool that has no equivalent here), so it suppresses nothing.",
        kind: RuleKind.TemplateDiagnostic);

    public static IReadOnlyList<RuleDescriptor> Descriptors { get; } = [MissingReason, Malformed, UnknownRule];

    public static List<Suppression> Read(TemplateContext context)
    {
        var result = new List<Suppression>();
        if (context.Template.Metadata is { } templateMetadata)
        {
            ReadBlock(context, templateMetadata, null, result);
        }

        foreach (var resource in context.Template.SourceResources)
        {
            if (resource.Metadata is { } metadata)
            {
                ReadBlock(context, metadata, resource, result);
            }
        }

        // Resources a transform generated (SAM) are suppressed like the resource they come from.
        foreach (var generated in context.Template.Resources.Where(r => r.GeneratedFrom is not null && r.GeneratedFrom.LogicalId != r.LogicalId))
        {
            var sourceId = generated.GeneratedFrom!.LogicalId;
            result.AddRange(result.Where(s => s.LogicalId == sourceId).ToList().Select(s => s with { LogicalId = generated.LogicalId }));
        }

        return result;
    }

    /// <summary>Marks findings covered by a suppression; returns the new list.</summary>
    public static List<Finding> Apply(IEnumerable<Finding> findings, IReadOnlyList<Suppression> suppressions)
    {
        if (suppressions.Count == 0)
        {
            return findings.ToList();
        }

        return findings.Select(f =>
        {
            if (f.Suppressed || !f.Kind.CanBeSuppressed())
            {
                return f;
            }

            var s = suppressions.FirstOrDefault(s => s.RuleId == f.RuleId && (s.LogicalId is null || s.LogicalId == f.LogicalId));
            return s is null ? f : f with { Suppressed = true, SuppressionReason = s.Reason ?? string.Empty, SuppressionSource = s.Source };
        }).ToList();
    }

    private static void ReadBlock(TemplateContext context, MappingNode metadata, Resource? resource, List<Suppression> result)
    {
        if (metadata.Get("cfn_nag") is { } cfnNag)
        {
            ReadIdList(context, cfnNag, "rules_to_suppress", resource, "cfn_nag", result);
        }

        if (metadata.Get("iacscan") is { } ours)
        {
            ReadIdList(context, ours, "suppress", resource, "iacscan", result);
        }

        if (metadata.Get("checkov") is { } checkov)
        {
            ReadIdList(context, checkov, "skip", resource, "checkov", result, reasonKey: "comment");
        }

        if (metadata.Get("guard") is { } guard)
        {
            if (guard is not MappingNode g || g.Get("SuppressedRules") is not { } list)
            {
                context.Report(Malformed, guard, resource, "guard metadata must be a mapping with SuppressedRules: [rule names].");
                return;
            }

            if (list is not SequenceNode seq)
            {
                context.Report(Malformed, list, resource, "guard SuppressedRules must be a list of rule names.");
                return;
            }

            foreach (var item in seq.Items)
            {
                if (item is ScalarNode name && name.Text.Length > 0)
                {
                    // The registry's convention carries no reason field; the rule name itself is the record.
                    Add(context, name, name.Text, "suppressed in guard metadata", resource, "guard", result);
                }
                else
                {
                    context.Report(Malformed, item, resource, "guard SuppressedRules entries must be rule names.");
                }
            }
        }
    }

    private static void ReadIdList(TemplateContext context, SyntaxNode block, string listKey, Resource? resource, string source, List<Suppression> result, string reasonKey = "reason")
    {
        if (block is not MappingNode map || map.Get(listKey) is not { } listNode)
        {
            context.Report(Malformed, block, resource, $"{source} metadata must be a mapping with {listKey}: [{{id, {reasonKey}}}].");
            return;
        }

        if (listNode is not SequenceNode list)
        {
            context.Report(Malformed, listNode, resource, $"{source} {listKey} must be a list of {{id, {reasonKey}}} entries.");
            return;
        }

        foreach (var item in list.Items)
        {
            if (item is not MappingNode entry || entry.Get("id") is not ScalarNode { Text.Length: > 0 } id)
            {
                context.Report(Malformed, item, resource, $"Each {source} {listKey} entry must be a mapping with an id (and a {reasonKey}).");
                continue;
            }

            var reason = (entry.Get(reasonKey) as ScalarNode)?.Text;
            if (string.IsNullOrWhiteSpace(reason))
            {
                context.Report(MissingReason, entry, resource, id.Text);
                reason = null;
            }

            Add(context, id, id.Text, reason, resource, source, result);
        }
    }

    /// <summary>
    /// Adds a suppression of every rule <paramref name="id"/> names (the rule, or the rules it is an alias of), or
    /// reports at <paramref name="node"/> that it names none.
    /// </summary>
    private static void Add(TemplateContext context, SyntaxNode node, string id, string? reason, Resource? resource, string source, List<Suppression> result)
    {
        var known = context.Registry.Known;
        var rules = known.Resolve(id);
        foreach (var rule in rules)
        {
            result.Add(new Suppression(rule.Id, reason, resource?.LogicalId, source));
        }

        if (rules.Count > 0)
        {
            return;
        }

        if (TemplateDiagnostics.All.Concat(Descriptors).FirstOrDefault(d => d.Id == id) is { } diagnostic && !diagnostic.Kind.CanBeSuppressed())
        {
            context.Report(UnknownRule, node, resource, $"{id} is a problem with the template itself; it cannot be suppressed, only fixed.");
        }
        else if (source != "guard" || known.Descriptors.Any(d => d.Kind == RuleKind.Guard))
        {
            // Guard rule names are only known when rule files are loaded (--rules); without them every name is foreign.
            context.Report(UnknownRule, node, resource, $"{source} suppression of '{id}' matches no rule of this run and no alias of one{(known.Nearest(id) is { } near ? $" (did you mean '{near}'?)" : string.Empty)}; it suppresses nothing.");
        }
    }
}
