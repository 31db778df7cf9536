using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Ec2;

/// <summary>F1: eBS volume is not encrypted.</summary>
public sealed class EbsVolumeNotEncrypted : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F1",
        "EBS volume is not encrypted",
        "EBS volume encryption (Encrypted) {0}.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "EC2",
        "An unencrypted EBS volume stores its data, and every snapshot taken from it, in the clear.",
        "Set Encrypted: true (and preferably KmsKeyId), or turn on EBS encryption by default for the account.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_3"), new RuleAlias("cfn-guard", "ENCRYPTED_VOLUMES")],
        resourceTypes: ["AWS::EC2::Volume"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::EC2::Volume";

    protected override string PropertyPath => "Encrypted";
}
