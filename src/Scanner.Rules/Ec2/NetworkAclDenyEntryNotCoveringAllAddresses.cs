using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

namespace Scanner.Rules.Ec2;

/// <summary>W71: a deny entry of an ACL in this template whose CIDR is narrower than every address.</summary>
public sealed class NetworkAclDenyEntryNotCoveringAllAddresses : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W71",
        "Network ACL deny entry does not cover all addresses",
        "Network ACL deny entry applies only to {0}, not to every address.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "Network ACLs are evaluated by rule number; a deny limited to part of the address space is easily shadowed or bypassed, and usually signals a rule set that should be restructured as narrow allows plus a default deny.",
        "Make deny entries cover 0.0.0.0/0 (or ::/0), and express exceptions as allow entries with lower rule numbers.",
        aliases: [new RuleAlias("cfn-guard", "EC2_NETWORK_ACL_ENTRY_INEFFECTIVE_DENY_RULE")],
        resourceTypes: [NetworkAclEntry.AclType, NetworkAclEntry.EntryType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, NetworkAclEntry.AclType);

    private static void Analyze(ResourceContext acl)
    {
        foreach (var entry in NetworkAclEntry.AttachedTo(acl))
        {
            Check(entry);
        }
    }

    private static void Check(NetworkAclEntry entry)
    {
        if (!entry.HasAction("deny"))
        {
            return;
        }

        // A CIDR known only at deploy time counts as partial: a deny meant for everything is written literally.
        if (entry.Variants("CidrBlock").FirstOrDefault(v => !v.IsAbsent && !(v.AsString is { } cidr && NetworkValues.IsWholeIpv4(cidr))) is { } v4)
        {
            entry.Report(Rule, v4, v4.Display);
            return;
        }

        if (entry.Variants("Ipv6CidrBlock").FirstOrDefault(v => !v.IsAbsent && !(v.AsString is { } cidr && NetworkValues.IsWholeIpv6(cidr))) is { } v6)
        {
            entry.Report(Rule, v6, v6.Display);
        }
    }
}
