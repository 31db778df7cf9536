using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.SageMaker;

/// <summary>W1201: sageMaker notebook instance does not name a KMS key.</summary>
public sealed class SageMakerNotebookWithoutKmsKey : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W1201",
        "SageMaker notebook instance does not name a KMS key",
        "SageMaker notebook instance does not set KmsKeyId for its storage volume.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "SageMaker",
        "Notebook volumes hold code, credentials and data samples; a customer managed key keeps control of who can decrypt them.",
        "Set KmsKeyId to a customer managed KMS key.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_22"), new RuleAlias("cfn-guard", "SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED")],
        resourceTypes: ["AWS::SageMaker::NotebookInstance"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::SageMaker::NotebookInstance";

    protected override string PropertyPath => "KmsKeyId";
}
