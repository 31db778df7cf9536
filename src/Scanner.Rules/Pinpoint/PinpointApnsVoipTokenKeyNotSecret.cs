using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Pinpoint;

/// <summary>F49: the Pinpoint APNs VoIP channel token key must not be readable from the template or the console.</summary>
public sealed class PinpointApnsVoipTokenKeyNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F49", "Pinpoint APNs VoIP channel token key", "AWS::Pinpoint::APNSVoipChannel", "TokenKey", "Pinpoint", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Pinpoint::APNSVoipChannel";

    protected override string PropertyPath => "TokenKey";
}
