using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
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
        // Every deployable reading of every TCP/UDP entry with a literal port range.
        var ranged = NetworkAclEntry.All(template)
            .SelectMany(e => e.Combinations("Egress", "Protocol", "Ipv6CidrBlock", "PortRange", "PortRange.From", "PortRange.To")
                .Where(c => NetworkAclEntry.IsTcpOrUdp(c[1]) && c[4].AsInteger is not null && c[5].AsInteger is not null)
                .Select(c => (Entry: e, Acl: e.AclKey, Egress: NetworkAclEntry.IsEgress(c[0]), Ipv6: !c[2].IsAbsent, Range: c[3], From: c[4].AsInteger!.Value, To: c[5].AsInteger!.Value, Scenario: c[5].Scenario)))
            .ToList();

        var reported = new HashSet<(Resource, SyntaxNode?)>();
        foreach (var a in ranged)
        {
            foreach (var b in ranged)
            {
                if (a.Entry.Resource != b.Entry.Resource && a.Acl == b.Acl && a.Egress == b.Egress && a.Ipv6 == b.Ipv6
                    && b.From <= a.To && a.From <= b.To
                    && template.Evaluator.Combine(a.Scenario, b.Scenario) is not null
                    && reported.Add((a.Entry.Resource, a.Range.Node)))
                {
                    a.Entry.Report(Rule, a.Range.Node, a.Scenario, a.From, a.To, a.Egress ? "egress" : "ingress");
                }
            }
        }
    }
}
