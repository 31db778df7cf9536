using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
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
        // Every deployable (direction, rule number) of every entry; two clash when they can be deployed together.
        var numbered = NetworkAclEntry.AttachedTo(acl)
            .SelectMany(e => e.Combinations("Egress", "RuleNumber").Select(c => (Entry: e, Egress: NetworkAclEntry.IsEgress(c[0]), Number: c[1], Key: NetworkValues.Key(c[1]))))
            .Where(e => e.Key.Length > 0)
            .ToList();
        var reported = new HashSet<(Resource, SyntaxNode?)>();
        foreach (var a in numbered)
        {
            foreach (var b in numbered)
            {
                if (a.Entry.Resource != b.Entry.Resource && a.Egress == b.Egress && a.Key == b.Key
                    && acl.TemplateContext.Evaluator.Combine(a.Number.Scenario, b.Number.Scenario) is not null
                    && reported.Add((a.Entry.Resource, a.Number.Node)))
                {
                    a.Entry.Report(Rule, a.Number, a.Key, a.Egress ? "egress" : "ingress");
                }
            }
        }
    }
}
