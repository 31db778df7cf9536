namespace Scanner.Iam;

/// <summary>IAM glob matching for actions and condition values (<c>*</c> any run, <c>?</c> one character).</summary>
public static class ActionPattern
{
    /// <summary>Whether <paramref name="pattern"/> matches <paramref name="value"/>, ignoring case (actions are case-insensitive).</summary>
    public static bool Matches(string pattern, string value) => Glob(pattern, value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Case-sensitive glob (StringLike, ArnLike).</summary>
    public static bool Glob(string pattern, string value, StringComparison comparison = StringComparison.Ordinal)
    {
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || string.Compare(pattern, p, value, v, 1, comparison) == 0) && pattern[p] != '*')
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>True when the action pattern is <c>*</c> or <c>service:*</c> (all actions of a service).</summary>
    public static bool IsServiceWildcard(string pattern) =>
        pattern == "*" || (pattern.EndsWith(":*", StringComparison.Ordinal) && pattern.IndexOf(':', StringComparison.Ordinal) == pattern.Length - 2);
}
