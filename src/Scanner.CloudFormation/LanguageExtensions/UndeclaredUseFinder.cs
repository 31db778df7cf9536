using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.LanguageExtensions;

/// <summary>
/// In a template that does not declare AWS::LanguageExtensions, finds the syntax only that transform accepts
/// (CloudFormation rejects the template): each use is an E2054 finding, so a loop is never skipped in silence.
/// The syntax is found in the template as written; an intrinsic DeletionPolicy/UpdateReplacePolicy on each resource
/// CloudFormation receives (for SAM, after the transform: SAM copies the attributes to the resources it generates).
/// </summary>
internal static class UndeclaredUseFinder
{
    public static void Report(MappingNode root, IReadOnlyList<string> sections, List<SyntaxDiagnostic> problems)
    {
        foreach (var name in sections)
        {
            if (root.Get(name) is MappingNode section)
            {
                Walk(section, problems, 0);
            }
        }
    }

    private static void Walk(SyntaxNode node, List<SyntaxDiagnostic> problems, int depth)
    {
        if (depth > TemplateParser.MaxDepth)
        {
            return;
        }

        switch (node)
        {
            case MappingNode map:
                foreach (var entry in map.Entries)
                {
                    if (LanguageExtensionsTransform.IsLoopKey(entry.Key.Text))
                    {
                        Add(problems, $"{entry.Key.Text} needs Transform: AWS::LanguageExtensions; without it CloudFormation rejects the template, and what the loop generates is not analysed.", entry.Key);
                        continue;
                    }

                    Walk(entry.Value, problems, depth + 1);
                }

                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                {
                    Walk(item, problems, depth + 1);
                }

                break;
            case IntrinsicNode fn:
                if (fn.Name is "Fn::Length" or "Fn::ToJsonString")
                {
                    Add(problems, $"{fn.Name} needs Transform: AWS::LanguageExtensions; without it CloudFormation rejects the template.", fn);
                }
                else if (fn.Name == "Fn::FindInMap" && fn.Arguments.Count == 4)
                {
                    Add(problems, "Fn::FindInMap with a DefaultValue needs Transform: AWS::LanguageExtensions; without it CloudFormation rejects the template.", fn);
                }

                Walk(fn.Argument, problems, depth + 1);
                break;
        }
    }

    /// <summary>
    /// Each resource CloudFormation receives whose DeletionPolicy or UpdateReplacePolicy is an intrinsic function,
    /// when the template does not declare AWS::LanguageExtensions (with it, the evaluator computes the value). A
    /// resource SAM generates carries what SAM copied from the resource written in the template: reported on each,
    /// as on SAM's own output, and saying where it comes from.
    /// </summary>
    public static void ReportPolicies(TemplateContext context)
    {
        if (LanguageExtensionsTransform.IsDeclared(context.Template.Transforms))
        {
            return;
        }

        foreach (var resource in context.Template.Resources)
        {
            foreach (var attribute in LanguageExtensionsTransform.PolicyAttributes)
            {
                if (resource.Attribute(attribute) is IntrinsicNode fn)
                {
                    var copied = resource.GeneratedFrom is { } source && source.LogicalId != resource.LogicalId
                        ? $" (SAM copies it from '{source.LogicalId}')"
                        : string.Empty;
                    context.Report(TemplateDiagnostics.LanguageExtensionsNotDeclared, fn, resource,
                        $"An intrinsic function in {attribute} of '{resource.LogicalId}'{copied} needs Transform: AWS::LanguageExtensions; without it CloudFormation rejects the template.");
                }
            }
        }
    }

    private static void Add(List<SyntaxDiagnostic> problems, string message, SyntaxNode at) =>
        problems.Add(new SyntaxDiagnostic(TemplateDiagnostics.LanguageExtensionsNotDeclaredId, message, at.Span, at.Path));
}
