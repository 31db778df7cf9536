using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Sqs;

/// <summary>W48: sQS queue is not encrypted with KMS.</summary>
public sealed class SqsQueueWithoutKmsKey : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W48",
        "SQS queue is not encrypted with KMS",
        "SQS queue does not set KmsMasterKeyId, so its messages are not encrypted with a KMS key.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "SQS",
        "With a KMS key you control and audit who can read queued messages; without one, the messages are unencrypted or use SQS-owned keys.",
        "Set KmsMasterKeyId to a KMS key (alias/aws/sqs or a customer managed key).",
        aliases: [new RuleAlias("checkov", "CKV_AWS_27"), new RuleAlias("cfn-guard", "SQS_QUEUE_KMS_MASTER_KEY_ID_RULE")],
        resourceTypes: ["AWS::SQS::Queue"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::SQS::Queue";

    protected override string PropertyPath => "KmsMasterKeyId";
}
