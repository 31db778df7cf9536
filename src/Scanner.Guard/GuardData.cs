using System.Globalization;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Guard;

/// <summary>
/// Presents our syntax tree as the plain data cfn-guard evaluates: intrinsic functions are the one-key maps of their
/// long form, scalars are typed the way cfn-guard's loaders type them, and every value keeps its node.
/// </summary>
public static class GuardData
{
    /// <summary>Short-form tags cfn-guard's validate loader does not know: it drops the tag and keeps the value.</summary>
    private static readonly HashSet<string> DroppedShortForms = new(StringComparer.Ordinal)
    {
        "Fn::Cidr", "Fn::Transform", "Fn::Length", "Fn::ToJsonString", "Fn::ForEach",
    };

    public static GuardValue FromTree(SyntaxTree tree, GuardDataMode mode = GuardDataMode.Validate) =>
        tree.Root is null ? GuardValue.Map([], [], string.Empty) : FromNode(tree.Root, mode, tree.Format == SourceFormat.Json);

    public static GuardValue FromNode(SyntaxNode node, GuardDataMode mode, bool json) => Convert(node, string.Empty, mode, json);

    private static GuardValue Convert(SyntaxNode node, string path, GuardDataMode mode, bool json)
    {
        switch (node)
        {
            case ScalarNode scalar:
                return Scalar(scalar, path, mode, json);
            case SequenceNode sequence:
                {
                    var items = new GuardValue[sequence.Items.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = Convert(sequence.Items[i], path + "/" + i.ToString(CultureInfo.InvariantCulture), mode, json);
                    }

                    return GuardValue.List(items, path, node);
                }

            case MappingNode mapping:
                {
                    var keys = new List<GuardValue>(mapping.Entries.Count);
                    var values = new List<GuardValue>(mapping.Entries.Count);
                    var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (var entry in mapping.Entries)
                    {
                        var childPath = path + "/" + Escape(entry.Key.Text);
                        var value = Convert(entry.Value, childPath, mode, json);
                        if (seen.TryGetValue(entry.Key.Text, out var at))
                        {
                            values[at] = value;
                            continue;
                        }

                        seen[entry.Key.Text] = keys.Count;
                        keys.Add(GuardValue.String(entry.Key.Text, childPath, entry.Key));
                        values.Add(value);
                    }

                    return GuardValue.Map(keys, values, path, node);
                }

            case IntrinsicNode intrinsic:
                {
                    if (intrinsic.IsShortForm && DroppedShortForms.Contains(intrinsic.Name))
                    {
                        return Convert(intrinsic.Argument, path, mode, json);
                    }

                    var childPath = path + "/" + Escape(intrinsic.Name);
                    var argument = UnsplitGetAtt(intrinsic) is { } joined
                        ? GuardValue.String(joined.Text, childPath, joined.Node)
                        : Convert(intrinsic.Argument, childPath, mode, json);
                    return GuardValue.Map([GuardValue.String(intrinsic.Name, childPath)], [argument], path, node);
                }

            default:
                return GuardValue.Null(path, node);
        }
    }

    /// <summary>
    /// Our parser splits <c>Fn::GetAtt: A.B</c> into <c>[A, B]</c>; Guard keeps the string. The split list is the one
    /// whose first item starts where the list starts (a written list starts with <c>[</c> or <c>-</c>).
    /// </summary>
    private static (string Text, SyntaxNode Node)? UnsplitGetAtt(IntrinsicNode intrinsic)
    {
        if (intrinsic.Name == "Fn::GetAtt" && intrinsic.Argument is SequenceNode { Count: 2 } seq
            && seq.Items[0] is ScalarNode first && seq.Items[1] is ScalarNode second
            && first.Span.Start == seq.Span.Start && second.Span.End == seq.Span.End)
        {
            return (first.Text + "." + second.Text, seq);
        }

        return null;
    }

    private static string Escape(string key) =>
        key.Contains('~', StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal)
            ? key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : key;

    private static GuardValue Scalar(ScalarNode scalar, string path, GuardDataMode mode, bool json)
    {
        if (json)
        {
            return scalar.Style == ScalarStyle.JsonString
                ? GuardValue.String(scalar.Text, path, scalar)
                : scalar.ScalarKind switch
                {
                    ScalarKind.Null => GuardValue.Null(path, scalar),
                    ScalarKind.Boolean => GuardValue.Boolean(scalar.Text == "true", path, scalar),
                    ScalarKind.Integer when long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => GuardValue.Integer(l, path, scalar),
                    ScalarKind.Integer or ScalarKind.Float when double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => GuardValue.FloatValue(d, path, scalar),
                    _ => GuardValue.String(scalar.Text, path, scalar),
                };
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            return GuardValue.String(scalar.Text, path, scalar);
        }

        return mode == GuardDataMode.Test ? PlainTest(scalar, path) : PlainValidate(scalar, path, mode == GuardDataMode.Validate32);
    }

