using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>W42: an ingress rule with IpProtocol -1 (every protocol and port).</summary>
public sealed class SecurityGroupIngressAllProtocols : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W42",
        "Security group ingress allows every protocol",
        "Security group ingress uses IpProtocol -1, which opens every protocol and every port.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "EC2",
        "IpProtocol -1 ignores FromPort and ToPort: the source can reach every TCP, UDP and ICMP service of the group's members.",
        "Set IpProtocol to tcp, udp or icmp and list only the ports the service needs.",
        aliases: [new RuleAlias("cfn-guard", "SECURITY_GROUP_INGRESS_ALL_PROTOCOLS_RULE")],
        resourceTypes: [SecurityGroupRules.GroupType, SecurityGroupRules.IngressType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        SecurityGroupRules.Register(context, TrafficDirection.Ingress, (c, rule) => Check(c, rule, Rule));

    internal static void Check(ResourceContext context, SecurityGroupRule rule, RuleDescriptor descriptor)
    {
        if (rule.Variants("IpProtocol").FirstLiteral(NetworkValues.IsAllProtocols) is { } protocol)
        {
            context.Report(descriptor, protocol);
        }
    }
}

/// <summary>W40: an egress rule with IpProtocol -1 (every protocol and port).</summary>
public sealed class SecurityGroupEgressAllProtocols : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W40",
        "Security group egress allows every protocol",
        "Security group egress uses IpProtocol -1, which allows every protocol to every port.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "IpProtocol -1 on egress lets members send any kind of traffic to the destination, which is rarely what a workload needs.",
        "Set IpProtocol to tcp, udp or icmp and allow only the destination ports the workload uses. An all-protocol rule to the loopback address (127.0.0.1/32 or ::1/128), the usual way to block all egress, is not reported.",
        aliases: [new RuleAlias("cfn-guard", "SECURITY_GROUP_EGRESS_ALL_PROTOCOLS_RULE")],
        resourceTypes: [SecurityGroupRules.GroupType, SecurityGroupRules.EgressType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        SecurityGroupRules.Register(context, TrafficDirection.Egress, Check);

    private static void Check(ResourceContext context, SecurityGroupRule rule)
    {
        // Egress -1 to loopback is the idiom for "no outbound traffic": it allows nothing that leaves the host.
        if (rule.Variants("CidrIp").AnyLiteral(NetworkValues.IsLoopback) || rule.Variants("CidrIpv6").AnyLiteral(NetworkValues.IsLoopback))
        {
            return;
        }

        SecurityGroupIngressAllProtocols.Check(context, rule, Rule);
    }
}
