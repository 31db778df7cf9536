using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Ec2;

/// <summary>
/// An AWS::EC2::NetworkAclEntry seen from any resource action (the ACL rules judge entries while visiting their
/// ACL), with readings shared by the network-ACL rules. Findings are reported on the entry itself.
/// </summary>
internal readonly record struct NetworkAclEntry(TemplateContext Template, Resource Resource)
{
    public const string AclType = "AWS::EC2::NetworkAcl";
    public const string EntryType = "AWS::EC2::NetworkAclEntry";

    public static NetworkAclEntry Of(ResourceContext context) => new(context.TemplateContext, context.Resource);

    public SyntaxNode? Property(string path) => Resource.Property(path);

    public void Report(RuleDescriptor descriptor, SyntaxNode? node, params object?[] args) =>
        Template.Report(descriptor, node ?? Resource.TypeNode, Resource, args);

    /// <summary>Which ACL the entry belongs to: the Ref/GetAtt target, else the rendering of NetworkAclId.</summary>
    public string AclKey => Property("NetworkAclId") switch
    {
        null => string.Empty,
        IntrinsicNode { Name: "Ref" or "Fn::GetAtt" } reference when reference.Arguments.Count > 0 && reference.Arguments[0] is ScalarNode name => "resource:" + name.Text,
        var other => "value:" + Template.Evaluate(other).Display,
    };

    /// <summary>Egress is true only when it says so; absent or anything else is an ingress entry.</summary>
    public bool IsEgress => PropertyValues.MayBeTrue(Template, Property("Egress"));

    /// <summary>The protocol number as text ("6", "-1"); the rendering of an expression otherwise.</summary>
    public string Protocol => NetworkValues.Key(Template, Property("Protocol"));

    public bool IsTcpOrUdp => Protocol is "6" or "17";

    public bool HasAction(string action) =>
        PropertyValues.AnyLiteral(Template, Property("RuleAction"), a => string.Equals(a.Trim(), action, StringComparison.OrdinalIgnoreCase));

    /// <summary>The entries of the template attached (by Ref/GetAtt) to <paramref name="acl"/>, in declaration order.</summary>
    public static IEnumerable<NetworkAclEntry> AttachedTo(ResourceContext acl) =>
        acl.Template.ResourcesOfType(EntryType)
            .Select(e => new NetworkAclEntry(acl.TemplateContext, e))
            .Where(e => e.AclKey == "resource:" + acl.LogicalId);

    /// <summary>Every entry of the template, attached to an ACL declared here or not.</summary>
    public static IEnumerable<NetworkAclEntry> All(TemplateContext template) =>
        template.Template.ResourcesOfType(EntryType).Select(e => new NetworkAclEntry(template, e));
}
