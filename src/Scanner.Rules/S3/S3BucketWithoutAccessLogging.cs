using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.S3;

/// <summary>W35: a bucket without server access logging leaves no record of who read or changed objects.</summary>
public sealed class S3BucketWithoutAccessLogging : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W35",
        "S3 bucket has no access logging",
        "S3 bucket does not configure server access logging (LoggingConfiguration).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "S3",
        "Server access logs record every request made to a bucket. Without them, investigating a leak or an unexpected change has nothing to go on.",
        "Set LoggingConfiguration.DestinationBucketName to a dedicated log bucket.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_18"), new RuleAlias("cfn-guard", "S3_BUCKET_LOGGING_ENABLED")],
        resourceTypes: ["AWS::S3::Bucket"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::S3::Bucket");

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("LoggingConfiguration").FirstAbsent() is { } missing)
        {
            context.Report(Rule, missing);
        }
    }
}
