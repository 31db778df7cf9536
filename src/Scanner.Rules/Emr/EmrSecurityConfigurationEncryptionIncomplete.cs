using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
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
        resourceTypes: ["AWS::EMR::SecurityConfiguration"]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::EMR::SecurityConfiguration");

    private static void Analyze(ResourceContext context)
    {
        var configuration = context.Property("SecurityConfiguration");
        if (configuration is not null and not MappingNode)
        {
            return; // a JSON string or an intrinsic: its content is not visible here
        }

        if (PropertyPath.Select(configuration, "EncryptionConfiguration").FirstOrDefault() is not MappingNode encryption)
        {
            context.Report(Rule, configuration ?? context.Resource.TypeNode, "has no EncryptionConfiguration");
            return;
        }

        foreach (var (flag, label) in new[] { ("EnableAtRestEncryption", "encryption at rest"), ("EnableInTransitEncryption", "encryption in transit") })
        {
            var node = encryption.Get(flag);
            if (node is null or ScalarNode { IsNull: true })
            {
                context.Report(Rule, encryption, $"does not turn on {label} ({flag} is not set)");
                return;
            }

            if (BooleanSetting.FalseReason(context.Evaluate(node)) is { } reason)
            {
                context.Report(Rule, node, $"does not turn on {label} ({flag} {reason})");
                return;
            }
        }

        if (!HasAny(encryption, "AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration.EncryptionKeyProviderType", "AtRestEncryptionConfiguration.S3EncryptionConfiguration.EncryptionMode"))
        {
            context.Report(Rule, encryption.Get("AtRestEncryptionConfiguration") ?? encryption, "turns on encryption at rest without configuring local-disk or S3 encryption");
        }
        else if (!HasAny(encryption, "InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType"))
        {
            context.Report(Rule, encryption.Get("InTransitEncryptionConfiguration") ?? encryption, "turns on encryption in transit without configuring a TLS certificate provider");
        }
    }

    private static bool HasAny(MappingNode start, params string[] paths) =>
        paths.Any(p => PropertyPath.Select(start, p).Any(n => n is not ScalarNode { IsNull: true }));
}
