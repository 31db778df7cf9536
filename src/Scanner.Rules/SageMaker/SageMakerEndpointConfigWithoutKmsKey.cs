using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.SageMaker;

/// <summary>W1200: sageMaker endpoint configuration does not name a KMS key.</summary>
public sealed class SageMakerEndpointConfigWithoutKmsKey : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W1200",
        "SageMaker endpoint configuration does not name a KMS key",
        "SageMaker endpoint configuration does not set KmsKeyId for the storage volumes of its instances.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "SageMaker",
        "Without a customer managed key, the ML storage volumes attached to the endpoint's instances are not encrypted with a key you control.",
        "Set KmsKeyId to a customer managed KMS key.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_98"), new RuleAlias("cfn-guard", "SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED")],
        resourceTypes: ["AWS::SageMaker::EndpointConfig"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::SageMaker::EndpointConfig";

    protected override string PropertyPath => "KmsKeyId";
}
