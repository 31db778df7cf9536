using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Lambda;

/// <summary>W89: a Lambda function not attached to a VPC (no VpcConfig).</summary>
public sealed class FunctionOutsideVpc : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W89",
        "Lambda function is not in a VPC",
        "Lambda function has no VpcConfig, so it runs outside your VPC.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "Lambda",
        "A function outside a VPC reaches the internet directly and cannot be governed by security groups, network ACLs or VPC endpoints policies. Many functions legitimately need no VPC; suppress with a reason where so.",
        "Set VpcConfig with SubnetIds and SecurityGroupIds of private subnets, and reach AWS services through VPC endpoints.",
        aliases: [new RuleAlias("cfn-guard", "LAMBDA_INSIDE_VPC")],
        resourceTypes: ["AWS::Lambda::Function"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::Lambda::Function");

    private static void Analyze(ResourceContext context) => context.RequirePresent(Rule, "VpcConfig");
}
