using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Pinpoint;

/// <summary>F56: the Pinpoint APNs channel token key must not be readable from the template or the console.</summary>
public sealed class PinpointApnsTokenKeyNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F56", "Pinpoint APNs channel token key", "AWS::Pinpoint::APNSChannel", "TokenKey", "Pinpoint", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Pinpoint::APNSChannel";

    protected override string PropertyPath => "TokenKey";
}
