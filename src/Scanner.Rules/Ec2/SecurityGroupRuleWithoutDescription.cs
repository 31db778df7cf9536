using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

/// <summary>
/// W36: a security-group rule without a Description. Inline rules are reported on their group; standalone
/// AWS::EC2::SecurityGroupIngress/Egress resources are always reported on themselves, attached to a group or not.
/// </summary>
public sealed class SecurityGroupRuleWithoutDescription : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W36",
        "Security group rule has no description",
        "This security group rule has no Description saying what the traffic is for.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "EC2",
        "Rules without a description cannot be reviewed: nobody can tell whether a port or source is still needed, so stale openings accumulate.",
        "Give every ingress and egress rule a Description naming the service and the peer it is for.",
        aliases: [new RuleAlias("cfn-guard", "SECURITY_GROUP_DESCRIPTION_RULE")],
        resourceTypes: [SecurityGroupRules.GroupType, SecurityGroupRules.IngressType, SecurityGroupRules.EgressType], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context)
    {
        context.RegisterResourceAction(CheckGroup, SecurityGroupRules.GroupType);
        context.RegisterResourceAction(CheckStandalone, SecurityGroupRules.IngressType, SecurityGroupRules.EgressType);
    }

    private static void CheckGroup(ResourceContext context)
    {
        var inline = SecurityGroupRules.RulesOf(context.TemplateContext, context.Resource, TrafficDirection.Ingress)
            .Concat(SecurityGroupRules.RulesOf(context.TemplateContext, context.Resource, TrafficDirection.Egress))
            .Where(rule => rule.Standalone is null);
        foreach (var rule in inline)
        {
            if (rule.Variants("Description").FirstOrDefault(Undescribed) is { } description)
            {
                context.TemplateContext.Report(Rule, description, rule.Node, context.Resource);
            }
        }
    }

    private static void CheckStandalone(ResourceContext context)
    {
        if (context.Variants("Description").FirstOrDefault(Undescribed) is { } description)
        {
            context.Report(Rule, description);
        }
    }

    // An empty description documents nothing either.
    private static bool Undescribed(Variant description) => description.IsAbsent || description.AsString?.Trim().Length == 0;
}
