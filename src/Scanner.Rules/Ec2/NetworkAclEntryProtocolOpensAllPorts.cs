using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

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
        var entry = NetworkAclEntry.Of(context);
        if (!entry.HasAction("allow"))
        {
            return;
        }

        // A protocol known only at deploy time is not assumed to be a wide one.
        var protocolNode = context.Property("Protocol");
        if (!PropertyValues.IsAbsent(protocolNode) && !PropertyValues.Literals(context, protocolNode).Any())
        {
            return;
        }

        var protocol = entry.Protocol;
        if (protocol is "1" or "6" or "17" || (protocol == "58" && NarrowIcmpv6(context)))
        {
            return;
        }

        context.Report(Rule, context.Property("Protocol") ?? context.Resource.TypeNode, protocol.Length == 0 ? "(unset)" : protocol);
    }

    private static bool NarrowIcmpv6(ResourceContext context) =>
        !PropertyValues.MayBeMissing(context, context.Property("Ipv6CidrBlock"))
        && !PropertyValues.MayBeMissing(context, context.Property("Icmp.Code"))
        && !PropertyValues.MayBeMissing(context, context.Property("Icmp.Type"));
}
