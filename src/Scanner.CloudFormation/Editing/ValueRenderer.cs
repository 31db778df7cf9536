using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Editing;

/// <summary>Writes an <see cref="EditValue"/> as YAML block, YAML flow or JSON text, in a file's <see cref="DocumentStyle"/>.</summary>
internal sealed partial class ValueRenderer(DocumentStyle style)
{
    private string NewLine => style.NewLine;

    /// <summary>
    /// A YAML block-mapping entry whose key starts at <paramref name="indent"/>; the first line carries no indentation
    /// (the caller places it), the following lines do.
    /// </summary>
    public string YamlBlockEntry(string key, EditValue value, string indent)
    {
        var head = YamlKey(key) + ":";
        switch (value)
        {
            case EditMap { Entries.Count: > 0 } map:
                {
                    var inner = indent + new string(' ', style.YamlIndent);
                    var sb = new StringBuilder(head);
                    foreach (var (k, v) in map.Entries)
                    {
                        sb.Append(NewLine).Append(inner).Append(YamlBlockEntry(k, v, inner));
                    }

                    return sb.ToString();
                }

            case EditList { Items.Count: > 0 } list:
                {
                    var dash = indent + new string(' ', style.YamlSequenceIndent);
                    var sb = new StringBuilder(head);
                    foreach (var item in list.Items)
                    {
                        sb.Append(NewLine).Append(dash).Append("- ").Append(YamlBlockItem(item, dash + "  "));
                    }

                    return sb.ToString();
                }

            default:
                return head + " " + YamlFlow(value);
        }
    }

    /// <summary>A list item after its <c>- </c>; <paramref name="indent"/> is where the item's own lines start.</summary>
    public string YamlBlockItem(EditValue value, string indent)
    {
        if (value is EditMap { Entries.Count: > 0 } map)
        {
            var sb = new StringBuilder(YamlBlockEntry(map.Entries[0].Key, map.Entries[0].Value, indent));
            foreach (var (k, v) in map.Entries.Skip(1))
            {
                sb.Append(NewLine).Append(indent).Append(YamlBlockEntry(k, v, indent));
            }

            return sb.ToString();
        }

        return YamlFlow(value);
    }

    public string YamlFlowEntry(string key, EditValue value) => YamlKey(key) + ": " + YamlFlow(value);

    public string YamlFlow(EditValue value) => value switch
    {
        EditScalar scalar => YamlScalar(scalar, ScalarStyle.Plain),
        EditMap map => "{" + string.Join(", ", map.Entries.Select(e => YamlFlowEntry(e.Key, e.Value))) + "}",
        EditList list => "[" + string.Join(", ", list.Items.Select(YamlFlow)) + "]",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>A scalar in the given YAML style where it can be written so, else double-quoted.</summary>
    public static string YamlScalar(EditScalar scalar, ScalarStyle preferred)
    {
        var text = scalar.Text;
        switch (preferred)
        {
            case ScalarStyle.SingleQuoted:
                return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
            case ScalarStyle.DoubleQuoted:
                return DoubleQuoted(text);
            default:
                if (!scalar.IsString || IsPlainSafe(text))
                {
                    return text;
                }

                return DoubleQuoted(text);
        }
    }

    /// <summary>A JSON member; multi-line values are indented from <paramref name="indent"/>, the member's own indentation.</summary>
    public string JsonEntry(string key, EditValue value, string? indent) => JsonString(key) + style.JsonColon + Json(value, indent);

    /// <summary>A JSON value: on one line when <paramref name="indent"/> is null, else pretty-printed from it.</summary>
    public string Json(EditValue value, string? indent)
    {
        switch (value)
        {
            case EditScalar scalar:
                return scalar.IsString ? JsonString(scalar.Text) : scalar.Text;
            case EditMap { Entries.Count: 0 }:
                return "{}";
            case EditList { Items.Count: 0 }:
                return "[]";
            case EditMap map when indent is null:
                return "{" + string.Join(style.JsonComma, map.Entries.Select(e => JsonEntry(e.Key, e.Value, null))) + "}";
            case EditList list when indent is null:
                return "[" + string.Join(style.JsonComma, list.Items.Select(i => Json(i, null))) + "]";
            case EditMap map:
                {
                    var inner = indent + style.JsonIndent;
                    return "{" + string.Join(",", map.Entries.Select(e => NewLine + inner + JsonEntry(e.Key, e.Value, inner))) + NewLine + indent + "}";
                }

            case EditList list:
                {
                    var inner = indent + style.JsonIndent;
                    return "[" + string.Join(",", list.Items.Select(i => NewLine + inner + Json(i, inner))) + NewLine + indent + "]";
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(value));
        }
    }

    public static string JsonString(string text) =>
        "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";

    private static string YamlKey(string key) => IsPlainSafe(key) ? key : DoubleQuoted(key);

    private static string DoubleQuoted(string text) => JsonString(text);

    /// <summary>A string that YAML reads back as the same string when written without quotes.</summary>
    private static bool IsPlainSafe(string text) =>
        PlainSafe().IsMatch(text) && ScalarParsing.ClassifyPlain(text) == ScalarKind.String && !char.IsAsciiDigit(text[0]);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainSafe();
}
