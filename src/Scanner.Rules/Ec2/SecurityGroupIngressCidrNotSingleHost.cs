using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
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
        resourceTypes: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context)
    {
        context.RegisterResourceAction(AnalyzeGroup, "AWS::EC2::SecurityGroup");
        context.RegisterResourceAction(c => CheckRule(c, c.Resource.Properties), "AWS::EC2::SecurityGroupIngress");
    }

    private static void AnalyzeGroup(ResourceContext context)
    {
        if (context.Property("SecurityGroupIngress") is SequenceNode rules)
        {
            foreach (var rule in rules.Items)
            {
                CheckRule(context, rule as MappingNode);
            }
        }
    }

    private static void CheckRule(ResourceContext context, MappingNode? rule)
    {
        if (rule is null)
        {
            return;
        }

        // Only literal CIDRs are judged: a parameter or import is not assumed to be wide (nor narrow).
        if (rule.Get("CidrIp") is ScalarNode v4 && v4.Text.Length > 0 && !v4.Text.EndsWith("/32", StringComparison.Ordinal))
        {
            context.Report(Rule, v4, v4.Text);
        }

        if (rule.Get("CidrIpv6") is ScalarNode v6 && v6.Text.Length > 0 && !v6.Text.EndsWith("/128", StringComparison.Ordinal))
        {
            context.Report(Rule, v6, v6.Text);
        }
    }
}
