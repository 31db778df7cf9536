using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

namespace Scanner.Rules.Emr;

/// <summary>
/// W61: an EMR security configuration must turn on both encryption at rest and in transit and say how each is
/// done (a local-disk or S3 encryption setting; a TLS certificate provider).
/// </summary>
public sealed class EmrSecurityConfigurationEncryptionIncomplete : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W61",
        "EMR security configuration does not fully configure encryption",
        "EMR security configuration {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "EMR",
        "An EMR security configuration is where cluster encryption is decided. Unless both encryption at rest (local disks or EMRFS data in S3) and in transit (TLS between nodes) are on and configured, cluster data is exposed on disk or on the wire.",
        "Set EncryptionConfiguration.EnableAtRestEncryption and EnableInTransitEncryption to true, with AtRestEncryptionConfiguration (LocalDiskEncryptionConfiguration.EncryptionKeyProviderType or S3EncryptionConfiguration.EncryptionMode) and InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType.",
        aliases: [new RuleAlias("cfn-guard", "EMR_SECURITY_CONFIG_ENABLED_AND_CONFIGURED_RULE")],
        resourceTypes: ["AWS::EMR::SecurityConfiguration"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::EMR::SecurityConfiguration");

    private static void Analyze(ResourceContext context)
    {
        // Each deployable variant of the resource's Properties is judged; one finding per resource is enough.
        foreach (var properties in PropertyVariants.Of(context))
        {
            if (Problem(context, properties) is { } problem)
            {
                context.Report(Rule, problem.Node, problem.Reason);
                return;
            }
        }
    }

    private static (SyntaxNode Node, string Reason)? Problem(ResourceContext context, MappingNode? properties)
    {
        var configuration = properties?.Get("SecurityConfiguration");
        if (configuration is not null and not MappingNode)
        {
            return null; // a JSON string or an intrinsic: its content is not visible here
        }

        if (PropertyPath.Select(configuration, "EncryptionConfiguration").FirstOrDefault() is not MappingNode encryption)
        {
            return (configuration ?? context.Resource.TypeNode, "has no EncryptionConfiguration");
        }

        foreach (var (flag, label) in new[] { ("EnableAtRestEncryption", "encryption at rest"), ("EnableInTransitEncryption", "encryption in transit") })
        {
            var node = encryption.Get(flag);
            if (node is null or ScalarNode { IsNull: true })
            {
                return (encryption, $"does not turn on {label} ({flag} is not set)");
            }

            if (BooleanSetting.FalseReason(context.Evaluate(node)) is { } reason)
            {
                return (node, $"does not turn on {label} ({flag} {reason})");
            }
        }

        if (!HasAny(encryption, "AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration.EncryptionKeyProviderType", "AtRestEncryptionConfiguration.S3EncryptionConfiguration.EncryptionMode"))
        {
            return (encryption.Get("AtRestEncryptionConfiguration") ?? encryption, "turns on encryption at rest without configuring local-disk or S3 encryption");
        }

        if (!HasAny(encryption, "InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType"))
        {
            return (encryption.Get("InTransitEncryptionConfiguration") ?? encryption, "turns on encryption in transit without configuring a TLS certificate provider");
        }

        return null;
    }

    private static bool HasAny(MappingNode start, params string[] paths) =>
        paths.Any(p => PropertyPath.Select(start, p).Any(n => n is not ScalarNode { IsNull: true }));
}
