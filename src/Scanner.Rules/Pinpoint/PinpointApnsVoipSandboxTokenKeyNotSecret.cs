using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Pinpoint;

/// <summary>F47: the Pinpoint APNs VoIP sandbox channel token key must not be readable from the template or the console.</summary>
public sealed class PinpointApnsVoipSandboxTokenKeyNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F47", "Pinpoint APNs VoIP sandbox channel token key", "AWS::Pinpoint::APNSVoipSandboxChannel", "TokenKey", "Pinpoint", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Pinpoint::APNSVoipSandboxChannel";

    protected override string PropertyPath => "TokenKey";
}
