namespace Scanner.CloudFormation.Evaluation;

/// <summary>
/// The common questions rules ask of a property's variants, so that a rule is one line:
/// <code>if (context.Variants("Encrypted").FirstNotTrue() is { } v) context.Report(Rule, v, v.NotTrueReason());</code>
/// A value known only at deploy time (a parameter that may take any value, an attribute) never counts against a
/// setting; a parameter's Default or AllowedValues do, since they are values the stack may be deployed with.
/// </summary>
public static class VariantQueries
{
    /// <summary>For a setting that must be true: the first variant in which it is absent, false or AWS::NoValue.</summary>
    public static Variant? FirstNotTrue(this IEnumerable<Variant> variants) =>
        variants.FirstOrDefault(v => v.IsAbsent || v.AsBoolean == false);

    /// <summary>For a setting that must not be true: the first variant in which it is true (absent counts as off).</summary>
    public static Variant? FirstTrue(this IEnumerable<Variant> variants) =>
        variants.FirstOrDefault(v => v.AsBoolean == true);

    /// <summary>For a setting that must be false: the first variant in which it is absent or true.</summary>
    public static Variant? FirstNotFalse(this IEnumerable<Variant> variants) =>
        variants.FirstOrDefault(v => v.IsAbsent || v.AsBoolean == true);

    /// <summary>For a property that must be set: the first variant in which it is missing or removed.</summary>
    public static Variant? FirstAbsent(this IEnumerable<Variant> variants) => variants.FirstOrDefault(v => v.IsAbsent);

    /// <summary>The first variant whose literal text matches <paramref name="predicate"/> (unknown values never match).</summary>
    public static Variant? FirstLiteral(this IEnumerable<Variant> variants, Func<string, bool> predicate) =>
        variants.FirstOrDefault(v => v.AsString is { } text && predicate(text));

    /// <summary>The first variant whose literal integer matches <paramref name="predicate"/> ("7" and 7 alike).</summary>
    public static Variant? FirstInteger(this IEnumerable<Variant> variants, Func<long, bool> predicate) =>
        variants.FirstOrDefault(v => v.AsInteger is { } number && predicate(number));

    /// <summary>True when some variant's literal text matches.</summary>
    public static bool AnyLiteral(this IEnumerable<Variant> variants, Func<string, bool> predicate) => variants.FirstLiteral(predicate) is not null;

    /// <summary>The literal texts the variants may take (absent and unknown ones left out).</summary>
    public static IEnumerable<string> Literals(this IEnumerable<Variant> variants) => variants.Select(v => v.AsString).OfType<string>();

    /// <summary>The variants that are present (absent ones left out).</summary>
    public static IEnumerable<Variant> Present(this IEnumerable<Variant> variants) => variants.Where(v => !v.IsAbsent);

    /// <summary>True when the property is present in every variant.</summary>
    public static bool AlwaysPresent(this IEnumerable<Variant> variants) => variants.All(v => !v.IsAbsent);

    /// <summary>
    /// Why a setting that should be true is not, for messages: "is not set", "is removed with AWS::NoValue",
    /// "is false", "is false (the default of parameter EncryptFlag)".
    /// </summary>
    public static string NotTrueReason(this Variant variant) => variant switch
    {
        { IsMissing: true } => "is not set",
        { IsRemoved: true } => "is removed with AWS::NoValue",
        { Provenance: { } provenance } => $"is {variant.Text} ({provenance})",
        _ => "is false",
    };

    /// <summary>Why a property that should be set is not: "is not set", "is removed with AWS::NoValue".</summary>
    public static string AbsentReason(this Variant variant) => variant.IsRemoved ? "is removed with AWS::NoValue" : "is not set";
}
