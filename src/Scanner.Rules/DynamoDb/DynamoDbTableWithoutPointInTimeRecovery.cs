using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.DynamoDb;

/// <summary>W78: dynamoDB table has no point-in-time recovery.</summary>
public sealed class DynamoDbTableWithoutPointInTimeRecovery : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W78",
        "DynamoDB table has no point-in-time recovery",
        "DynamoDB point-in-time recovery (PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled) {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "DynamoDB",
        "Without point-in-time recovery, an accidental delete or overwrite cannot be undone from continuous backups.",
        "Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_28"), new RuleAlias("cfn-guard", "DYNAMODB_PITR_ENABLED")],
        resourceTypes: ["AWS::DynamoDB::Table"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::DynamoDB::Table";

    protected override string PropertyPath => "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled";
}
