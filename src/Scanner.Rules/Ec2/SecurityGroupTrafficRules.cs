using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

namespace Scanner.Rules.Ec2;

/// <summary>What a security-group traffic row looks for in each ingress or egress rule.</summary>
internal enum TrafficCheck
{
    /// <summary>CidrIp 0.0.0.0/0 or CidrIpv6 ::/0 (the CIDR is the message's <c>{0}</c>).</summary>
    OpenToWorld,

    /// <summary>A CIDR wider than one host (/32, /128); the CIDR is the message's <c>{0}</c>.</summary>
    WiderThanOneHost,

    /// <summary>IpProtocol -1 (every protocol and port); on egress, -1 to loopback blocks egress and is not reported.</summary>
    AllProtocols,

    /// <summary>FromPort and ToPort differ (<c>{0}</c> and <c>{1}</c>); ICMP rules, whose "ports" are a type and a code, are not judged.</summary>
    PortRange,
}

/// <summary>One rule of the security-group traffic family: a direction, a check and the rule's texts.</summary>
internal sealed record SecurityGroupTrafficRow(
    string Id,
    TrafficDirection Direction,
    TrafficCheck Check,
    SecuritySeverity Severity,
    string Title,
    string Message,
    string Description,
    string Remediation,
    string GuardRule) : IRuleRow
{
    public RuleDescriptor Describe() =>
        RuleDescriptor.Create(
            Id,
            Title,
            Message,
            RuleLevel.Warning,
            Severity,
            "EC2",
            Description,
            Remediation,
            [new RuleAlias("cfn-guard", GuardRule)],
            [SecurityGroupRules.GroupType, SecurityGroupRules.StandaloneType(Direction)],
            RuleKind.CfnNag);
}

/// <summary>
/// cfn-nag's security-group traffic rules as one table: each ingress or egress rule (inline in a group or standalone,
/// attributed as <see cref="SecurityGroupRules"/> does) is checked for the row's offence, in the same direction.
/// </summary>
public sealed class SecurityGroupTrafficRules : IRuleProvider
{
    internal static IReadOnlyList<SecurityGroupTrafficRow> Table { get; } =
    [
        new("W2", TrafficDirection.Ingress, TrafficCheck.OpenToWorld, SecuritySeverity.Medium,
            "Security group ingress is open to the internet",
            "Security group ingress accepts traffic from {0}, that is from any address on the internet.",
            "An ingress rule with CidrIp 0.0.0.0/0 or CidrIpv6 ::/0 lets anyone reach the ports it opens. That is expected on a public load balancer, rarely on an instance or a database.",
            "Restrict the source to known networks or to a security group (SourceSecurityGroupId); keep world-open ingress for public load balancers only and suppress the finding there with a reason.",
            "EC2_SECURITY_GROUP_INGRESS_OPEN_TO_WORLD_RULE"),
        new("W5", TrafficDirection.Egress, TrafficCheck.OpenToWorld, SecuritySeverity.Low,
            "Security group egress is open to the internet",
            "Security group egress allows traffic to {0}, that is to any address on the internet.",
            "An egress rule to 0.0.0.0/0 or ::/0 lets a compromised workload send data anywhere. Outbound access is often needed, but it should be as narrow as the workload allows.",
            "Limit egress to the networks, prefix lists (DestinationPrefixListId) or security groups the workload actually talks to.",
            "EC2_SECURITY_GROUP_EGRESS_OPEN_TO_WORLD_RULE"),
        new("W9", TrafficDirection.Ingress, TrafficCheck.WiderThanOneHost, SecuritySeverity.Low,
            "Security group ingress CIDR is wider than one host",
            "Security group ingress allows {0}, a range wider than a single host (/32 or /128).",
            "Ingress rules that admit whole networks grow the attack surface. Prefer single hosts, prefix lists or security-group references.",
            "Narrow CidrIp to a /32 (CidrIpv6 to /128), or reference a source security group instead of a CIDR.",
            "SECURITY_GROUP_INGRESS_CIDR_NON_32_RULE"),
        new("W27", TrafficDirection.Ingress, TrafficCheck.PortRange, SecuritySeverity.Low,
            "Security group ingress opens a port range",
            "Security group ingress opens ports {0} to {1} instead of a single port.",
            "Each open port is a listening service an attacker can probe. A range usually opens more than the workload serves.",
            "Open only the ports the service listens on, one rule per port (FromPort equal to ToPort).",
            "SECURITY_GROUP_INGRESS_PORT_RANGE_RULE"),
        new("W29", TrafficDirection.Egress, TrafficCheck.PortRange, SecuritySeverity.Low,
            "Security group egress opens a port range",
            "Security group egress allows ports {0} to {1} instead of a single port.",
            "Outbound port ranges let a workload reach services it has no reason to talk to, which helps exfiltration and lateral movement.",
            "Allow only the destination ports the workload needs, one rule per port (FromPort equal to ToPort).",
            "SECURITY_GROUP_EGRESS_PORT_RANGE_RULE"),
        new("W40", TrafficDirection.Egress, TrafficCheck.AllProtocols, SecuritySeverity.Low,
            "Security group egress allows every protocol",
            "Security group egress uses IpProtocol -1, which allows every protocol to every port.",
            "IpProtocol -1 on egress lets members send any kind of traffic to the destination, which is rarely what a workload needs.",
            "Set IpProtocol to tcp, udp or icmp and allow only the destination ports the workload uses. An all-protocol rule to the loopback address (127.0.0.1/32 or ::1/128), the usual way to block all egress, is not reported.",
            "SECURITY_GROUP_EGRESS_ALL_PROTOCOLS_RULE"),
        new("W42", TrafficDirection.Ingress, TrafficCheck.AllProtocols, SecuritySeverity.Medium,
            "Security group ingress allows every protocol",
            "Security group ingress uses IpProtocol -1, which opens every protocol and every port.",
            "IpProtocol -1 ignores FromPort and ToPort: the source can reach every TCP, UDP and ICMP service of the group's members.",
            "Set IpProtocol to tcp, udp or icmp and list only the ports the service needs.",
            "SECURITY_GROUP_INGRESS_ALL_PROTOCOLS_RULE"),
    ];

