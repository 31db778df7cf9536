using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Firehose;

/// <summary>F66: the Firehose Redshift destination password must not be readable from the template or the console.</summary>
public sealed class FirehoseRedshiftPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F66", "Firehose Redshift destination password", "AWS::KinesisFirehose::DeliveryStream", "RedshiftDestinationConfiguration.Password", "KinesisFirehose", SecuritySeverity.High,
        [new RuleAlias("cfn-guard", "KINESIS_FIREHOSE_REDSHIFT_DESTINATION_CONFIGURATION_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::KinesisFirehose::DeliveryStream";

    protected override string PropertyPath => "RedshiftDestinationConfiguration.Password";
}
