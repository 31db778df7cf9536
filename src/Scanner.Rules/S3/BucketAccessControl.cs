using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.S3;

/// <summary>Reports buckets whose canned ACL (AccessControl) is one given value.</summary>
internal static class BucketAccessControl
{
    public const string BucketType = "AWS::S3::Bucket";

    public static void Check(ResourceContext context, string cannedAcl, RuleDescriptor descriptor)
    {
        var acl = context.Property("AccessControl");
        if (PropertyValues.AnyLiteral(context, acl, a => a.Trim() == cannedAcl))
        {
            context.Report(descriptor, acl);
        }
    }
}
