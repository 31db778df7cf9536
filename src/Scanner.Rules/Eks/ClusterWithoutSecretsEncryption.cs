using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

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
        var configs = context.Property("EncryptionConfig");
        if (PropertyValues.MayBeMissing(context, configs) || configs is SequenceNode { Count: 0 })
        {
            context.Report(Rule, configs ?? context.Resource.TypeNode);
            return;
        }

        if (configs is not SequenceNode list)
        {
            return;
        }

        foreach (var config in list.Items.OfType<MappingNode>())
        {
            var keyArn = Scanner.CloudFormation.Model.Resource.Navigate(config, "Provider.KeyArn");
            if (PropertyValues.MayBeMissing(context, keyArn) || PropertyValues.AnyLiteral(context, keyArn, k => k.Trim().Length == 0))
            {
                context.Report(Rule, keyArn ?? config);
            }
        }
    }
}
