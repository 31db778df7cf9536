using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.S3;

/// <summary>F14: a bucket whose canned ACL lets anyone read and write it.</summary>
public sealed class BucketPublicReadWriteAcl : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F14",
        "S3 bucket ACL allows public read and write",
        "S3 bucket uses the canned ACL PublicReadWrite: anyone on the internet can list, read and write its objects.",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "S3",
        "PublicReadWrite grants the AllUsers group read and write. Anyone can exfiltrate the data, plant malware or fill the bucket at the owner's expense; critical because no legitimate use needs anonymous write.",
        "Remove AccessControl (or use Private), enable PublicAccessBlockConfiguration, and grant access through bucket policies to specific principals.",
        aliases: [new RuleAlias("cfn-guard", "S3_BUCKET_NO_PUBLIC_RW_ACL")],
        resourceTypes: [BucketAccessControl.BucketType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(c => BucketAccessControl.Check(c, "PublicReadWrite", Rule), BucketAccessControl.BucketType);
}
