using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Pinpoint;

/// <summary>F57: the Pinpoint APNs channel private key must not be readable from the template or the console.</summary>
public sealed class PinpointApnsPrivateKeyNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F57", "Pinpoint APNs channel private key", "AWS::Pinpoint::APNSChannel", "PrivateKey", "Pinpoint", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Pinpoint::APNSChannel";

    protected override string PropertyPath => "PrivateKey";
}
