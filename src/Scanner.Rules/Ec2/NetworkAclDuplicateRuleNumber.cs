using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>F79: two entries of one ACL and one direction share a rule number (CloudFormation rejects the second).</summary>
public sealed class NetworkAclDuplicateRuleNumber : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F79",
        "Network ACL rule number is used twice in one direction",
        "Network ACL rule number {0} is used by more than one {1} entry of the same ACL.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "EC2",
        "Rule numbers order the entries of a network ACL and must be unique per direction. A duplicate fails the deployment, or worse, leaves the ACL with only one of the intended entries.",
        "Give each ingress entry, and each egress entry, of an ACL its own RuleNumber.",
        resourceTypes: [NetworkAclEntry.AclType, NetworkAclEntry.EntryType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, NetworkAclEntry.AclType);

    private static void Analyze(ResourceContext acl)
    {
        var groups = NetworkAclEntry.AttachedTo(acl)
            .Select(e => (Entry: e, Number: NetworkValues.Key(e.Template, e.Property("RuleNumber"))))
            .Where(e => e.Number.Length > 0)
            .GroupBy(e => (e.Entry.IsEgress, e.Number))
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            foreach (var (entry, number) in group)
            {
                entry.Report(Rule, entry.Property("RuleNumber"), number, group.Key.IsEgress ? "egress" : "ingress");
            }
        }
    }
}
