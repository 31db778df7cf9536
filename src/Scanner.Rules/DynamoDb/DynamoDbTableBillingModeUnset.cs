using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.DynamoDb;

/// <summary>W73: a DynamoDB table whose billing mode is not stated as PROVISIONED or PAY_PER_REQUEST.</summary>
public sealed class DynamoDbTableBillingModeUnset : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W73",
        "DynamoDB table does not state a valid billing mode",
        "DynamoDB table BillingMode {0}; set it to PROVISIONED or PAY_PER_REQUEST.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "DynamoDB",
        "The billing mode decides how the table scales and what it costs under load; stating it avoids an implicit default and a surprise bill or throttling.",
        "Set BillingMode to PROVISIONED (with ProvisionedThroughput) or PAY_PER_REQUEST.",
        aliases: [new RuleAlias("cfn-guard", "DYNAMODB_BILLING_MODE_RULE")],
        resourceTypes: ["AWS::DynamoDB::Table"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::DynamoDB::Table");

    private static void Analyze(ResourceContext context)
    {
        var invalid = context.Variants("BillingMode").FirstOrDefault(mode => mode.IsAbsent || mode.AsString is { } text && text is not ("PROVISIONED" or "PAY_PER_REQUEST"));
        if (invalid is not null)
        {
            context.Report(Rule, invalid, invalid.IsAbsent ? invalid.AbsentReason() : $"is '{invalid.Text}'");
        }
    }
}
