using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>
/// W66: an allow entry whose protocol makes EC2 ignore the port range (anything but TCP, UDP, ICMP, or ICMPv6 with
/// an IPv6 CIDR and an ICMP type and code), so it allows every port.
/// </summary>
public sealed class NetworkAclEntryProtocolOpensAllPorts : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W66",
        "Network ACL allow entry uses a protocol that opens every port",
        "Network ACL entry allows protocol {0}, for which EC2 ignores the port range and allows all ports.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "EC2",
        "For protocol -1 or any protocol other than 6 (TCP), 17 (UDP) and 1 (ICMP), a network ACL entry applies to every port. Protocol 58 (ICMPv6) is narrowed only with an IPv6 CIDR and an ICMP type and code.",
        "Use protocol 6, 17 or 1 with a PortRange (or ICMP type/code), or protocol 58 with Ipv6CidrBlock and Icmp Type and Code.",
        aliases: [new RuleAlias("cfn-guard", "EC2_NETWORK_ACL_PROTOCOL_RULE")],
        resourceTypes: [NetworkAclEntry.EntryType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, NetworkAclEntry.EntryType);

    private static void Analyze(ResourceContext context)
    {
        foreach (var entry in NetworkAclEntry.Of(context))
        {
            if (!entry.HasAction("allow"))
            {
                continue;
            }

            // A protocol known only at deploy time is not assumed to be a wide one.
            foreach (var protocol in entry.Variants("Protocol").Where(p => p.IsAbsent || p.IsKnown))
            {
                var number = NetworkValues.Key(protocol);
                if (number is "1" or "6" or "17" || (number == "58" && NarrowIcmpv6(entry, protocol.Scenario)))
                {
                    continue;
                }

                context.Report(Rule, protocol.IsAbsent ? null : protocol.Node, protocol.Scenario, number.Length == 0 ? "(unset)" : number);
                return;
            }
        }
    }

    private static readonly string[] Icmpv6Narrowing = ["Ipv6CidrBlock", "Icmp.Code", "Icmp.Type"];

    private static bool NarrowIcmpv6(NetworkAclEntry entry, Scenario scenario) =>
        Icmpv6Narrowing.All(path => entry.Properties.Variants(path, scenario).AlwaysPresent());
}
