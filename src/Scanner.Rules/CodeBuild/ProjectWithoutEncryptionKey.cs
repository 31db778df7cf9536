using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.CodeBuild;

/// <summary>W32: a CodeBuild project that does not name the KMS key for its artifacts (EncryptionKey).</summary>
public sealed class ProjectWithoutEncryptionKey : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W32",
        "CodeBuild project has no encryption key",
        "CodeBuild project does not set EncryptionKey, so its build artifacts are encrypted with the AWS managed key.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "CodeBuild",
        "Without EncryptionKey, artifacts are encrypted with the account's aws/s3 managed key, whose use cannot be restricted by key policy or audited per project.",
        "Set EncryptionKey to the ARN or alias of a customer managed KMS key.",
        aliases: [new RuleAlias("cfn-guard", "CODEBUILD_ENCRYPTION_KEY_RULE")],
        resourceTypes: ["AWS::CodeBuild::Project"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::CodeBuild::Project");

    private static void Analyze(ResourceContext context) => context.RequirePresent(Rule, "EncryptionKey");
}
