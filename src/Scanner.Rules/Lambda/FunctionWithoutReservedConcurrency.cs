using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Lambda;

/// <summary>W92: a Lambda function without ReservedConcurrentExecutions.</summary>
public sealed class FunctionWithoutReservedConcurrency : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W92",
        "Lambda function has no reserved concurrency",
        "Lambda function does not set ReservedConcurrentExecutions.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "Lambda",
        "Without reserved concurrency, one function can take the whole account's concurrency (starving others) and a flood of events scales it, and its cost, without bound.",
        "Set ReservedConcurrentExecutions to the concurrency the function needs.",
        aliases: [new RuleAlias("cfn-guard", "LAMBDA_CONCURRENCY_CHECK")],
        resourceTypes: ["AWS::Lambda::Function"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::Lambda::Function");

    private static void Analyze(ResourceContext context) => context.RequirePresent(Rule, "ReservedConcurrentExecutions");
}
