using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

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

    private static void Analyze(ResourceContext context) => PropertyVariants.CheckEach(context, Check);

    private static bool Check(ResourceContext context, MappingNode? properties)
    {
        var streamEncryption = properties?.Get("StreamEncryption");
        if (streamEncryption is not MappingNode encryption)
        {
            context.Report(Rule, streamEncryption ?? context.Resource.TypeNode, "does not set StreamEncryption");
            return true;
        }

        var type = encryption.Get("EncryptionType");
        var typeValue = type is null ? null : context.Evaluate(type);
        if (type is null || typeValue is NoValue)
        {
            context.Report(Rule, encryption, "does not set StreamEncryption.EncryptionType");
            return true;
        }

        if (typeValue is LiteralValue literal && literal.Text != "KMS")
        {
            context.Report(Rule, type, $"sets EncryptionType to '{literal.Text}' instead of KMS");
            return true;
        }

        if (encryption.Get("KeyId") is not { } key || key is ScalarNode { IsNull: true } || context.Evaluate(key) is NoValue)
        {
            context.Report(Rule, encryption, "does not set StreamEncryption.KeyId");
            return true;
        }

        return false;
    }
}
