using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>
/// F1000: a security group with no egress rules gets EC2's default "allow all outbound". The rule accepts egress
/// written inline or as standalone AWS::EC2::SecurityGroupEgress resources that point at the group.
/// </summary>
public sealed class SecurityGroupWithoutEgressRules : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F1000",
        "Security group has no egress rules",
        "Security group has no egress rules, so EC2 allows all outbound traffic; declare the egress you intend.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "EC2",
        "When SecurityGroupEgress is absent, EC2 adds an allow-all outbound rule. Intended or not, that should be visible in the template.",
        "Add SecurityGroupEgress (or AWS::EC2::SecurityGroupEgress resources) listing the outbound traffic the group needs.",
        aliases: [new RuleAlias("cfn-guard", "SECURITY_GROUP_MISSING_EGRESS_RULE")],
        resourceTypes: [SecurityGroupRules.GroupType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, SecurityGroupRules.GroupType);

    private static void Analyze(ResourceContext context)
    {
        if (SecurityGroupRules.RulesOf(context.TemplateContext, context.Resource, TrafficDirection.Egress).Any(rule => rule.Standalone is not null))
        {
            return;
        }

        // Anything but an absent, removed (AWS::NoValue) or empty list counts: an expression we cannot expand may hold rules.
        if (context.Variants("SecurityGroupEgress").FirstOrDefault(v => v.IsAbsent || v.Value is ListValue { Items.Count: 0 }) is { } none)
        {
            context.Report(Rule, context.Resource.TypeNode, none.Scenario);
        }
    }
}
