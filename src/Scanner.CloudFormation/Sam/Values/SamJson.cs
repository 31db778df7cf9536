using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Sam.Values;

/// <summary>
/// The compact, key-sorted JSON SAM hashes to derive logical ids (Python's <c>json.dumps(sort_keys=True,
/// separators=(",", ":"))</c>), so that ids change exactly when the content they depend on changes.
/// </summary>
internal static class SamJson
{
    /// <summary>SAM's 10-hex-digit SHA-1 suffix of <paramref name="data"/> (empty for no data).</summary>
    public static string Hash(SamValue? data)
    {
        if (data is null || !SamValue.Truthy(data))
        {
            return string.Empty;
        }

        var text = data is SamScalar { Kind: ScalarKind.String } s ? s.Text : Canonical(data);
        return HashText(text);
    }

    public static string HashText(string text) => Sha1Hex(text)[..10];

    /// <summary>The SHA-1 of the UTF-8 text in lower-case hex: SAM derives logical ids with it (not a security use).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "SAM's logical id scheme, not a security control.")]
    public static string Sha1Hex(string text) => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    public static string Canonical(SamValue value)
    {
        var sb = new StringBuilder();
        Write(sb, value, sortKeys: true);
        return sb.ToString();
    }

    /// <summary>
    /// Python's <c>str(value)</c>, as SAM puts a value into an error message: a string as it is, a list or map as
    /// Python prints it (<c>['a', 'b']</c>, <c>{'name': 'tag1'}</c>, keys in template order).
    /// </summary>
    public static string Python(SamValue value)
    {
        if (value is SamScalar { Kind: ScalarKind.String } s)
        {
            return s.Text;
        }

        var sb = new StringBuilder();
        WritePython(sb, value);
        return sb.ToString();
    }

    private static void WritePython(StringBuilder sb, SamValue value)
    {
        switch (value)
        {
            case SamMap map:
                sb.Append('{');
                var first = true;
                foreach (var (key, item) in map)
                {
                    sb.Append(first ? string.Empty : ", ");
                    first = false;
                    WritePythonString(sb, key);
                    sb.Append(": ");
                    WritePython(sb, item);
                }

                sb.Append('}');
                break;
            case SamList list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    sb.Append(i > 0 ? ", " : string.Empty);
                    WritePython(sb, list[i]);
                }

                sb.Append(']');
                break;
            case SamScalar { Kind: ScalarKind.Null }:
                sb.Append("None");
                break;
            case SamScalar { Kind: ScalarKind.Boolean } b:
                sb.Append(b.BooleanValue == true ? "True" : "False");
                break;
            case SamScalar { Kind: ScalarKind.Integer or ScalarKind.Float } n:
                WriteScalar(sb, n);
                break;
            case SamScalar s:
                WritePythonString(sb, s.Text);
                break;
        }
    }

    /// <summary>Python's <c>repr(str)</c>: single quotes unless the text holds one and no double quote.</summary>
    private static void WritePythonString(StringBuilder sb, string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when c == quote => sb.Append('\\').Append(c),
                _ => sb.Append(c),
            };
        }

        sb.Append(quote);
    }

    /// <summary>Python's <c>json.dumps(value, sort_keys=True, indent=4, separators=(",", ": "))</c>, split into lines.</summary>
    public static IEnumerable<string> IndentedLines(SamValue value)
    {
        var sb = new StringBuilder();
        WriteIndented(sb, value, 0);
        return sb.ToString().Split('\n');
    }

    private static void WriteIndented(StringBuilder sb, SamValue value, int depth)
    {
        var pad = new string(' ', (depth + 1) * 4);
        var closePad = new string(' ', depth * 4);
        switch (value)
        {
            case SamMap { Count: 0 }:
                sb.Append("{}");
                break;
            case SamMap map:
                sb.Append("{\n");
                var keys = map.Keys.Order(StringComparer.Ordinal).ToList();
                for (var i = 0; i < keys.Count; i++)
                {
                    sb.Append(pad);
                    JsonText.WriteString(sb, keys[i], asciiOnly: true);
                    sb.Append(": ");
                    WriteIndented(sb, map.Get(keys[i])!, depth + 1);
                    sb.Append(i < keys.Count - 1 ? ",\n" : "\n");
                }

                sb.Append(closePad).Append('}');
                break;
            case SamList { Count: 0 }:
                sb.Append("[]");
                break;
            case SamList list:
                sb.Append("[\n");
                for (var i = 0; i < list.Count; i++)
                {
                    sb.Append(pad);
                    WriteIndented(sb, list[i], depth + 1);
                    sb.Append(i < list.Count - 1 ? ",\n" : "\n");
                }

                sb.Append(closePad).Append(']');
                break;
            case SamScalar s:
                WriteScalar(sb, s);
                break;
        }
    }

    private static void Write(StringBuilder sb, SamValue value, bool sortKeys)
    {
        switch (value)
        {
            case SamMap map:
                sb.Append('{');
                var keys = map.Keys.ToList();
                if (sortKeys)
                {
                    keys.Sort(StringComparer.Ordinal);
                }

                for (var i = 0; i < keys.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    JsonText.WriteString(sb, keys[i], asciiOnly: true);
                    sb.Append(':');
                    Write(sb, map.Get(keys[i])!, sortKeys);
                }

                sb.Append('}');
                break;
            case SamList list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, list[i], sortKeys);
                }

                sb.Append(']');
                break;
            case SamScalar s:
                WriteScalar(sb, s);
                break;
        }
    }

    private static void WriteScalar(StringBuilder sb, SamScalar s)
    {
        switch (s.Kind)
        {
            case ScalarKind.Null:
                sb.Append("null");
                break;
            case ScalarKind.Boolean:
                sb.Append(s.BooleanValue == true ? "true" : "false");
                break;
            case ScalarKind.Integer when s.IntegerValue is { } i:
                sb.Append(i.ToString(CultureInfo.InvariantCulture));
                break;
            case ScalarKind.Float when s.NumberValue is { } d:
                sb.Append(PythonFloat(d));
                break;
            default:
                JsonText.WriteString(sb, s.Text, asciiOnly: true);
                break;
        }
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, always with a fraction or exponent.</summary>
    private static string PythonFloat(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        var exponent = d == 0 ? 0 : (int)Math.Floor(Math.Log10(Math.Abs(d)));
        if (exponent is >= 16 or < -4)
        {
            var e = d.ToString("E16", CultureInfo.InvariantCulture);
            var r = d.ToString("R", CultureInfo.InvariantCulture);
            var mantissa = r.Contains('E', StringComparison.Ordinal) ? r[..r.IndexOf('E', StringComparison.Ordinal)] : e[..e.IndexOf('E', StringComparison.Ordinal)].TrimEnd('0').TrimEnd('.');
            return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }
}
