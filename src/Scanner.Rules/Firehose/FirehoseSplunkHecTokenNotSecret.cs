using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Firehose;

/// <summary>F68: the Firehose Splunk HEC token must not be readable from the template or the console.</summary>
public sealed class FirehoseSplunkHecTokenNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F68", "Firehose Splunk HEC token", "AWS::KinesisFirehose::DeliveryStream", "SplunkDestinationConfiguration.HECToken", "KinesisFirehose", SecuritySeverity.High,
        [new RuleAlias("cfn-guard", "KINESIS_FIREHOSE_SPLUNK_DESTINATION_CONFIGURATION_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::KinesisFirehose::DeliveryStream";

    protected override string PropertyPath => "SplunkDestinationConfiguration.HECToken";
}
