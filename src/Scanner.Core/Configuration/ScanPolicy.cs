using System.Text;
using System.Text.RegularExpressions;
using Scanner.Core.Diagnostics;

namespace Scanner.Core.Configuration;

/// <summary>
/// A suppression kept outside the templates (in the configuration file): which rule, where, why, until when.
/// cfn-nag has only inline metadata; teams that cannot edit a template (vendored, generated) need this.
/// </summary>
public sealed record ExternalSuppression(string RuleId, string Reason)
{
    /// <summary>Glob over the finding's file path (<c>**</c>, <c>*</c>, <c>?</c>); null = every file.</summary>
    public string? File { get; init; }

    /// <summary>The resource it applies to; null = every resource.</summary>
    public string? LogicalId { get; init; }

    /// <summary>After this day the suppression no longer applies (and the finding says so).</summary>
    public DateOnly? Expires { get; init; }

    /// <summary>Whether it covers <paramref name="finding"/>; <paramref name="filePath"/> is what <see cref="File"/> is matched against (default the finding's path).</summary>
    public bool Matches(Finding finding, string? filePath = null) =>
        (RuleId == "*" || RuleId == finding.RuleId)
        && (LogicalId is null || LogicalId == finding.LogicalId)
        && (File is null || GlobToRegex(File).IsMatch(filePath ?? finding.FilePath));

    public static Regex GlobToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                sb.Append(".*");
                i++;
                if (i + 1 < glob.Length && glob[i + 1] == '/')
                {
                    i++;
                    sb.Append("/?");
                }
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}

/// <summary>
/// What the engine applies to findings after the rules ran: external suppressions and severity overrides.
/// Rules never see configuration.
/// </summary>
public sealed record ScanPolicy
{
    public static readonly ScanPolicy Empty = new();

    public IReadOnlyList<ExternalSuppression> Suppressions { get; init; } = [];

    /// <summary>Security Hub severity per rule id, replacing the descriptor's.</summary>
    public IReadOnlyDictionary<string, SecuritySeverity> SeverityOverrides { get; init; } = new Dictionary<string, SecuritySeverity>();

    /// <param name="finding">A finding of the rules.</param>
    /// <param name="today">The day expiry is judged against.</param>
    /// <param name="filePath">The finding's file as suppression globs see it (relative to the configuration file); default its path.</param>
    public Finding Apply(Finding finding, DateOnly today, string? filePath = null)
    {
        if (SeverityOverrides.TryGetValue(finding.RuleId, out var severity))
        {
            finding = finding with { Severity = severity };
        }

        if (finding.Suppressed || !finding.Kind.CanBeSuppressed())
        {
            return finding;
        }

        foreach (var s in Suppressions)
        {
            if (!s.Matches(finding, filePath))
            {
                continue;
            }

            if (s.Expires is { } expires && expires < today)
            {
                return finding with { Message = $"{finding.Message} (its suppression expired on {expires:yyyy-MM-dd})" };
            }

            return finding with { Suppressed = true, SuppressionReason = s.Reason, SuppressionSource = "configuration" };
        }

        return finding;
    }
}
