using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>W9: an ingress rule whose CIDR is wider than a single host.</summary>
public sealed class SecurityGroupIngressCidrNotSingleHost : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W9",
        "Security group ingress CIDR is wider than one host",
        "Security group ingress allows {0}, a range wider than a single host (/32 or /128).",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "Ingress rules that admit whole networks grow the attack surface. Prefer single hosts, prefix lists or security-group references.",
        "Narrow CidrIp to a /32 (CidrIpv6 to /128), or reference a source security group instead of a CIDR.",
        aliases: [new RuleAlias("cfn-guard", "SECURITY_GROUP_INGRESS_CIDR_NON_32_RULE")],
        resourceTypes: [SecurityGroupRules.GroupType, SecurityGroupRules.IngressType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        SecurityGroupRules.Register(context, TrafficDirection.Ingress, Check);

    private static void Check(ResourceContext context, SecurityGroupRule rule)
    {
        // Only literals (given values, defaults and allowed values of parameters included) are judged: a value known
        // only at deploy time is not assumed to be wide, nor narrow.
        if (rule.Variants("CidrIp").FirstLiteral(NetworkValues.IsIpv4Range) is { } wide4)
        {
            context.Report(Rule, wide4, wide4.Display);
        }

        if (rule.Variants("CidrIpv6").FirstLiteral(NetworkValues.IsIpv6Range) is { } wide6)
        {
            context.Report(Rule, wide6, wide6.Display);
        }
    }
}
