using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.AmazonMq;

/// <summary>W53: amazon MQ broker does not declare its encryption key.</summary>
public sealed class AmazonMqBrokerWithoutEncryptionOptions : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W53",
        "Amazon MQ broker does not declare its encryption key",
        "Amazon MQ broker does not set EncryptionOptions, so the choice of encryption key is left to the default.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "AmazonMQ",
        "Declaring EncryptionOptions makes the key protecting the broker's messages explicit, and lets you use a customer managed KMS key.",
        "Set EncryptionOptions (UseAwsOwnedKey: false with KmsKeyId for a customer managed key).",
        aliases: [new RuleAlias("cfn-guard", "AMAZON_MQ_BROKER_ENCRYPTION_OPTIONS_RULE")],
        resourceTypes: ["AWS::AmazonMQ::Broker"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::AmazonMQ::Broker";

    protected override string PropertyPath => "EncryptionOptions";
}
