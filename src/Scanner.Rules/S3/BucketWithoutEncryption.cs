using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.S3;

/// <summary>W41: a bucket that does not declare its default encryption (BucketEncryption).</summary>
public sealed class BucketWithoutEncryption : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W41",
        "S3 bucket does not declare default encryption",
        "S3 bucket does not set BucketEncryption.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "S3",
        "S3 now encrypts new objects with SSE-S3 by default, but a template that states its encryption (and can choose SSE-KMS with a customer managed key) is auditable and controls who may decrypt.",
        "Set BucketEncryption.ServerSideEncryptionConfiguration, preferably with SSEAlgorithm aws:kms and a customer managed KMSMasterKeyID.",
        aliases: [new RuleAlias("cfn-guard", "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED")],
        resourceTypes: [BucketAccessControl.BucketType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, BucketAccessControl.BucketType);

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("BucketEncryption").FirstAbsent() is { } missing)
        {
            context.Report(Rule, missing);
        }
    }
}
