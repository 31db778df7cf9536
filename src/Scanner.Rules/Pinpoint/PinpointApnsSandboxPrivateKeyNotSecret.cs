using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Pinpoint;

/// <summary>F42: the Pinpoint APNs sandbox channel private key must not be readable from the template or the console.</summary>
public sealed class PinpointApnsSandboxPrivateKeyNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F42", "Pinpoint APNs sandbox channel private key", "AWS::Pinpoint::APNSSandboxChannel", "PrivateKey", "Pinpoint", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Pinpoint::APNSSandboxChannel";

    protected override string PropertyPath => "PrivateKey";
}
