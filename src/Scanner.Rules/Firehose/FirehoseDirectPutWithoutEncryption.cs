using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Firehose;

/// <summary>
/// W88: a direct-put Firehose delivery stream must turn on server-side encryption. Streams reading from Kinesis
/// Data Streams are skipped: their encryption is the source stream's.
/// </summary>
public sealed class FirehoseDirectPutWithoutEncryption : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W88",
        "Firehose delivery stream is not encrypted",
        "Firehose delivery stream {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "KinesisFirehose",
        "Records put directly into a delivery stream are buffered by Firehose before delivery; without server-side encryption they are held in the clear.",
        "Set DeliveryStreamEncryptionConfigurationInput with KeyType (AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK with KeyARN).",
        aliases: [new RuleAlias("cfn-guard", "KINESIS_FIREHOSE_DELIVERY_STREAM_ENCRYPTION_RULE")],
        resourceTypes: ["AWS::KinesisFirehose::DeliveryStream"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::KinesisFirehose::DeliveryStream");

    private static void Analyze(ResourceContext context)
    {
        foreach (var c in context.Combinations("DeliveryStreamType", "DeliveryStreamEncryptionConfigurationInput", "DeliveryStreamEncryptionConfigurationInput.KeyType"))
        {
            var (type, input, keyType) = (c[0], c[1], c[2]);
            if (type.AsString == "KinesisStreamAsSource")
            {
                continue;
            }

            if (input.IsAbsent)
            {
                context.Report(Rule, input, "does not set DeliveryStreamEncryptionConfigurationInput");
                return;
            }

            if (input.Value is MapValue && keyType.IsAbsent)
            {
                context.Report(Rule, input.Node, keyType.Scenario, "sets DeliveryStreamEncryptionConfigurationInput without a KeyType");
                return;
            }
        }
    }
}
