using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>W5: an egress rule that lets the group reach any address on the internet.</summary>
public sealed class SecurityGroupEgressOpenToWorld : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W5",
        "Security group egress is open to the internet",
        "Security group egress allows traffic to {0}, that is to any address on the internet.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "An egress rule to 0.0.0.0/0 or ::/0 lets a compromised workload send data anywhere. Outbound access is often needed, but it should be as narrow as the workload allows.",
        "Limit egress to the networks, prefix lists (DestinationPrefixListId) or security groups the workload actually talks to.",
        aliases: [new RuleAlias("cfn-guard", "EC2_SECURITY_GROUP_EGRESS_OPEN_TO_WORLD_RULE")],
        resourceTypes: [SecurityGroupRules.GroupType, SecurityGroupRules.EgressType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        SecurityGroupRules.Register(context, TrafficDirection.Egress, (c, rule) => SecurityGroupIngressOpenToWorld.ReportOpenCidrs(c, rule, Rule));
}
