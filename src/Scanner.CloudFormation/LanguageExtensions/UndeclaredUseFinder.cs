using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.LanguageExtensions;

/// <summary>
/// In a template that does not declare AWS::LanguageExtensions, finds the syntax only that transform accepts
/// (CloudFormation rejects the template): each use is an E2054 finding, so a loop is never skipped in silence.
/// </summary>
internal static class UndeclaredUseFinder
{
    public static void Report(MappingNode root, IReadOnlyList<string> sections, List<SyntaxDiagnostic> problems)
    {
        foreach (var name in sections)
        {
            if (root.Get(name) is MappingNode section)
            {
                Walk(section, name == "Resources", problems, 0);
            }
        }
    }

    private static void Walk(SyntaxNode node, bool resources, List<SyntaxDiagnostic> problems, int depth)
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

                    if (resources && entry.Value is MappingNode resource)
                    {
                        CheckPolicies(resource, problems);
                    }

                    Walk(entry.Value, false, problems, depth + 1);
                }

                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                {
                    Walk(item, false, problems, depth + 1);
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

                Walk(fn.Argument, false, problems, depth + 1);
                break;
        }
    }

    private static void CheckPolicies(MappingNode resource, List<SyntaxDiagnostic> problems)
    {
        foreach (var attribute in new[] { "DeletionPolicy", "UpdateReplacePolicy" })
        {
            if (resource.Get(attribute) is IntrinsicNode fn)
            {
                Add(problems, $"An intrinsic function in {attribute} needs Transform: AWS::LanguageExtensions; without it CloudFormation rejects the template.", fn);
            }
        }
    }

    private static void Add(List<SyntaxDiagnostic> problems, string message, SyntaxNode at) =>
        problems.Add(new SyntaxDiagnostic(TemplateDiagnostics.LanguageExtensionsNotDeclaredId, message, at.Span, at.Path));
}
