using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

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
        // Each deployable variant is judged; one finding per resource is enough.
        foreach (var configuration in context.Variants("SecurityConfiguration"))
        {
            if (Problem(context, configuration) is { } problem)
            {
                context.Report(Rule, problem.Node, problem.Scenario, problem.Reason);
                return;
            }
        }
    }

    private static readonly (string Flag, string Label)[] Flags = [("EnableAtRestEncryption", "encryption at rest"), ("EnableInTransitEncryption", "encryption in transit")];

    private static (SyntaxNode? Node, Scenario Scenario, string Reason)? Problem(ResourceContext context, Variant configuration)
    {
        if (!configuration.IsAbsent && configuration.Value is not MapValue)
        {
            return null; // a JSON string or an intrinsic: its content is not visible here
        }

        foreach (var encryption in configuration.Variants("EncryptionConfiguration"))
        {
            if (encryption.IsAbsent || encryption.Value is not MapValue)
            {
                return (configuration.Node, encryption.Scenario, "has no EncryptionConfiguration");
            }

            foreach (var (flag, label) in Flags)
            {
                if (encryption.Variants(flag).FirstNotTrue() is { } off)
                {
                    return (off.Node ?? encryption.Node, off.Scenario, $"does not turn on {label} ({flag} {off.NotTrueReason()})");
                }
            }

            if (!HasAny(encryption, "AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration.EncryptionKeyProviderType", "AtRestEncryptionConfiguration.S3EncryptionConfiguration.EncryptionMode"))
            {
                return (encryption.Variants("AtRestEncryptionConfiguration").Present().FirstOrDefault()?.Node ?? encryption.Node, encryption.Scenario, "turns on encryption at rest without configuring local-disk or S3 encryption");
            }

            if (!HasAny(encryption, "InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType"))
            {
                return (encryption.Variants("InTransitEncryptionConfiguration").Present().FirstOrDefault()?.Node ?? encryption.Node, encryption.Scenario, "turns on encryption in transit without configuring a TLS certificate provider");
            }
        }

        return null;
    }

    private static bool HasAny(Variant start, params string[] paths) => paths.Any(p => start.Variants(p).Any(v => !v.IsAbsent));
}
