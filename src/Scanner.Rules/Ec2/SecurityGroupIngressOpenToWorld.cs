using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>W2: an ingress rule that admits the whole internet (0.0.0.0/0 or ::/0).</summary>
public sealed class SecurityGroupIngressOpenToWorld : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W2",
        "Security group ingress is open to the internet",
        "Security group ingress accepts traffic from {0}, that is from any address on the internet.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "EC2",
        "An ingress rule with CidrIp 0.0.0.0/0 or CidrIpv6 ::/0 lets anyone reach the ports it opens. That is expected on a public load balancer, rarely on an instance or a database.",
        "Restrict the source to known networks or to a security group (SourceSecurityGroupId); keep world-open ingress for public load balancers only and suppress the finding there with a reason.",
        aliases: [new RuleAlias("cfn-guard", "EC2_SECURITY_GROUP_INGRESS_OPEN_TO_WORLD_RULE")],
        resourceTypes: [SecurityGroupRules.GroupType, SecurityGroupRules.IngressType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        SecurityGroupRules.Register(context, TrafficDirection.Ingress, Check);

    internal static void Check(ResourceContext context, SecurityGroupRule rule) => ReportOpenCidrs(context, rule, Rule);

    internal static void ReportOpenCidrs(ResourceContext context, SecurityGroupRule rule, RuleDescriptor descriptor)
    {
        if (rule.Variants("CidrIp").FirstLiteral(NetworkValues.IsWholeIpv4) is { } v4)
        {
            context.Report(descriptor, v4, v4.Display);
        }

        if (rule.Variants("CidrIpv6").FirstLiteral(NetworkValues.IsWholeIpv6) is { } v6)
        {
            context.Report(descriptor, v6, v6.Display);
        }
    }
}
