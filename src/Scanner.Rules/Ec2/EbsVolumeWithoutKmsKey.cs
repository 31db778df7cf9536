using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Ec2;

/// <summary>W37: eBS volume does not name a KMS key.</summary>
public sealed class EbsVolumeWithoutKmsKey : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W37",
        "EBS volume does not name a KMS key",
        "EBS volume does not set KmsKeyId, so it is encrypted (if at all) with the AWS managed key.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "Without a customer managed key you cannot control who may use the key, audit it separately or share encrypted snapshots across accounts.",
        "Set KmsKeyId to a customer managed KMS key.",
        aliases: [new RuleAlias("cfn-guard", "EBS_VOLUME_ENCRYPTION_KEY_RULE")],
        resourceTypes: ["AWS::EC2::Volume"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::EC2::Volume";

    protected override string PropertyPath => "KmsKeyId";
}
