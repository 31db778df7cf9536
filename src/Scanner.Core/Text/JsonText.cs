using System.Globalization;
using System.Text;

namespace Scanner.Core.Text;

/// <summary>JSON text written by hand where a serializer's choices would differ from the tool being mirrored.</summary>
public static class JsonText
{
    /// <summary>
    /// Writes <paramref name="text"/> as a JSON string: quote, backslash and the control characters escaped (<c>\n</c>,
    /// <c>\r</c>, <c>\t</c>, <c>\b</c>, <c>\f</c>, the others as <c>\u00XX</c>), as serde_json (cfn-guard) and Python's
    /// json module write them. With <paramref name="asciiOnly"/> every character outside printable ASCII is
    /// <c>\uXXXX</c> too, one per UTF-16 unit (Python's <c>ensure_ascii</c>, which SAM's translator uses); otherwise
    /// it is written as is.
    /// </summary>
    public static void WriteString(StringBuilder sb, string text, bool asciiOnly = false)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                default:
                    if (c < ' ' || (asciiOnly && c > '~'))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
