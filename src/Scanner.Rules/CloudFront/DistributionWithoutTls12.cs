using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.CloudFront;

/// <summary>
/// W70: a distribution whose viewer certificate does not enforce TLS 1.2: no ViewerCertificate, the default
/// CloudFront certificate (which always accepts TLS 1.0), or a MinimumProtocolVersion older than TLSv1.2.
/// </summary>
public sealed class DistributionWithoutTls12 : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W70",
        "CloudFront distribution does not require TLS 1.2",
        "CloudFront distribution does not enforce TLS 1.2 for viewers: {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "CloudFront",
        "Viewers negotiating TLS 1.0 or 1.1 are exposed to known protocol weaknesses. The default *.cloudfront.net certificate always allows TLSv1, whatever MinimumProtocolVersion says.",
        "Use a custom certificate (AcmCertificateArn or IamCertificateId) with SslSupportMethod sni-only and MinimumProtocolVersion TLSv1.2_2021 (or newer).",
        aliases: [new RuleAlias("cfn-guard", "CLOUDFRONT_MINIMUM_PROTOCOL_VERSION_RULE")],
        resourceTypes: ["AWS::CloudFront::Distribution"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::CloudFront::Distribution");

    private static void Analyze(ResourceContext context)
    {
        foreach (var certificate in context.Variants("DistributionConfig.ViewerCertificate"))
        {
            if (certificate.IsAbsent)
            {
                context.Report(Rule, certificate, "no ViewerCertificate, so the default certificate is used");
                return;
            }

            if (certificate.Variants("CloudFrontDefaultCertificate").FirstTrue() is { } useDefault)
            {
                context.Report(Rule, useDefault, "the default CloudFront certificate accepts TLSv1");
                return;
            }

            var minimum = certificate.Variants("MinimumProtocolVersion");
            if (minimum.FirstAbsent() is { } unset)
            {
                context.Report(Rule, certificate.Node, unset.Scenario, "MinimumProtocolVersion is unset");
                return;
            }

            if (minimum.FirstLiteral(v => !IsTls12OrNewer(v)) is { } weak)
            {
                context.Report(Rule, weak, "MinimumProtocolVersion is " + weak.Display);
                return;
            }
        }
    }

    // TLSv1.2_2018, TLSv1.2_2019, TLSv1.2_2021 and later policies all refuse TLS 1.0/1.1.
    private static bool IsTls12OrNewer(string version) =>
        version.StartsWith("TLSv1.2_", StringComparison.Ordinal) || version.StartsWith("TLSv1.3", StringComparison.Ordinal);
}
