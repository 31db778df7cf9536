using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Logs;

/// <summary>W84: cloudWatch Logs log group does not name a KMS key.</summary>
public sealed class LogGroupWithoutKmsKey : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W84",
        "CloudWatch Logs log group does not name a KMS key",
        "Log group does not set KmsKeyId, so its data is encrypted only with the service's own key.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "CloudWatchLogs",
        "Logs often carry sensitive data. A customer managed key lets you restrict and audit who can decrypt them.",
        "Set KmsKeyId to the ARN of a KMS key whose policy allows CloudWatch Logs to use it.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_158"), new RuleAlias("cfn-guard", "CLOUDWATCH_LOG_GROUP_ENCRYPTED")],
        resourceTypes: ["AWS::Logs::LogGroup"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Logs::LogGroup";

    protected override string PropertyPath => "KmsKeyId";
}
