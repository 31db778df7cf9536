using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Common;

/// <summary>
/// The cfn-nag "boolean" family: a setting that must be on. Reported when it is absent (at the resource type), or
/// false or AWS::NoValue in some branch (at the property). A value known only at deploy time passes.
/// </summary>
internal static class RequiredFlag
{
    public static void Check(ResourceContext context, string property, RuleDescriptor descriptor)
    {
        var node = context.Property(property);
        if (PropertyValues.MayBeFalse(context, node))
        {
            context.Report(descriptor, PropertyValues.IsAbsent(node) ? context.Resource.TypeNode : node);
        }
    }
}
