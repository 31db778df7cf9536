using System.Text;

namespace Scanner.Guard;

/// <summary>
/// The case conversions cfn-guard retries when a key is missing (<c>bucket_name</c> finds <c>BucketName</c>), in
/// its order: camelCase, ClassCase, kebab-case, PascalCase, snake_case, Title Case, Train-Case.
/// </summary>
internal static class KeyCase
{
    public static readonly IReadOnlyList<Func<string, string>> Converters =
    [
        s => Join(Words(s), first: Lower, rest: Capital, separator: string.Empty),
        s => Join(Words(s), first: Capital, rest: Capital, separator: string.Empty),
        s => Join(Words(s), first: Lower, rest: Lower, separator: "-"),
        s => Join(Words(s), first: Capital, rest: Capital, separator: string.Empty),
        s => Join(Words(s), first: Lower, rest: Lower, separator: "_"),
        s => Join(Words(s), first: Capital, rest: Capital, separator: " "),
        s => Join(Words(s), first: Capital, rest: Capital, separator: "-"),
    ];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> VariantCache = new(StringComparer.Ordinal);

    /// <summary>The conversions of <paramref name="key"/>, in <see cref="Converters"/> order (cached: rules ask for the same keys).</summary>
    public static string[] Variants(string key) => VariantCache.GetOrAdd(key, k => [.. Converters.Select(c => c(k))]);

    private static string Lower(string w) => w.ToLowerInvariant();

    private static string Capital(string w) => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant();

    private static string Join(List<string> words, Func<string, string> first, Func<string, string> rest, string separator)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(separator);
            }

            sb.Append(i == 0 ? first(words[i]) : rest(words[i]));
        }

        return sb.ToString();
    }

    /// <summary>Splits at separators and at case changes (<c>HTTPServer</c> → HTTP, Server).</summary>
    private static List<string> Words(string s)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (current.Length > 0 && char.IsUpper(c))
            {
                var prev = s[i - 1];
                var nextLower = i + 1 < s.Length && char.IsLower(s[i + 1]);
                if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextLower))
                {
                    Flush();
                }
            }

            current.Append(c);
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