    private static GuardValue PlainValidate(ScalarNode scalar, string path, bool yaml11Booleans)
    {
        var text = scalar.Text;
        if (TryRustInteger(text, out var l))
        {
            return GuardValue.Integer(l, path, scalar);
        }

        if (TryRustFloat(text, out var d))
        {
            return GuardValue.FloatValue(d, path, scalar);
        }

        if (text is "true" or "false")
        {
            return GuardValue.Boolean(text == "true", path, scalar);
        }

        if (yaml11Booleans && text is "yes" or "on" or "y" or "no" or "off" or "n")
        {
            return GuardValue.Boolean(text is "yes" or "on" or "y", path, scalar);
        }

        if (text == "~" || text.Equals("null", StringComparison.OrdinalIgnoreCase) || (text.Length == 0 && scalar.ScalarKind == ScalarKind.Null))
        {
            return GuardValue.Null(path, scalar);
        }

        return GuardValue.String(text, path, scalar);
    }

    private static GuardValue PlainTest(ScalarNode scalar, string path)
    {
        var text = scalar.Text;
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return GuardValue.Null(path, scalar);
            case "true" or "True" or "TRUE":
                return GuardValue.Boolean(true, path, scalar);
            case "false" or "False" or "FALSE":
                return GuardValue.Boolean(false, path, scalar);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return GuardValue.FloatValue(double.PositiveInfinity, path, scalar);
            case "-.inf" or "-.Inf" or "-.INF":
                return GuardValue.FloatValue(double.NegativeInfinity, path, scalar);
            case ".nan" or ".NaN" or ".NAN":
                return GuardValue.FloatValue(double.NaN, path, scalar);
            default:
                break;
        }

        if (TryRustInteger(text, out var l))
        {
            return GuardValue.Integer(l, path, scalar);
        }

        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o'))
        {
            try
            {
                var value = text[1] == 'x' ? System.Convert.ToInt64(text[2..], 16) : System.Convert.ToInt64(text[2..], 8);
                return GuardValue.Integer(value, path, scalar);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                return GuardValue.String(text, path, scalar);
            }
        }

        if (IsYamlFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return GuardValue.FloatValue(d, path, scalar);
        }

        return GuardValue.String(text, path, scalar);
    }

    /// <summary>Rust's <c>i64::from_str</c>: an optional sign and ASCII digits only.</summary>
    internal static bool TryRustInteger(string text, out long value)
    {
        value = 0;
        var start = text.Length > 0 && (text[0] == '+' || text[0] == '-') ? 1 : 0;
        if (text.Length == start)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Rust's <c>f64::from_str</c>: decimal/exponent forms plus inf/infinity/nan in any case.</summary>
    internal static bool TryRustFloat(string text, out double value)
    {
        value = 0;
        var body = text.Length > 0 && (text[0] == '+' || text[0] == '-') ? text[1..] : text;
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (body.Length == 0)
        {
            return false;
        }

        var digits = 0;
        var i = 0;
        while (i < body.Length && char.IsAsciiDigit(body[i]))
        {
            i++;
            digits++;
        }

        if (i < body.Length && body[i] == '.')
        {
            i++;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < body.Length && (body[i] == 'e' || body[i] == 'E'))
        {
            i++;
            if (i < body.Length && (body[i] == '+' || body[i] == '-'))
            {
                i++;
            }

            var exp = 0;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                exp++;
            }

            if (exp == 0)
            {
                return false;
            }
        }

        return i == body.Length && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsYamlFloat(string text)
    {
        var body = text.Length > 0 && (text[0] == '+' || text[0] == '-') ? text[1..] : text;
        var hasDigit = false;
        var hasDotOrExp = false;
        var i = 0;
        while (i < body.Length && char.IsAsciiDigit(body[i]))
        {
            i++;
            hasDigit = true;
        }

        if (i < body.Length && body[i] == '.')
        {
            hasDotOrExp = true;
            i++;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                hasDigit = true;
            }
        }

        if (i < body.Length && (body[i] == 'e' || body[i] == 'E'))
        {
            hasDotOrExp = true;
            i++;
            if (i < body.Length && (body[i] == '+' || body[i] == '-'))
            {
                i++;
            }

            var exp = false;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                exp = true;
            }

            if (!exp)
            {
                return false;
            }
        }

        return hasDigit && hasDotOrExp && i == body.Length;
    }
}
