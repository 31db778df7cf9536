using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ecr;

/// <summary>W79: an ECR repository that does not scan images on push.</summary>
public sealed class RepositoryWithoutScanOnPush : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W79",
        "ECR repository does not scan images on push",
        "ECR repository does not enable ImageScanningConfiguration.ScanOnPush.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "ECR",
        "Scanning on push reports known vulnerabilities in an image as soon as it is published, before it is deployed.",
        "Set ImageScanningConfiguration.ScanOnPush to true (or use registry-level enhanced scanning).",
        aliases: [new RuleAlias("cfn-guard", "ECR_REPO_SCAN_ON_PUSH")],
        resourceTypes: ["AWS::ECR::Repository"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::ECR::Repository");

    private static void Analyze(ResourceContext context)
    {
        foreach (var configuration in context.Variants("ImageScanningConfiguration"))
        {
            // The property is ScanOnPush; cfn-nag (and older docs) spell it scanOnPush, so both are read.
            var scan = configuration.Variants("ScanOnPush");
            if (scan.All(v => v.IsMissing))
            {
                scan = configuration.Variants("scanOnPush");
            }

            if (scan.FirstOrDefault(v => v.AsBoolean != true) is { } off)
            {
                context.Report(Rule, off.Node ?? configuration.Node, off.Scenario);
                return;
            }
        }
    }
}
