using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>W60: a VPC that no AWS::EC2::FlowLog in the template points at.</summary>
public sealed class VpcWithoutFlowLog : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W60",
        "VPC has no flow log",
        "VPC has no flow log: no AWS::EC2::FlowLog in this template sets ResourceId to it.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "EC2",
        "Flow logs record the traffic accepted and rejected in a VPC; without them, investigating an intrusion or a data leak has no network record to work from.",
        "Add an AWS::EC2::FlowLog with ResourceType: VPC and ResourceId: !Ref the VPC.",
        resourceTypes: ["AWS::EC2::VPC", "AWS::EC2::FlowLog"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::EC2::VPC");

    private static void Analyze(ResourceContext context)
    {
        // The VPC is covered where some deployable flow log names it (Ref, or GetAtt of its VpcId).
        var covering = context.TemplateContext.ResourcesOfType("AWS::EC2::FlowLog")
            .SelectMany(flowLog => context.TemplateContext.Variants(flowLog, "ResourceId"))
            .Where(target => target.Value is SymbolicValue { Kind: SymbolKind.ResourceRef } or SymbolicValue { Kind: SymbolKind.GetAtt, Attribute: "VpcId" }
                && ((SymbolicValue)target.Value).Name == context.LogicalId)
            .Select(target => target.Scenario);
        if (context.TemplateContext.Uncovered(context.Scenario, covering) is { } uncovered)
        {
            context.Report(Rule, context.Resource.TypeNode, uncovered);
        }
    }
}
