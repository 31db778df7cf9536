using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>W33: a subnet that gives every launched instance a public IP.</summary>
public sealed class SubnetAssignsPublicIps : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W33",
        "Subnet gives instances public IP addresses",
        "Subnet sets MapPublicIpOnLaunch to true, so every instance launched in it gets a public IPv4 address.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "EC2",
        "Automatic public addresses expose instances to the internet whether or not they need it; public reachability should be a deliberate, per-instance choice.",
        "Set MapPublicIpOnLaunch to false (or remove it) and assign public addresses or Elastic IPs only where needed.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_130"), new RuleAlias("cfn-guard", "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED")],
        resourceTypes: ["AWS::EC2::Subnet"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::EC2::Subnet");

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("MapPublicIpOnLaunch").FirstTrue() is { } mapping)
        {
            context.Report(Rule, mapping);
        }
    }
}
