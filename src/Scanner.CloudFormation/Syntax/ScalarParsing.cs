using System.Globalization;
using System.Text.RegularExpressions;

namespace Scanner.CloudFormation.Syntax;

/// <summary>
/// How plain YAML scalars are typed. CloudFormation reads YAML 1.1 without timestamps, so: <c>yes/no/on/off</c>
/// are booleans, <c>0755</c> is an integer (its text is kept: "0755" is never turned into 493), and
/// <c>2012-10-17</c>, <c>::/0</c>, <c>1:20</c> stay strings.
/// </summary>
public static partial class ScalarParsing
{
    public static ScalarKind ClassifyPlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ScalarKind.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
            case "yes" or "Yes" or "YES" or "no" or "No" or "NO":
            case "on" or "On" or "ON" or "off" or "Off" or "OFF":
                return ScalarKind.Boolean;
        }

        if (IntegerPattern().IsMatch(text))
        {
            return ScalarKind.Integer;
        }

        if (FloatPattern().IsMatch(text))
        {
            return ScalarKind.Float;
        }

        return ScalarKind.String;
    }

    public static bool? ParseBoolean(string text, bool allowYaml11)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (allowYaml11)
        {
            if (text is "yes" or "Yes" or "YES" or "on" or "On" or "ON")
            {
                return true;
            }

            if (text is "no" or "No" or "NO" or "off" or "Off" or "OFF")
            {
                return false;
            }
        }

        return null;
    }

    public static long? ParseInteger(string text)
    {
        var t = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        if (t.Length == 0)
        {
            return null;
        }

        var negative = t[0] == '-';
        if (t[0] is '-' or '+')
        {
            t = t[1..];
        }

        long value;
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!long.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
            {
                return null;
            }
        }
        else if (t.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                value = Convert.ToInt64(t[2..], 8);
            }
            catch (FormatException)
            {
                return null;
            }
            catch (OverflowException)
            {
                return null;
            }
        }
        else if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }

        return negative ? -value : value;
    }

    public static double? ParseNumber(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    [GeneratedRegex("^[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0x[0-9a-fA-F_]+|0o[0-7_]+)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^([-+]?([0-9][0-9_]*\\.[0-9_]*|\\.[0-9][0-9_]*)([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}
