using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Dlm;

/// <summary>W81: a DLM policy action that copies snapshots to another region without encrypting the copies.</summary>
public sealed class DlmCrossRegionCopyNotEncrypted : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W81",
        "DLM cross-region snapshot copy is not encrypted",
        "DLM lifecycle policy copies snapshots to another region without encryption (EncryptionConfiguration.Encrypted {0}).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "DLM",
        "Snapshot copies made in another region by a lifecycle policy action are unencrypted unless the copy asks for encryption, even when the source is encrypted with a key that does not exist there.",
        "Set EncryptionConfiguration.Encrypted: true (with CmkArn for a customer managed key) on every CrossRegionCopy entry of the policy's Actions.",
        aliases: [new RuleAlias("cfn-guard", "DLM_LIFECYCLE_POLICY_CROSS_REGION_ENCRYPTION_RULE")],
        resourceTypes: ["AWS::DLM::LifecyclePolicy"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::DLM::LifecyclePolicy");

    private static void Analyze(ResourceContext context)
    {
        foreach (var copy in context.Variants("PolicyDetails.Actions.*.CrossRegionCopy.*").Where(c => c.Value is MapValue))
        {
            if (copy.Variants("EncryptionConfiguration.Encrypted").FirstNotTrue() is not { } encrypted)
            {
                continue;
            }

            if (encrypted.IsMissing)
            {
                context.Report(Rule, copy.Node, encrypted.Scenario, encrypted.NotTrueReason());
            }
            else
            {
                context.Report(Rule, encrypted, encrypted.NotTrueReason());
            }
        }
    }
}
