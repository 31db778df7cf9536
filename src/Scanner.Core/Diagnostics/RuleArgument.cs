using System.Globalization;

namespace Scanner.Core.Diagnostics;

/// <summary>What kind of value a rule argument takes; decides how a given value is checked.</summary>
public enum RuleArgumentKind
{
    /// <summary>A whole number, at least <see cref="RuleArgument.Minimum"/>.</summary>
    Integer,

    /// <summary>12-digit AWS account ids separated by commas, semicolons or spaces.</summary>
    AccountIds,

    /// <summary>Names of the form <c>service:name</c> (IAM actions, condition keys) separated by commas, semicolons or spaces.</summary>
    ServiceNames,
}

/// <summary>
/// An argument a rule reads (cfn-nag's <c>--rule-arguments key=value</c>), declared in the rule's descriptor so the
/// command line and the configuration file can reject a misspelled key or a malformed value instead of ignoring it.
/// </summary>
public sealed record RuleArgument(string Name, RuleArgumentKind Kind, string Description)
{
    /// <summary>The value used when none is given, as text (null: the rule's behaviour without it is described).</summary>
    public string? DefaultValue { get; init; }

    /// <summary>Smallest accepted value of an <see cref="RuleArgumentKind.Integer"/> argument.</summary>
    public int Minimum { get; init; }

    public string KindName => Kind switch
    {
        RuleArgumentKind.Integer => "integer",
        RuleArgumentKind.ServiceNames => "service:name list",
        _ => "account ids",
    };

    /// <summary>Why <paramref name="value"/> is not acceptable, or null when it is.</summary>
    public string? Check(string value)
    {
        switch (Kind)
        {
            case RuleArgumentKind.Integer:
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    return $"{Name} must be a whole number, not '{value}'";
                }

                return number < Minimum ? $"{Name} must be at least {Minimum.ToString(CultureInfo.InvariantCulture)}, not {value}" : null;

            case RuleArgumentKind.ServiceNames:
                var names = SplitList(value);
                if (names.Count == 0)
                {
                    return $"{Name} needs at least one service:name";
                }

                var malformed = names.FirstOrDefault(n => n.IndexOf(':', StringComparison.Ordinal) is <= 0 || n.EndsWith(':'));
                return malformed is null ? null : $"'{malformed}' is not of the form service:name ({Name})";

            default:
                var items = SplitList(value);
                if (items.Count == 0)
                {
                    return $"{Name} needs at least one 12-digit AWS account id";
                }

                var bad = items.FirstOrDefault(i => i.Length != 12 || !i.All(char.IsAsciiDigit));
                return bad is null ? null : $"'{bad}' is not a 12-digit AWS account id ({Name})";
        }
    }

    /// <summary>The items of a list-valued argument: separated by commas, semicolons or spaces.</summary>
    public static IReadOnlyList<string> SplitList(string value) =>
        value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
