using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Kinesis;

/// <summary>W49: a Kinesis stream must use KMS server-side encryption with a named key.</summary>
public sealed class KinesisStreamWithoutKmsEncryption : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W49",
        "Kinesis stream is not encrypted with KMS",
        "Kinesis stream {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Kinesis",
        "Without server-side encryption, records are stored in the stream's shards in the clear for the whole retention period.",
        "Set StreamEncryption with EncryptionType: KMS and KeyId (alias/aws/kinesis or a customer managed key).",
        aliases: [new RuleAlias("checkov", "CKV_AWS_43"), new RuleAlias("cfn-guard", "KINESIS_STREAM_ENCRYPTION_RULE")],
        resourceTypes: ["AWS::Kinesis::Stream"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::Kinesis::Stream");

    private static void Analyze(ResourceContext context)
    {
        foreach (var c in context.Combinations("StreamEncryption", "StreamEncryption.EncryptionType", "StreamEncryption.KeyId"))
        {
            var (encryption, type, key) = (c[0], c[1], c[2]);
            if (encryption.IsAbsent || (encryption.Value is not MapValue && !encryption.IsUnknown))
            {
                context.Report(Rule, encryption, "does not set StreamEncryption");
                return;
            }

            if (encryption.IsUnknown)
            {
                continue;
            }

            if (type.IsAbsent)
            {
                context.Report(Rule, encryption.Node, type.Scenario, "does not set StreamEncryption.EncryptionType");
                return;
            }

            if (type.AsString is { } text && text != "KMS")
            {
                context.Report(Rule, type, $"sets EncryptionType to '{text}' instead of KMS");
                return;
            }

            if (key.IsAbsent)
            {
                context.Report(Rule, encryption.Node, key.Scenario, "does not set StreamEncryption.KeyId");
                return;
            }
        }
    }
}
