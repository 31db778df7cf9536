namespace Scanner.Core.Diagnostics;

/// <summary>
/// "Did you mean": the candidate closest to a misspelled name by edit distance (insertions, deletions,
/// substitutions and swaps of neighbours, ignoring case), when it is close enough to be a likely typo.
/// </summary>
public static class NearestName
{
    /// <summary>The best candidate, or null when none is within a third of the word's length (at least 1, at most 3 edits).</summary>
    public static string? Find(string word, IEnumerable<string> candidates)
    {
        if (string.IsNullOrEmpty(word))
        {
            return null;
        }

        var trimmed = word.TrimStart('-');
        var limit = Math.Clamp(trimmed.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, word, StringComparison.Ordinal))
            {
                continue;
            }

            var distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance || (distance == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        if (best is null)
        {
            return null;
        }

        // A different case only, or a prefix of a longer name (--form → --format), is always a good suggestion.
        var isPrefix = trimmed.Length >= 3 && best.TrimStart('-').StartsWith(trimmed, StringComparison.OrdinalIgnoreCase);
        return bestDistance <= limit || isPrefix ? best : null;
    }

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>" (did you mean 'X'?)" or an empty string.</summary>
    public static string Hint(string word, IEnumerable<string> candidates) =>
        Find(word, candidates) is { } best ? $" (did you mean '{best}'?)" : string.Empty;
}
