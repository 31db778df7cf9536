using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.Common;

/// <summary>Why a boolean setting that should be on is not, and the node to report (null: the property is absent).</summary>
public sealed record BooleanShortfall(SyntaxNode? Node, string Reason);

/// <summary>Three-valued reading of boolean settings, over the property's variants.</summary>
public static class BooleanSetting
{
    /// <summary>For a setting that must not be true: the node that turns it on, or null. Absent counts as off.</summary>
    public static SyntaxNode? FindTrue(ResourceContext context, string propertyPath) =>
        context.Variants(propertyPath).FirstTrue()?.Node;

    /// <summary>True when the value is, or in some deployable branch is, the boolean true.</summary>
    public static bool MayBeTrue(Value value) => value switch
    {
        ConditionalValue c => MayBeTrue(c.WhenTrue) || MayBeTrue(c.WhenFalse),
        _ => value.AsBoolean == true,
    };

    /// <summary>Why a value is not true, or null when it is true or unknown.</summary>
    public static string? FalseReason(Value value) => value switch
    {
        NoValue => "is removed with AWS::NoValue",
        ConditionalValue c => FalseReason(c.WhenTrue) is { } whenTrue
            ? $"{whenTrue} when condition '{c.Condition}' holds"
            : FalseReason(c.WhenFalse) is { } whenFalse ? $"{whenFalse} when condition '{c.Condition}' does not hold" : null,
        _ when value.AsBoolean == false => value.Origin is IntrinsicNode { Name: "Ref" } r && r.Argument is ScalarNode p
            ? $"is false (from parameter '{p.Text}')"
            : "is false",
        _ => null,
    };
}
