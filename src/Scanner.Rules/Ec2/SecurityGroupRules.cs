using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Engine;

namespace Scanner.Rules.Ec2;

internal enum TrafficDirection
{
    Ingress,
    Egress,
}

/// <summary>
/// One ingress or egress rule of a security group: an entry of the group's inline list, or a standalone
/// AWS::EC2::SecurityGroupIngress/Egress resource. <paramref name="Standalone"/> is that resource, if any.
/// </summary>
internal sealed record SecurityGroupRule(MappingNode Node, TrafficDirection Direction, Resource? Standalone)
{
    public SyntaxNode? Get(string property) => Node.Get(property);
}

/// <summary>
/// Enumerates security-group rules the way cfn-nag attributes them, for the whole SG rule family. A standalone
/// rule whose GroupId is <c>Ref</c>/<c>GetAtt …GroupId</c> of a security group in the same template belongs to that
/// group (findings carry the group's logical id, so suppressions on the group keep covering it, as in cfn-nag);
/// any other standalone rule (an external group id, an import, a parameter) is judged on its own.
/// </summary>
internal static class SecurityGroupRules
{
    public const string GroupType = "AWS::EC2::SecurityGroup";
    public const string IngressType = "AWS::EC2::SecurityGroupIngress";
    public const string EgressType = "AWS::EC2::SecurityGroupEgress";

    public static string StandaloneType(TrafficDirection direction) => direction == TrafficDirection.Ingress ? IngressType : EgressType;

    private static string InlineProperty(TrafficDirection direction) =>
        direction == TrafficDirection.Ingress ? "SecurityGroupIngress" : "SecurityGroupEgress";

    /// <summary>
    /// Calls <paramref name="check"/> for every rule of <paramref name="direction"/>, with the context of the resource
    /// the finding belongs to (the owning group, or the standalone resource when it has no group here).
    /// </summary>
    public static void Register(RuleRegistrationContext context, TrafficDirection direction, Action<ResourceContext, SecurityGroupRule> check)
    {
        context.RegisterResourceAction(
            group =>
            {
                foreach (var rule in RulesOf(group.Template, group.Resource, direction))
                {
                    check(group, rule);
                }
            },
            GroupType);

        context.RegisterResourceAction(
            standalone =>
            {
                if (standalone.Resource.Properties is { } properties && OwningGroup(standalone.Template, standalone.Resource) is null)
                {
                    check(standalone, new SecurityGroupRule(properties, direction, standalone.Resource));
                }
            },
            StandaloneType(direction));
    }

    /// <summary>The group's inline rules, then the standalone rules attached to it, in declaration order.</summary>
    public static IEnumerable<SecurityGroupRule> RulesOf(Template template, Resource group, TrafficDirection direction)
    {
        foreach (var node in InlineRuleNodes(group.Property(InlineProperty(direction))))
        {
            yield return new SecurityGroupRule(node, direction, null);
        }

        foreach (var standalone in template.ResourcesOfType(StandaloneType(direction)))
        {
            if (standalone.Properties is { } properties && OwningGroup(template, standalone) == group)
            {
                yield return new SecurityGroupRule(properties, direction, standalone);
            }
        }
    }

    /// <summary>
    /// The security group of this template that a standalone rule's GroupId (or, for default-VPC groups, GroupName)
    /// designates, if any.
    /// </summary>
    public static Resource? OwningGroup(Template template, Resource standalone)
    {
        var target = (standalone.Property("GroupId") ?? standalone.Property("GroupName")) switch
        {
            IntrinsicNode { Name: "Ref", Argument: ScalarNode name } => name.Text,
            IntrinsicNode { Name: "Fn::GetAtt" } getAtt when getAtt.Arguments is [ScalarNode name, ScalarNode { Text: "GroupId" }] => name.Text,
            _ => null,
        };
        return target is not null && template.GetResource(target) is { Type: GroupType } group ? group : null;
    }

    /// <summary>Inline rule entries; both branches of an Fn::If are rules the template may deploy.</summary>
    public static IEnumerable<MappingNode> InlineRuleNodes(SyntaxNode? node)
    {
        switch (node)
        {
            case MappingNode single:
                yield return single;
                break;
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    foreach (var rule in InlineRuleNodes(item))
                    {
                        yield return rule;
                    }
                }

                break;
            case IntrinsicNode { Name: "Fn::If" } choice when choice.Arguments.Count == 3:
                foreach (var rule in InlineRuleNodes(choice.Arguments[1]).Concat(InlineRuleNodes(choice.Arguments[2])))
                {
                    yield return rule;
                }

                break;
        }
    }
}
