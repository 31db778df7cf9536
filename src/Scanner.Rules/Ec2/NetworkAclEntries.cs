using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Ec2;

/// <summary>
/// One deployable variant of an AWS::EC2::NetworkAclEntry (one unless its Properties is an undecided Fn::If), seen
/// from any resource action (the ACL rules judge entries while visiting their ACL), with readings shared by the
/// network-ACL rules. Findings are reported on the entry itself, under the variant's scenario.
/// </summary>
internal sealed record NetworkAclEntry(TemplateContext Template, Resource Resource, Variant Properties)
{
    public const string AclType = "AWS::EC2::NetworkAcl";
    public const string EntryType = "AWS::EC2::NetworkAclEntry";

    /// <summary>The deployable variants of the entry a resource action visits.</summary>
    public static IEnumerable<NetworkAclEntry> Of(ResourceContext context) => Of(context.TemplateContext, context.Resource);

    public Scenario Scenario => Properties.Scenario;

    public IReadOnlyList<Variant> Variants(string path) => Properties.Variants(path);

    /// <summary>Values of several properties read together (see <see cref="Variant.Combinations"/>).</summary>
    public IReadOnlyList<Variant[]> Combinations(params string[] paths) => Properties.Combinations(paths);

    /// <summary>Reports a value of the entry (at the entry's Type when the value is absent).</summary>
    public void Report(RuleDescriptor descriptor, Variant variant, params object?[] args) =>
        Template.Report(descriptor, variant, Resource.TypeNode, Resource, args);

    /// <summary>Reports at a node of the entry (its Type when null), under <paramref name="scenario"/>.</summary>
    public void Report(RuleDescriptor descriptor, SyntaxNode? node, Scenario scenario, params object?[] args)
    {
        var at = node ?? Resource.TypeNode;
        Template.Report(descriptor, at.Span, at.Path, Resource, descriptor.FormatMessage(args), scenario: scenario);
    }

    /// <summary>Which ACL the entry belongs to: the Ref/GetAtt target, else the rendering of NetworkAclId.</summary>
    public string AclKey => (Variants("NetworkAclId") is [var first, ..] ? first : null) switch
    {
        null or { IsAbsent: true } => string.Empty,
        { Value: SymbolicValue { Kind: SymbolKind.ResourceRef or SymbolKind.GetAtt } reference } => "resource:" + reference.Name,
        var other => "value:" + other.Text,
    };

    /// <summary>Egress is true only when it says so; absent or anything else is an ingress entry.</summary>
    public static bool IsEgress(Variant egress) => egress.AsBoolean == true;

    public static string Direction(Variant egress) => IsEgress(egress) ? "egress" : "ingress";

    /// <summary>TCP (6) or UDP (17), read as NetworkValues.Key reads protocols.</summary>
    public static bool IsTcpOrUdp(Variant protocol) => NetworkValues.Key(protocol) is "6" or "17";

    /// <summary>True when some deployable RuleAction is <paramref name="action"/> (any case).</summary>
    public bool HasAction(string action) =>
        Variants("RuleAction").AnyLiteral(a => string.Equals(a.Trim(), action, StringComparison.OrdinalIgnoreCase));

    /// <summary>The entries of the template attached (by Ref/GetAtt) to <paramref name="acl"/>, in declaration order.</summary>
    public static IEnumerable<NetworkAclEntry> AttachedTo(ResourceContext acl) =>
        acl.TemplateContext.ResourcesOfType(EntryType)
            .SelectMany(e => Of(acl.TemplateContext, e))
            .Where(e => e.AclKey == "resource:" + acl.LogicalId);

    /// <summary>Every entry of the template, attached to an ACL declared here or not.</summary>
    public static IEnumerable<NetworkAclEntry> All(TemplateContext template) =>
        template.ResourcesOfType(EntryType).SelectMany(e => Of(template, e));

    private static IEnumerable<NetworkAclEntry> Of(TemplateContext template, Resource resource) =>
        template.Variants(resource, string.Empty)
            .Select(properties => new NetworkAclEntry(template, resource, properties));
}
