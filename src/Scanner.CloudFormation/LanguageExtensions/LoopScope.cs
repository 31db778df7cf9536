using System.Text;
using Scanner.CloudFormation.Evaluation;

namespace Scanner.CloudFormation.LanguageExtensions;

/// <summary>
/// The loop identifiers bound at one point of an Fn::ForEach expansion (an inner loop's identifier hides an outer
/// one of the same name), and the parameter pins the bound values depend on.
/// </summary>
internal sealed class LoopScope
{
    private readonly Dictionary<string, string> _values;

    private LoopScope(Dictionary<string, string> values, IReadOnlyList<ParameterPin> pins)
    {
        _values = values;
        Pins = pins;
    }

    public static LoopScope Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), []);

    public bool IsEmpty => _values.Count == 0;

    /// <summary>The parameters whose Default the bound values come from.</summary>
    public IReadOnlyList<ParameterPin> Pins { get; }

    public LoopScope Bind(string identifier, string value, IReadOnlyList<ParameterPin> pins) =>
        new(new Dictionary<string, string>(_values, StringComparer.Ordinal) { [identifier] = value }, pins.Count == 0 ? Pins : Pins.Concat(pins).Distinct().ToArray());

    public bool TryGet(string identifier, out string value) => _values.TryGetValue(identifier, out value!);

    /// <summary>
    /// Replaces <c>${Identifier}</c> by the bound value and <c>&amp;{Identifier}</c> by the value without its
    /// non-alphanumeric characters; other <c>${…}</c> (parameters, resources of an Fn::Sub) are kept.
    /// </summary>
    public string Substitute(string text)
    {
        if (IsEmpty || (!text.Contains("${", StringComparison.Ordinal) && !text.Contains("&{", StringComparison.Ordinal)))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if ((text[i] == '$' || text[i] == '&') && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close > 0 && _values.TryGetValue(text[(i + 2)..close], out var value))
                {
                    result.Append(text[i] == '$' ? value : Alphanumeric(value));
                    i = close + 1;
                    continue;
                }
            }

            result.Append(text[i]);
            i++;
        }

        return result.ToString();
    }

    /// <summary>True when <paramref name="text"/> uses <c>${identifier}</c> or <c>&amp;{identifier}</c>.</summary>
    public static bool Uses(string text, string identifier) =>
        text.Contains("${" + identifier + "}", StringComparison.Ordinal) || text.Contains("&{" + identifier + "}", StringComparison.Ordinal);

    private static string Alphanumeric(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
