using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Pinpoint;

/// <summary>F43: the Pinpoint APNs sandbox channel token key must not be readable from the template or the console.</summary>
public sealed class PinpointApnsSandboxTokenKeyNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F43", "Pinpoint APNs sandbox channel token key", "AWS::Pinpoint::APNSSandboxChannel", "TokenKey", "Pinpoint", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Pinpoint::APNSSandboxChannel";

    protected override string PropertyPath => "TokenKey";
}
