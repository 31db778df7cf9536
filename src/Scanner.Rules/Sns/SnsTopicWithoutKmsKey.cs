using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Sns;

/// <summary>W47: sNS topic is not encrypted with KMS.</summary>
public sealed class SnsTopicWithoutKmsKey : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W47",
        "SNS topic is not encrypted with KMS",
        "SNS topic does not set KmsMasterKeyId, so messages are stored unencrypted.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "SNS",
        "Without server-side encryption, messages published to the topic are stored in the clear until delivered.",
        "Set KmsMasterKeyId to a KMS key (alias/aws/sns or a customer managed key).",
        aliases: [new RuleAlias("checkov", "CKV_AWS_26"), new RuleAlias("cfn-guard", "SNS_ENCRYPTED_KMS")],
        resourceTypes: ["AWS::SNS::Topic"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::SNS::Topic";

    protected override string PropertyPath => "KmsMasterKeyId";
}
