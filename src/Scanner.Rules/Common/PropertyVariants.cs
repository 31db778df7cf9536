using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.Common;

/// <summary>
/// The Properties mappings a resource may be deployed with. Usually one; when the whole Properties block is an
/// Fn::If, the branch its condition selects, or every branch when the condition cannot be decided. A branch that
/// is AWS::NoValue (or absent Properties) is an empty variant, represented by null.
/// </summary>
public static class PropertyVariants
{
    public static IReadOnlyList<MappingNode?> Of(ResourceContext context)
    {
        var result = new List<MappingNode?>();
        Collect(context.Resource.Attribute("Properties"), context, result, 0);
        return result;
    }

    /// <summary>
    /// Judges each deployable variant with <paramref name="check"/> until one reports (it returns true): one
    /// finding per resource is enough, whichever variant shows the problem first.
    /// </summary>
    public static void CheckEach(ResourceContext context, Func<ResourceContext, MappingNode?, bool> check)
    {
        foreach (var properties in Of(context))
        {
            if (check(context, properties))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The node at <paramref name="path"/> in each variant (null where a variant lacks it), so a rule that needs a
    /// setting can tell "missing in some deployable variant" from "set everywhere".
    /// </summary>
    public static IReadOnlyList<SyntaxNode?> Property(ResourceContext context, string path) =>
        Of(context).Select(variant => Resource.Navigate(variant, path)).ToArray();

    private static void Collect(SyntaxNode? node, ResourceContext context, List<MappingNode?> result, int depth)
    {
        if (node is IntrinsicNode { Name: "Fn::If" } choice && depth < 8 && choice.Arguments is [ScalarNode condition, var whenTrue, var whenFalse])
        {
            var decided = context.TemplateContext.Evaluator.EvaluateCondition(condition.Text);
            if (decided != false)
            {
                Collect(whenTrue, context, result, depth + 1);
            }

            if (decided != true)
            {
                Collect(whenFalse, context, result, depth + 1);
            }

            return;
        }

        result.Add(node as MappingNode);
    }
}
