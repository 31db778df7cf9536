using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Eks;

/// <summary>W82: an EKS cluster without envelope encryption of secrets (EncryptionConfig with a Provider.KeyArn).</summary>
public sealed class ClusterWithoutSecretsEncryption : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W82",
        "EKS cluster does not encrypt secrets with KMS",
        "EKS cluster does not configure EncryptionConfig with a Provider KeyArn.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "EKS",
        "Envelope encryption protects Kubernetes secrets in etcd with a customer managed KMS key; without it, anyone with access to etcd data reads them.",
        "Add EncryptionConfig: [{Provider: {KeyArn: <KMS key ARN>}, Resources: [secrets]}].",
        aliases: [new RuleAlias("cfn-guard", "EKS_CLUSTER_ENCRYPTION_RULE")],
        resourceTypes: ["AWS::EKS::Cluster"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::EKS::Cluster");

    private static void Analyze(ResourceContext context)
    {
        foreach (var configs in context.Variants("EncryptionConfig"))
        {
            if (configs.IsAbsent || configs.Value is ListValue { Items.Count: 0 })
            {
                context.Report(Rule, configs.Node, configs.Scenario);
                return;
            }

            foreach (var config in configs.Variants("*").Where(c => c.Value is MapValue))
            {
                if (config.Variants("Provider.KeyArn").FirstOrDefault(k => k.IsAbsent || k.AsString?.Trim().Length == 0) is { } key)
                {
                    context.Report(Rule, key.Node ?? config.Node, key.Scenario);
                }
            }
        }
    }
}
