using System.Globalization;
using Scanner.Core.Diagnostics;

namespace Scanner.Core.Configuration;

/// <summary>Key/value arguments for the rules that take them (cfn-nag's --rule-arguments).</summary>
public sealed class RuleArguments
{
    public static readonly RuleArguments Empty = new(new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, string> _values;

    public RuleArguments(IReadOnlyDictionary<string, string> values) =>
        _values = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? Get(string key) => _values.TryGetValue(key, out var v) ? v : null;

    public int GetInt(string key, int defaultValue) =>
        _values.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : defaultValue;

    /// <summary>
    /// Why an argument cannot be used: a name no rule declares (with the nearest declared one) or a value the
    /// declaring rule does not accept; null when it is fine.
    /// </summary>
    public static string? Check(string name, string value, RuleIndex rules)
    {
        if (!rules.Arguments.TryGetValue(name, out var declared))
        {
            var known = rules.Arguments.Keys.Order(StringComparer.Ordinal).ToList();
            return $"no rule takes the argument '{name}'{NearestName.Hint(name, known)}"
                + (known.Count > 0 ? $"; rule arguments: {string.Join(", ", known)}" : string.Empty);
        }

        return declared.Check(value);
    }

    /// <summary>
    /// Parses "k=v" pairs (also "k1=v1,k2=v2"); a piece without '=' after a pair continues its value, so list values
    /// keep their commas ("iam_extra_actions=svc:A,svc:B"). Returns an error message for a malformed first piece.
    /// </summary>
    public static RuleArguments Parse(IEnumerable<string> pairs, out string? error)
    {
        error = null;
        var dict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in pairs)
        {
            string? last = null;
            foreach (var pair in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    if (last is null)
                    {
                        error = $"rule argument '{pair}' is not of the form key=value";
                        return Empty;
                    }

                    dict[last] = dict[last] + "," + pair;
                    continue;
                }

                last = pair[..eq].Trim();
                dict[last] = pair[(eq + 1)..].Trim();
            }
        }

        return new RuleArguments(dict);
    }
}
