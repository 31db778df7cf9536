using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Secrets;

/// <summary>W77: secrets Manager secret does not name a KMS key.</summary>
public sealed class SecretWithoutCustomerManagedKey : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W77",
        "Secrets Manager secret does not name a KMS key",
        "Secret does not set KmsKeyId, so it is encrypted with the AWS managed key aws/secretsmanager.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "SecretsManager",
        "The AWS managed key cannot be restricted by a key policy of your own, and secrets encrypted with it cannot be shared with other accounts.",
        "Set KmsKeyId to a customer managed KMS key.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_149"), new RuleAlias("cfn-guard", "SECRETSMANAGER_USING_CMK")],
        resourceTypes: ["AWS::SecretsManager::Secret"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::SecretsManager::Secret";

    protected override string PropertyPath => "KmsKeyId";
}
