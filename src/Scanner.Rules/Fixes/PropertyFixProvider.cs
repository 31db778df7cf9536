using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Editing;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Fixes;

/// <summary>
/// Turns the rows of <see cref="FixCatalog"/> into edits for the findings of one template. A fix is offered only for
/// an active finding on a resource written in the template (not one a transform generated), whose Properties and
/// every mapping on the way to the setting are written out (no intrinsic function, anchor or alias), and whose row's
/// conditions certainly hold.
/// </summary>
public sealed class PropertyFixProvider : IFixProvider
{
    public const string RecreateNote =
        "CloudFormation sets this only when it creates the resource: on a stack that already exists, the update replaces the resource with a new, empty one.";

    public static PropertyFixProvider Instance { get; } = new();

    public bool IsFixable(string ruleId) => FixCatalog.IsFixable(ruleId);

    public IReadOnlyList<Finding> AttachFixes(TemplateContext context, IReadOnlyList<Finding> findings)
    {
        TemplateEditor? editor = null;
        Finding[]? result = null;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            if (finding.Suppressed || finding.LogicalId is null || FixCatalog.For(finding.RuleId) is not { } row)
            {
                continue;
            }

            editor ??= new TemplateEditor(context.Tree);
            if (Compute(context.Template, editor, row, finding) is { } fix)
            {
                result ??= [.. findings];
                result[i] = finding with { Fix = fix };
            }
        }

        return result ?? findings;
    }

    private static CodeFix? Compute(Template template, TemplateEditor editor, PropertyFix row, Finding finding)
    {
        if (template.GetResource(finding.LogicalId!) is not { IsGenerated: false } resource
            || resource.Path != SyntaxNode.Combine("Resources", resource.LogicalId))
        {
            return null;
        }

        var propertiesPath = SyntaxNode.Combine(resource.Path, "Properties");
        var properties = resource.Attribute("Properties");
        if (properties is not null and not MappingNode || (properties is not null && properties.Path != propertiesPath))
        {
            return null;
        }

        var written = properties as MappingNode;
        if (!row.Conditions.All(c => Holds(c, written)))
        {
            return null;
        }

        MappingNode container;
        IReadOnlyList<string> keys = row.Keys;
        if (row.Scopes.Count == 0)
        {
            container = written ?? resource.Node;
            keys = written is null ? ["Properties", .. row.Keys] : row.Keys;
        }
        else if (written is null
                 || row.Scopes.Select(s => Bind(s, propertiesPath, finding.Path)).FirstOrDefault(b => b is not null) is not { } scope
                 || Navigate(written, scope) is not MappingNode scoped)
        {
            return null;
        }
        else
        {
            container = scoped;
        }

        if (row.InsertOnly && Resource.Navigate(container, string.Join('.', keys)) is not null)
        {
            return null;
        }

        if (editor.SetValue(container, keys, row.Value) is not { Count: > 0 } edits)
        {
            return null;
        }

        var description = row.RecreatesResource ? row.Description + " " + RecreateNote : row.Description;
        return new CodeFix(description, edits) { RecreatesResource = row.RecreatesResource };
    }

    /// <summary>
    /// The keys and indexes of <paramref name="scope"/> as the finding's path spells them, when the finding lies in
    /// that part of the Properties (<c>*</c> takes the finding's own index); null when it does not.
    /// </summary>
    private static string[]? Bind(string scope, string propertiesPath, string findingPath)
    {
        if (!findingPath.StartsWith(propertiesPath + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var pattern = scope.Split('.');
        var actual = findingPath[(propertiesPath.Length + 1)..].Split('/');
        if (actual.Length < pattern.Length)
        {
            return null;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != "*" && pattern[i] != actual[i])
            {
                return null;
            }
        }

        return actual[..pattern.Length];
    }

    /// <summary>Follows written mappings and lists only; an intrinsic function, alias or missing step gives null.</summary>
    private static SyntaxNode? Navigate(SyntaxNode start, IEnumerable<string> steps)
    {
        SyntaxNode? current = start;
        foreach (var step in steps)
        {
            var next = current switch
            {
                MappingNode m => m.Get(step),
                SequenceNode s when int.TryParse(step, out var i) && i >= 0 && i < s.Count => s[i],
                _ => null,
            };
            if (next is null || next.Path != SyntaxNode.Combine(current!.Path, step))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Whether a condition certainly holds: a step through anything but a written mapping makes it unknown.</summary>
    private static bool Holds(FixCondition condition, MappingNode? properties)
    {
        SyntaxNode? node = properties;
        foreach (var key in condition.DottedPath.Split('.'))
        {
            if (node is null)
            {
                break;
            }

            if (node is not MappingNode map)
            {
                return false;
            }

            node = map.Get(key);
        }

        return condition.Holds(node);
    }
}
