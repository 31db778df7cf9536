using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Scanner.Guard;

/// <summary>
/// Regexes written for Rust's fancy_regex, compiled for .NET without catastrophic backtracking: the
/// non-backtracking engine when the pattern allows it (no look-around or back-references), else a match timeout.
/// </summary>
public static class GuardRegex
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Null when the pattern is valid, else why it is not. Only the syntax is checked here (a cheap interpreted
    /// construction); the matcher itself is built on first use, since most rule files use few of their patterns.
    /// </summary>
    public static string? Validate(string pattern)
    {
        if (Cache.ContainsKey(pattern))
        {
            return null;
        }

        try
        {
            _ = new Regex(Translate(pattern), RegexOptions.CultureInvariant, MatchTimeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    public static Regex Get(string pattern) => Cache.GetOrAdd(pattern, Compile);

    /// <summary>Unanchored search, as cfn-guard's <c>is_match</c>; a timeout counts as no match.</summary>
    public static bool IsMatch(string pattern, string input)
    {
        try
        {
            return Get(pattern).IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Regex Compile(string pattern)
    {
        var translated = Translate(pattern);
        try
        {
            return new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(translated, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }

    /// <summary>Rust-only spellings .NET does not read: <c>(?P&lt;name&gt;…)</c>, <c>(?P=name)</c>, <c>\z</c>.</summary>
    private static string Translate(string pattern) =>
        pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
}
