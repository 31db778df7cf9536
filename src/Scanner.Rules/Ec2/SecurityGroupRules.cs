using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
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
/// One ingress or egress rule of a security group, as one deployable variant: an entry of the group's inline list, or
/// the Properties of a standalone AWS::EC2::SecurityGroupIngress/Egress resource (<paramref name="Standalone"/>).
/// Its variants carry the scenario under which the rule exists (an Fn::If in the list, the standalone's Condition).
/// </summary>
internal sealed record SecurityGroupRule(Variant Item, TrafficDirection Direction, Resource? Standalone)
{
    /// <summary>Every deployable value of one of the rule's properties (CidrIp, FromPort…), within the rule's scenario.</summary>
    public IReadOnlyList<Variant> Variants(string property) => Item.Variants(property);

    /// <summary>The values of a property within a scenario that already fixes another property's value (see <see cref="Variant.Variants(string, Scenario)"/>).</summary>
    public IReadOnlyList<Variant> Variants(string property, Scenario within) => Item.Variants(property, within);

    /// <summary>The rule's mapping as written, when it is one.</summary>
    public SyntaxNode? Node => Item.Node;

    public SyntaxNode? Get(string property) => (Item.Node as MappingNode)?.Get(property);
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
                foreach (var rule in RulesOf(group.TemplateContext, group.Resource, direction))
                {
                    check(group, rule);
                }
            },
            GroupType);

        context.RegisterResourceAction(
            standalone =>
            {
                if (OwningGroup(standalone.TemplateContext, standalone.Resource) is null)
                {
                    foreach (var properties in standalone.PropertiesVariants().Where(v => !v.IsAbsent))
                    {
                        check(standalone, new SecurityGroupRule(properties, direction, standalone.Resource));
                    }
                }
            },
            StandaloneType(direction));
    }

    /// <summary>The group's inline rules, then the standalone rules attached to it, in declaration order.</summary>
    public static IEnumerable<SecurityGroupRule> RulesOf(TemplateContext template, Resource group, TrafficDirection direction)
    {
        foreach (var item in template.Variants(group, InlineProperty(direction) + ".*"))
        {
            if (!item.IsAbsent && item.Value is MapValue)
            {
                yield return new SecurityGroupRule(item, direction, null);
            }
        }

        foreach (var standalone in template.ResourcesOfType(StandaloneType(direction)))
        {
            if (OwningGroup(template, standalone) == group)
            {
                foreach (var properties in template.Variants(standalone, string.Empty).Where(v => !v.IsAbsent))
                {
                    yield return new SecurityGroupRule(properties, direction, standalone);
                }
            }
        }
    }

    /// <summary>
    /// The security group of this template that a standalone rule's GroupId (or, for default-VPC groups, GroupName)
    /// designates, if any.
    /// </summary>
    public static Resource? OwningGroup(TemplateContext template, Resource standalone)
    {
        var target = template.Variants(standalone, "GroupId").Concat(template.Variants(standalone, "GroupName"))
            .Select(v => v.IsAbsent ? null : v.Value)
            .Select(value => value switch
            {
                SymbolicValue { Kind: SymbolKind.ResourceRef } reference => reference.Name,
                SymbolicValue { Kind: SymbolKind.GetAtt, Attribute: "GroupId" } attribute => attribute.Name,
                _ => null,
            })
            .FirstOrDefault(name => name is not null);
        return target is not null && template.GetResource(target) is { Type: GroupType } group ? group : null;
    }
}
