using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.S3;

/// <summary>W31: a bucket whose canned ACL lets anyone read it.</summary>
public sealed class BucketPublicReadAcl : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W31",
        "S3 bucket ACL allows public read",
        "S3 bucket uses the canned ACL PublicRead: anyone on the internet can list and read its objects.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "S3",
        "PublicRead grants the AllUsers group read access. It is occasionally intended (public static content) but is a frequent cause of data leaks; CloudFront with origin access control serves public content without it.",
        "Remove AccessControl (or use Private); serve public content through CloudFront with origin access control, and suppress with a reason where public read is intended.",
        aliases: [new RuleAlias("cfn-guard", "S3_BUCKET_PUBLIC_READ_ACL")],
        resourceTypes: [BucketAccessControl.BucketType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(c => BucketAccessControl.Check(c, "PublicRead", Rule), BucketAccessControl.BucketType);
}
