using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.S3;

/// <summary>
/// W51: a bucket that no AWS::S3::BucketPolicy of the template governs. A policy governs the bucket when its Bucket
/// is a Ref to it, or the same value as the bucket's BucketName.
/// </summary>
public sealed class BucketWithoutPolicy : Rule
{
    private const string BucketType = "AWS::S3::Bucket";

    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W51",
        "S3 bucket has no bucket policy",
        "S3 bucket has no AWS::S3::BucketPolicy in this template.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "S3",
        "A bucket policy is where TLS-only access, encryption headers and allowed principals are enforced. A bucket without one relies on IAM alone and accepts plain-HTTP requests.",
        "Add an AWS::S3::BucketPolicy for the bucket, at least denying requests with aws:SecureTransport false.",
        resourceTypes: [BucketType, "AWS::S3::BucketPolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, BucketType);

    private static void Analyze(ResourceContext context)
    {
        var bucketNames = context.Variants("BucketName").Present().Select(v => v.Text).ToHashSet(StringComparer.Ordinal);
        var covering = context.TemplateContext.ResourcesOfType("AWS::S3::BucketPolicy")
            .SelectMany(policy => context.TemplateContext.Variants(policy, "Bucket"))
            .Where(bucket => bucket.Value is SymbolicValue { Kind: SymbolKind.ResourceRef } target ? target.Name == context.LogicalId : !bucket.IsAbsent && bucketNames.Contains(bucket.Text))
            .Select(bucket => bucket.Scenario);
        if (context.TemplateContext.Uncovered(context.Scenario, covering) is { } uncovered)
        {
            context.Report(Rule, context.Resource.TypeNode, uncovered);
        }
    }
}
