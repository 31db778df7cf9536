using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

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

    private static void Analyze(ResourceContext context) => PropertyVariants.CheckEach(context, Check);

    private static bool Check(ResourceContext context, MappingNode? properties)
    {
        var node = properties?.Get("BillingMode");
        if (node is null or ScalarNode { IsNull: true })
        {
            context.Report(Rule, context.Resource.TypeNode, "is not set");
            return true;
        }

        if (FindInvalid(context.Evaluate(node)) is { } reason)
        {
            context.Report(Rule, node, reason);
            return true;
        }

        return false;
    }

    private static string? FindInvalid(Value value) => value switch
    {
        NoValue => "is removed with AWS::NoValue",
        ConditionalValue c => FindInvalid(c.WhenTrue) ?? FindInvalid(c.WhenFalse),
        LiteralValue { Text: "PROVISIONED" or "PAY_PER_REQUEST" } => null,
        LiteralValue l => $"is '{l.Text}'",
        _ => null,
    };
}
