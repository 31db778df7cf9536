using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Kendra;

/// <summary>W80: kendra index does not name a KMS key.</summary>
public sealed class KendraIndexWithoutKmsKey : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W80",
        "Kendra index does not name a KMS key",
        "Kendra index does not set ServerSideEncryptionConfiguration.KmsKeyId, so it is encrypted with an AWS owned key.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Kendra",
        "With an AWS owned key you cannot control or audit who uses the key that protects the indexed documents.",
        "Set ServerSideEncryptionConfiguration.KmsKeyId to a customer managed KMS key.",
        aliases: [new RuleAlias("cfn-guard", "KENDRA_INDEX_ENCRYPTION_KMS_KEY_ID_RULE")],
        resourceTypes: ["AWS::Kendra::Index"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Kendra::Index";

    protected override string PropertyPath => "ServerSideEncryptionConfiguration.KmsKeyId";
}
