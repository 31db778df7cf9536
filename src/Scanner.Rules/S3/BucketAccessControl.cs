using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;

namespace Scanner.Rules.S3;

/// <summary>Reports buckets whose canned ACL (AccessControl) is one given value.</summary>
internal static class BucketAccessControl
{
    public const string BucketType = "AWS::S3::Bucket";

    public static void Check(ResourceContext context, string cannedAcl, RuleDescriptor descriptor)
    {
        if (context.Variants("AccessControl").FirstLiteral(a => a.Trim() == cannedAcl) is { } acl)
        {
            context.Report(descriptor, acl);
        }
    }
}
