using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>
/// W72: TCP/UDP entries of the same ACL, direction and address family whose port ranges overlap, so the one with
/// the higher rule number is partly or wholly dead.
/// </summary>
public sealed class NetworkAclOverlappingPorts : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W72",
        "Network ACL entries overlap on ports",
        "Network ACL entry ports {0}-{1} overlap another {2} entry of the same ACL.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "Network ACL entries are evaluated in rule-number order and the first match wins. Entries of one direction whose port ranges overlap shadow each other, which hides the effective policy.",
        "Merge the overlapping entries, or split the port ranges so each port is governed by exactly one entry per direction.",
        resourceTypes: [NetworkAclEntry.EntryType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterTemplateAction(Analyze);

    private static void Analyze(TemplateContext template)
    {
        var ranged = NetworkAclEntry.All(template)
            .Where(e => e.IsTcpOrUdp)
            .Select(e => (Entry: e, From: NetworkValues.Integer(e.Template, e.Property("PortRange.From")), To: NetworkValues.Integer(e.Template, e.Property("PortRange.To"))))
            .Where(e => e.From is not null && e.To is not null)
            .Select(e => (e.Entry, From: e.From!.Value, To: e.To!.Value))
            .ToList();

        var groups = ranged.GroupBy(e => (e.Entry.AclKey, e.Entry.IsEgress, Ipv6: e.Entry.Property("Ipv6CidrBlock") is not null));
        foreach (var group in groups)
        {
            var entries = group.ToList();
            for (var i = 0; i < entries.Count; i++)
            {
                var overlaps = entries.Where((other, j) => j != i && other.From <= entries[i].To && entries[i].From <= other.To);
                if (overlaps.Any())
                {
                    var (entry, from, to) = entries[i];
                    entry.Report(Rule, entry.Property("PortRange"), from, to, group.Key.IsEgress ? "egress" : "ingress");
                }
            }
        }
    }
}
