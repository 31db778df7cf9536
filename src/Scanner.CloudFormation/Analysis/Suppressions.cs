using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;

namespace Scanner.CloudFormation.Analysis;

/// <summary>One suppression written in a template's metadata.</summary>
/// <param name="LogicalId">The resource it applies to; null for template-level metadata (whole file).</param>
public sealed record Suppression(string RuleId, string? Reason, string? LogicalId, string Source);

/// <summary>
/// Reads suppressions from metadata, exactly as the tools users come from write them:
/// <c>cfn_nag: rules_to_suppress: [{id, reason}]</c>, <c>guard: SuppressedRules: [NAME]</c>, and our own
/// <c>iacscan: suppress: [{id, reason}]</c>. Problems with the blocks are findings, never exceptions.
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

    public static IReadOnlyList<RuleDescriptor> Descriptors { get; } = [MissingReason, Malformed];

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
                    result.Add(new Suppression(name.Text, "suppressed in guard metadata", resource?.LogicalId, "guard"));
                }
                else
                {
                    context.Report(Malformed, item, resource, "guard SuppressedRules entries must be rule names.");
                }
            }
        }
    }

    private static void ReadIdList(TemplateContext context, SyntaxNode block, string listKey, Resource? resource, string source, List<Suppression> result)
    {
        if (block is not MappingNode map || map.Get(listKey) is not { } listNode)
        {
            context.Report(Malformed, block, resource, $"{source} metadata must be a mapping with {listKey}: [{{id, reason}}].");
            return;
        }

        if (listNode is not SequenceNode list)
        {
            context.Report(Malformed, listNode, resource, $"{source} {listKey} must be a list of {{id, reason}} entries.");
            return;
        }

        foreach (var item in list.Items)
        {
            if (item is not MappingNode entry || entry.Get("id") is not ScalarNode { Text.Length: > 0 } id)
            {
                context.Report(Malformed, item, resource, $"Each {source} {listKey} entry must be a mapping with an id (and a reason).");
                continue;
            }

            var reason = (entry.Get("reason") as ScalarNode)?.Text;
            if (string.IsNullOrWhiteSpace(reason))
            {
                context.Report(MissingReason, entry, resource, id.Text);
                reason = null;
            }

            result.Add(new Suppression(id.Text, reason, resource?.LogicalId, source));
        }
    }
}
