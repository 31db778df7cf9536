using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.CloudFront;

/// <summary>W10: a CloudFront distribution without standard access logging (DistributionConfig.Logging).</summary>
public sealed class DistributionWithoutAccessLogging : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W10",
        "CloudFront distribution has no access logging",
        "CloudFront distribution does not configure access logging (DistributionConfig.Logging).",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "CloudFront",
        "Access logs record every viewer request served by the distribution; without them, scraping, abuse or data exposure through the CDN cannot be traced.",
        "Set DistributionConfig.Logging with a Bucket (and optionally a Prefix) for the access logs.",
        aliases: [new RuleAlias("cfn-guard", "CLOUDFRONT_ACCESSLOGS_ENABLED")],
        resourceTypes: ["AWS::CloudFront::Distribution"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::CloudFront::Distribution");

    private static void Analyze(ResourceContext context) => context.RequirePresent(Rule, "DistributionConfig.Logging");
}
