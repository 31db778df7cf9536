using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Lambda;

/// <summary>F45: the Lambda permission event source token must not be readable from the template or the console.</summary>
public sealed class LambdaPermissionEventSourceTokenNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F45", "Lambda permission event source token", "AWS::Lambda::Permission", "EventSourceToken", "Lambda", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Lambda::Permission";

    protected override string PropertyPath => "EventSourceToken";
}
