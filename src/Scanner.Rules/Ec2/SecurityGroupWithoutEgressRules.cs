using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
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
        resourceTypes: ["AWS::EC2::SecurityGroup"]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::EC2::SecurityGroup");

    private static void Analyze(ResourceContext context)
    {
        if (context.Property("SecurityGroupEgress") is { } egress && egress is not ScalarNode { IsNull: true })
        {
            return;
        }

        var id = context.LogicalId;
        foreach (var standalone in context.Template.ResourcesOfType("AWS::EC2::SecurityGroupEgress"))
        {
            if (PointsTo(standalone.Property("GroupId"), id))
            {
                return;
            }
        }

        context.Report(Rule, context.Resource.TypeNode);
    }

    private static bool PointsTo(SyntaxNode? groupId, string logicalId) => groupId switch
    {
        IntrinsicNode { Name: "Ref", Argument: ScalarNode s } => s.Text == logicalId,
        IntrinsicNode { Name: "Fn::GetAtt" } g => g.Arguments.Count > 0 && g.Arguments[0] is ScalarNode r && r.Text == logicalId,
        _ => false,
    };
}
