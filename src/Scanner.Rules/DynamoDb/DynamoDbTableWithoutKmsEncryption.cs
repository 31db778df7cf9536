using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.DynamoDb;

/// <summary>W74: dynamoDB table is not encrypted with a KMS key.</summary>
public sealed class DynamoDbTableWithoutKmsEncryption : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W74",
        "DynamoDB table is not encrypted with a KMS key",
        "DynamoDB table KMS encryption (SSESpecification.SSEEnabled) {0}; the table uses the AWS owned key.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "DynamoDB",
        "Tables are always encrypted, but with an AWS owned key that you cannot see, audit or restrict. SSEEnabled: true switches to a KMS key (AWS managed or your own).",
        "Set SSESpecification.SSEEnabled: true with SSEType: KMS, and KMSMasterKeyId for a customer managed key.",
        aliases: [new RuleAlias("cfn-guard", "DYNAMODB_TABLE_ENCRYPTED_KMS")],
        resourceTypes: ["AWS::DynamoDB::Table"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::DynamoDB::Table";

    protected override string PropertyPath => "SSESpecification.SSEEnabled";
}