    private static readonly IRule[] Instances = [.. Table.Select(row => new SecurityGroupTrafficRule(row))];

    public IEnumerable<IRule> Rules => Instances;
}

/// <summary>A row of <see cref="SecurityGroupTrafficRules"/> as a rule.</summary>
internal sealed class SecurityGroupTrafficRule(SecurityGroupTrafficRow row) : RowRule<SecurityGroupTrafficRow>(row)
{
    public override void Initialize(RuleRegistrationContext context) =>
        SecurityGroupRules.Register(context, Row.Direction, Check);

    private void Check(ResourceContext context, SecurityGroupRule rule)
    {
        switch (Row.Check)
        {
            case TrafficCheck.OpenToWorld:
                ReportCidrs(context, rule, NetworkValues.IsWholeIpv4, NetworkValues.IsWholeIpv6);
                break;
            case TrafficCheck.WiderThanOneHost:
                // Only literals (given values, defaults and allowed values of parameters included) are judged: a
                // value known only at deploy time is not assumed to be wide, nor narrow.
                ReportCidrs(context, rule, NetworkValues.IsIpv4Range, NetworkValues.IsIpv6Range);
                break;
            case TrafficCheck.AllProtocols:
                ReportAllProtocols(context, rule);
                break;
            case TrafficCheck.PortRange:
                ReportPortRange(context, rule);
                break;
            default:
                throw new InvalidOperationException($"{Row.Id}: unknown check {Row.Check}.");
        }
    }

    private void ReportCidrs(ResourceContext context, SecurityGroupRule rule, Func<string, bool> ipv4, Func<string, bool> ipv6)
    {
        if (rule.Variants("CidrIp").FirstLiteral(ipv4) is { } v4)
        {
            context.Report(Descriptor, v4, v4.Display);
        }

        if (rule.Variants("CidrIpv6").FirstLiteral(ipv6) is { } v6)
        {
            context.Report(Descriptor, v6, v6.Display);
        }
    }

    private void ReportAllProtocols(ResourceContext context, SecurityGroupRule rule)
    {
        // Egress -1 to loopback is the idiom for "no outbound traffic": it allows nothing that leaves the host.
        if (Row.Direction == TrafficDirection.Egress
            && (rule.Variants("CidrIp").AnyLiteral(NetworkValues.IsLoopback) || rule.Variants("CidrIpv6").AnyLiteral(NetworkValues.IsLoopback)))
        {
            return;
        }

        if (rule.Variants("IpProtocol").FirstLiteral(NetworkValues.IsAllProtocols) is { } protocol)
        {
            context.Report(Descriptor, protocol);
        }
    }

    /// <summary>FromPort and ToPort differ (numbers compare as numbers; one given without the other is a range too).</summary>
    private void ReportPortRange(ResourceContext context, SecurityGroupRule rule)
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
                        context.Report(Descriptor, from.Node ?? to.Node ?? rule.Node, to.Scenario, Show(fromKey), Show(toKey));
                        return;
                    }
                }
            }
        }
    }

    private static string Show(string key) => key.Length == 0 ? "(unset)" : key;
}
