using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Pinpoint;

/// <summary>F48: the Pinpoint APNs VoIP channel private key must not be readable from the template or the console.</summary>
public sealed class PinpointApnsVoipPrivateKeyNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F48", "Pinpoint APNs VoIP channel private key", "AWS::Pinpoint::APNSVoipChannel", "PrivateKey", "Pinpoint", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Pinpoint::APNSVoipChannel";

    protected override string PropertyPath => "PrivateKey";
}
