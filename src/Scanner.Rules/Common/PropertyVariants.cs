using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.Common;

/// <summary>
/// The Properties mappings a resource may be deployed with. Usually one; when the whole Properties block is an
/// Fn::If, every deployable branch. A branch that is AWS::NoValue (or absent Properties) is an empty variant,
/// represented by null.
/// </summary>
public static class PropertyVariants
{
    public static IReadOnlyList<MappingNode?> Of(ResourceContext context) =>
        context.PropertiesVariants().Select(v => v.IsAbsent ? null : v.Node as MappingNode).ToArray();

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
}
