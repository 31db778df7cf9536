using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Pinpoint;

/// <summary>F46: the Pinpoint APNs VoIP sandbox channel private key must not be readable from the template or the console.</summary>
public sealed class PinpointApnsVoipSandboxPrivateKeyNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F46", "Pinpoint APNs VoIP sandbox channel private key", "AWS::Pinpoint::APNSVoipSandboxChannel", "PrivateKey", "Pinpoint", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Pinpoint::APNSVoipSandboxChannel";

    protected override string PropertyPath => "PrivateKey";
}
