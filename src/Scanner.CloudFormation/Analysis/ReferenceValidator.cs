using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Analysis;

/// <summary>
/// Reports references to things the template does not declare (E1001–E1004) and Fn::Sub strings CloudFormation
/// cannot parse (E2001). Runs once per template over the
/// syntax tree; an undeclared name never stops other rules (the evaluator treats it as unknown).
/// </summary>
internal static class ReferenceValidator
{
    public static void Validate(TemplateContext context)
    {
        var template = context.Template;

        // The resources CloudFormation receives: for SAM, after the transform (references SAM rewrites are resolved,
        // and what SAM copies to several generated resources is reported on each, as on SAM's own output).
        foreach (var resource in template.Resources)
        {
            if (resource.Condition is { } condition && !template.Conditions.ContainsKey(condition))
            {
                context.Report(TemplateDiagnostics.UndefinedCondition, resource.Node.Get("Condition"), resource,
                    $"Resource '{resource.LogicalId}' uses condition '{condition}', which is not declared.");
            }

            foreach (var dependency in resource.DependsOn)
            {
                if (template.ResolveReference(dependency) is null && !IsSamGeneratedName(template, dependency))
                {
                    context.Report(TemplateDiagnostics.UndefinedReference, resource.Node.Get("DependsOn"), resource,
                        $"DependsOn names '{dependency}', which is not a resource of this template.");
                }
            }

            Walk(context, resource.Node, resource, new HashSet<string>(StringComparer.Ordinal), 0);
        }

        foreach (var output in template.Outputs.Values)
        {
            Walk(context, output.Node, null, new HashSet<string>(StringComparer.Ordinal), 0);
        }

        foreach (var condition in template.Conditions.Values)
        {
            Walk(context, condition, null, new HashSet<string>(StringComparer.Ordinal), 0);
        }
    }

    private static void Walk(TemplateContext context, SyntaxNode node, Resource? resource, HashSet<string> subVariables, int depth)
    {
        if (depth > TemplateParser.MaxDepth)
        {
            return;
        }

        switch (node)
        {
            case MappingNode map:
                foreach (var e in map.Entries)
                {
                    Walk(context, e.Value, resource, subVariables, depth + 1);
                }

                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                {
                    Walk(context, item, resource, subVariables, depth + 1);
                }

                break;
            case IntrinsicNode fn:
                CheckIntrinsic(context, fn, resource, subVariables);
                Walk(context, fn.Argument, resource, subVariables, depth + 1);
                break;
        }
    }

    private static void CheckIntrinsic(TemplateContext context, IntrinsicNode fn, Resource? resource, HashSet<string> subVariables)
    {
        var template = context.Template;
        switch (fn.Name)
        {
            case "Ref" when fn.Argument is ScalarNode name:
                if (!IsDeclared(template, name.Text))
                {
                    context.Report(TemplateDiagnostics.UndefinedReference, name, resource,
                        $"Ref to '{name.Text}', which is neither a parameter, a resource nor a pseudo parameter.");
                }

                break;
            case "Fn::GetAtt" when fn.Arguments.Count >= 1 && fn.Arguments[0] is ScalarNode target:
                if (template.ResolveReference(target.Text) is null && !IsSamGeneratedName(template, target.Text))
                {
                    context.Report(TemplateDiagnostics.UndefinedGetAtt, target, resource,
                        $"Fn::GetAtt of '{target.Text}', which is not a resource of this template.");
                }

                break;
            case "Fn::Sub":
                CheckSub(context, fn, resource);
                break;
            case "Fn::If" when fn.Arguments.Count >= 1 && fn.Arguments[0] is ScalarNode cond:
                CheckCondition(context, cond, resource);
                break;
            case "Condition" when fn.Argument is ScalarNode cond:
                CheckCondition(context, cond, resource);
                break;
            case "Fn::FindInMap" when fn.Arguments.Count >= 1 && fn.Arguments[0] is ScalarNode map:
                if (!template.Mappings.ContainsKey(map.Text))
                {
                    context.Report(TemplateDiagnostics.UndefinedMapping, map, resource,
                        $"Fn::FindInMap uses mapping '{map.Text}', which is not declared in Mappings.");
                }

                break;
        }
    }

    private static void CheckSub(TemplateContext context, IntrinsicNode fn, Resource? resource)
    {
        ScalarNode? text = fn.Argument as ScalarNode;
        MappingNode? variables = null;
        if (fn.Argument is SequenceNode { Count: >= 1 } seq)
        {
            text = seq[0] as ScalarNode;
            variables = seq.Count > 1 ? seq[1] as MappingNode : null;
        }

        if (text is null)
        {
            return;
        }

        if (SubTemplate.UnclosedAt(text.Text) is >= 0 and var unclosed)
        {
            var at = ScalarText.SpanOf(context.Source, text, unclosed, 2);
            context.Report(TemplateDiagnostics.UnclosedSubstitution, at, text.Path, resource,
                "The Fn::Sub string has a '${' that no '}' closes; CloudFormation rejects the template (write '${!' for a literal '${').");
        }

        foreach (var part in SubTemplate.References(text.Text))
        {
            if (variables?.ContainsKey(part.Text) == true)
            {
                continue;
            }

            var name = part.Text;
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal))
            {
                name = name[..dot];
                if (context.Template.ResolveReference(name) is null && context.Template.ResolveReference(part.Text) is null && !IsSamGeneratedName(context.Template, name))
                {
                    context.Report(TemplateDiagnostics.UndefinedGetAtt, text, resource,
                        $"Fn::Sub references '${{{part.Text}}}', but '{name}' is not a resource of this template.");
                }

                continue;
            }

            if (!IsDeclared(context.Template, name))
            {
                context.Report(TemplateDiagnostics.UndefinedReference, text, resource,
                    $"Fn::Sub references '${{{part.Text}}}', which is neither a parameter, a resource, a pseudo parameter nor a Sub variable.");
            }
        }

    }

    private static void CheckCondition(TemplateContext context, ScalarNode condition, Resource? resource)
    {
        if (!context.Template.Conditions.ContainsKey(condition.Text))
        {
            context.Report(TemplateDiagnostics.UndefinedCondition, condition, resource,
                $"Condition '{condition.Text}' is not declared in the Conditions section.");
        }
    }

    private static bool IsDeclared(Template template, string name) =>
        template.Parameters.ContainsKey(name)
        || template.ResolveReference(name) is not null
        || TemplateEvaluator.PseudoParameters.Contains(name)
        || IsSamGeneratedName(template, name);

    /// <summary>
    /// When SAM rejected the template (E30xx), the resources it would generate for the rejected ones are missing;
    /// names that look generated from a SAM resource (MyFunctionRole, ServerlessRestApi…) are not reported again.
    /// </summary>
    private static bool IsSamGeneratedName(Template template, string name) =>
        template.SamTransformFailed
        && (name.StartsWith("ServerlessRestApi", StringComparison.Ordinal)
            || name.StartsWith("ServerlessHttpApi", StringComparison.Ordinal)
            || template.SourceResources.Any(r => r.Type.StartsWith("AWS::Serverless::", StringComparison.Ordinal) && name.StartsWith(r.LogicalId, StringComparison.Ordinal)));
}
