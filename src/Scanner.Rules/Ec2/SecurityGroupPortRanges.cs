using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>W27: an ingress rule that opens a range of ports rather than one.</summary>
public sealed class SecurityGroupIngressPortRange : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W27",
        "Security group ingress opens a port range",
        "Security group ingress opens ports {0} to {1} instead of a single port.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "Each open port is a listening service an attacker can probe. A range usually opens more than the workload serves.",
        "Open only the ports the service listens on, one rule per port (FromPort equal to ToPort).",
        aliases: [new RuleAlias("cfn-guard", "SECURITY_GROUP_INGRESS_PORT_RANGE_RULE")],
        resourceTypes: [SecurityGroupRules.GroupType, SecurityGroupRules.IngressType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        SecurityGroupRules.Register(context, TrafficDirection.Ingress, (c, rule) => PortRanges.Check(c, rule, Rule));
}

/// <summary>W29: an egress rule that opens a range of ports rather than one.</summary>
public sealed class SecurityGroupEgressPortRange : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W29",
        "Security group egress opens a port range",
        "Security group egress allows ports {0} to {1} instead of a single port.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "Outbound port ranges let a workload reach services it has no reason to talk to, which helps exfiltration and lateral movement.",
        "Allow only the destination ports the workload needs, one rule per port (FromPort equal to ToPort).",
        aliases: [new RuleAlias("cfn-guard", "SECURITY_GROUP_EGRESS_PORT_RANGE_RULE")],
        resourceTypes: [SecurityGroupRules.GroupType, SecurityGroupRules.EgressType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        SecurityGroupRules.Register(context, TrafficDirection.Egress, (c, rule) => PortRanges.Check(c, rule, Rule));
}

internal static class PortRanges
{
    /// <summary>
    /// FromPort and ToPort differ (numbers compare as numbers; one given without the other is a range too). For
    /// ICMP they are a type and a code, not ports, so ICMP rules are not judged.
    /// </summary>
    public static void Check(ResourceContext context, SecurityGroupRule rule, RuleDescriptor descriptor)
    {
        foreach (var protocol in rule.Variants("IpProtocol"))
        {
            if (NetworkValues.Key(protocol).ToLowerInvariant() is "icmp" or "icmpv6" or "1" or "58")
            {
                continue;
            }

            // FromPort and ToPort are read together, so a parameter both use takes one value at a time.
            foreach (var from in rule.Variants("FromPort", protocol.Scenario))
            {
                foreach (var to in rule.Variants("ToPort", from.Scenario))
                {
                    var fromKey = NetworkValues.Key(from);
                    var toKey = NetworkValues.Key(to);
                    if (fromKey != toKey)
                    {
                        context.Report(descriptor, from.Node ?? to.Node ?? rule.Node, to.Scenario, Show(fromKey), Show(toKey));
                        return;
                    }
                }
            }
        }
    }

    private static string Show(string key) => key.Length == 0 ? "(unset)" : key;
}
