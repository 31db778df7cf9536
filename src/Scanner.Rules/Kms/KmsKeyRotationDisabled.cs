using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Kms;

/// <summary>F19: kMS key does not rotate.</summary>
public sealed class KmsKeyRotationDisabled : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F19",
        "KMS key does not rotate",
        "KMS key automatic rotation (EnableKeyRotation) {0}.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "KMS",
        "Rotating key material limits how much data one key version protects and how long a leaked version stays useful. Asymmetric and HMAC keys cannot rotate and are not checked.",
        "Set EnableKeyRotation: true.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_7"), new RuleAlias("cfn-guard", "CMK_BACKING_KEY_ROTATION_ENABLED")],
        resourceTypes: ["AWS::KMS::Key"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::KMS::Key";

    protected override string PropertyPath => "EnableKeyRotation";

    // KMS only rotates symmetric encryption keys; asking an asymmetric or HMAC key to rotate is an error.
    protected override bool AppliesTo(ResourceContext context) =>
        context.Variants("KeySpec").Any(spec => spec.AsString is not { } text || text == "SYMMETRIC_DEFAULT");
}
