using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Common;

/// <summary>
/// The cfn-nag "boolean" family: a setting that must be on. Reported when it is absent (at the resource type), or
/// false or AWS::NoValue in some deployable variant (at the property). A value known only at deploy time passes.
/// </summary>
internal static class RequiredFlag
{
    public static void Check(ResourceContext context, string property, RuleDescriptor descriptor)
    {
        if (context.Variants(property).FirstNotTrue() is { } variant)
        {
            context.Report(descriptor, variant);
        }
    }
}
