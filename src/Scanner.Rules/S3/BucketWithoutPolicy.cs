using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

namespace Scanner.Rules.S3;

/// <summary>
/// W51: a bucket that no AWS::S3::BucketPolicy of the template governs. A policy governs the bucket when its Bucket
/// is a Ref to it, or the same value as the bucket's BucketName.
/// </summary>
public sealed class BucketWithoutPolicy : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W51",
        "S3 bucket has no bucket policy",
        "S3 bucket has no AWS::S3::BucketPolicy in this template.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "S3",
        "A bucket policy is where TLS-only access, encryption headers and allowed principals are enforced. A bucket without one relies on IAM alone and accepts plain-HTTP requests.",
        "Add an AWS::S3::BucketPolicy for the bucket, at least denying requests with aws:SecureTransport false.",
        resourceTypes: [BucketAccessControl.BucketType, "AWS::S3::BucketPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, BucketAccessControl.BucketType);

    private static void Analyze(ResourceContext context)
    {
        var bucketNames = PropertyValues.IsAbsent(context.Property("BucketName"))
            ? []
            : PropertyValues.Possibilities(context, context.Property("BucketName")).Select(v => v.Display).ToHashSet(StringComparer.Ordinal);

        var governed = context.TemplateContext.ResourcesOfType("AWS::S3::BucketPolicy").Any(policy => policy.Property("Bucket") switch
        {
            IntrinsicNode { Name: "Ref", Argument: ScalarNode target } => target.Text == context.LogicalId,
            { } bucket => PropertyValues.Possibilities(context, bucket).Any(v => bucketNames.Contains(v.Display)),
            null => false,
        });
        if (!governed)
        {
            context.Report(Rule, context.Resource.TypeNode);
        }
    }
}
