using Scanner.Core.Diagnostics;
using Scanner.Iam;
using Scanner.Rules.Iam;

namespace Scanner.Rules.IoT;

// Rules on AWS::IoT::Policy documents (device policies).

/// <summary>W38: reports that the IoT policy allows all actions.</summary>
public sealed class IotPolicyAllowsAllActions : WildcardActionRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W38",
        "IoT policy allows all actions",
        "IoT policy allows the wildcard action '{0}'.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IoT",
        "A device holding a wildcard IoT policy can publish, subscribe, update shadows and manage jobs beyond its own function.",
        "List the IoT actions the device needs (for example iot:Connect, iot:Publish).",
        resourceTypes: ["AWS::IoT::Policy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}

/// <summary>W39: reports that the IoT policy allows all resources.</summary>
public sealed class IotPolicyAllowsAllResources : WildcardResourceRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W39",
        "IoT policy allows all resources",
        "IoT policy allows its actions on every resource (Resource '{0}').",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IoT",
        "Resource '*' lets any device holding the policy connect as any client and use every topic.",
        "Scope Resource to the client, topic and thing ARNs of the device, using policy variables such as ${iot:Connection.Thing.ThingName}.",
        resourceTypes: ["AWS::IoT::Policy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override PolicyKind PolicyKind => PolicyKind.Identity;

    protected override IReadOnlyList<string> PolicyResourceTypes => Rule.ResourceTypes;
}
