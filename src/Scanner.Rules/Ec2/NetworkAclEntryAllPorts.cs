using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

namespace Scanner.Rules.Ec2;

/// <summary>W67: a TCP/UDP entry with no port range, or with the range 0-65535.</summary>
public sealed class NetworkAclEntryAllPorts : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W67",
        "Network ACL TCP/UDP entry covers every port",
        "Network ACL TCP/UDP entry applies to every port ({0}).",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "A TCP or UDP entry without a complete PortRange, or with 0-65535, matches all ports of the protocol; usually only a few are meant.",
        "Give the entry a PortRange with From and To limited to the ports the subnet serves.",
        aliases: [new RuleAlias("cfn-guard", "EC2_NETWORK_ACL_PORT_RANGE_RULE")],
        resourceTypes: [NetworkAclEntry.EntryType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, NetworkAclEntry.EntryType);

    private static void Analyze(ResourceContext context)
    {
        foreach (var c in context.Combinations("Protocol", "PortRange", "PortRange.From", "PortRange.To"))
        {
            var (range, from, to) = (c[1], c[2], c[3]);
            if (!NetworkAclEntry.IsTcpOrUdp(c[0]))
            {
                continue;
            }

            if (from.IsAbsent || to.IsAbsent)
            {
                context.Report(Rule, range.IsAbsent ? null : range.Node, to.Scenario, "no complete PortRange");
                return;
            }

            if (from.AsInteger == 0 && to.AsInteger == 65535)
            {
                context.Report(Rule, range.Node, to.Scenario, "0-65535");
                return;
            }
        }
    }
}
