using System.Text;
using Scanner.Core.Text;

namespace Scanner.Core.Tests;

/// <summary>The one JSON string writer: serde_json's escapes (cfn-guard), and Python's ensure_ascii (SAM) as an option.</summary>
public sealed class JsonTextTests
{
    private static string Write(string text, bool asciiOnly)
    {
        var sb = new StringBuilder();
        JsonText.WriteString(sb, text, asciiOnly);
        return sb.ToString();
    }

    [Fact]
    public void Quotes_backslashes_and_control_characters_are_escaped_in_both_policies()
    {
        const string text = "a\"b\\c\nd\re\tf\bg\fh\u0001";
        const string expected = "\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001\"";
        Assert.Equal(expected, Write(text, asciiOnly: false));
        Assert.Equal(expected, Write(text, asciiOnly: true));
    }

    [Fact]
    public void Only_the_ascii_policy_escapes_what_is_not_printable_ascii()
    {
        const string text = "é\u007f😀";
        Assert.Equal("\"é\u007f😀\"", Write(text, asciiOnly: false));
        Assert.Equal("\"\\u00e9\\u007f\\ud83d\\ude00\"", Write(text, asciiOnly: true));
    }
}
