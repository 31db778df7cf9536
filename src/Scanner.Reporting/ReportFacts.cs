using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Scanner.Core.Diagnostics;

namespace Scanner.Reporting;

/// <summary>Facts about findings that several report formats must agree on (paths, fingerprints, scores).</summary>
public static class ReportFacts
{
    /// <summary>The error ids that mean "the file could not be read as a template at all".</summary>
    public const string ParseErrorId = "E0000";

    /// <summary>
    /// The finding's file relative to the source root with '/' separators, or null when the file lies outside it
    /// (then <see cref="AbsolutePath"/> is the only honest location).
    /// </summary>
    public static string? RelativePath(string filePath, ReportOptions options)
    {
        var full = AbsolutePath(filePath, options);
        var root = Path.GetFullPath(options.SourceRoot);
        var relative = Path.GetRelativePath(root, full);
        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        return relative.Replace('\\', '/');
    }

    public static string AbsolutePath(string filePath, ReportOptions options) =>
        Path.GetFullPath(filePath, Path.GetFullPath(options.BaseDirectory));

    /// <summary>The path shown in reports: relative to the source root when possible, else as the scan named it.</summary>
    public static string DisplayPath(string filePath, ReportOptions options) =>
        RelativePath(filePath, options) ?? filePath.Replace('\\', '/');

    /// <summary>
    /// A location-independent identity of a finding: it ignores line numbers, so inserting lines elsewhere in the
    /// template keeps it, while a different rule, file, resource or node changes it.
    /// </summary>
    public static string Fingerprint(params string?[] parts)
    {
        var joined = string.Join("\u001f", parts.Select(p => p ?? string.Empty));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));
    }

    /// <summary>
    /// The finding's identity across scans (SARIF partialFingerprints, baselines, shards): rule, template path
    /// relative to the source root, logical id and node path.
    /// </summary>
    public static string FindingFingerprint(Finding finding, ReportOptions options) =>
        Fingerprint(finding.RuleId, DisplayPath(finding.FilePath, options), finding.LogicalId, finding.Path);

    /// <summary>GitHub's security-severity score for a Security Hub label (>=9 critical, 7–8.9 high, 4–6.9 medium, 0.1–3.9 low).</summary>
    public static double SecurityScore(SecuritySeverity severity) => severity switch
    {
        SecuritySeverity.Critical => 9.5,
        SecuritySeverity.High => 8.0,
        SecuritySeverity.Medium => 5.5,
        SecuritySeverity.Low => 2.0,
        _ => 0.0,
    };

    public static string SecurityScoreText(SecuritySeverity severity) =>
        SecurityScore(severity).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>cfn-nag's letter: F for failures, W for warnings.</summary>
    public static char LevelLetter(RuleLevel level) => level == RuleLevel.Failure ? 'F' : 'W';

    public static string LevelName(RuleLevel level) => level == RuleLevel.Failure ? "failure" : "warning";

    public static int Line(Finding finding) => Math.Max(1, finding.Span.StartLine);

    public static int Column(Finding finding) => Math.Max(1, finding.Span.StartColumn);

    /// <summary>
    /// The page documenting a rule: the one its descriptor names, else <c>RULE_DOCS_URL/ID.md</c> (the generated
    /// rules/docs pages) when a documentation URL is known; null otherwise, since a made-up link is worse than none.
    /// </summary>
    public static Uri? HelpUri(RuleDescriptor rule, ReportOptions options)
    {
        if (Uri.TryCreate(rule.HelpUri, UriKind.Absolute, out var given))
        {
            return given;
        }

        return options.RuleDocsUrl is { } docs && Uri.TryCreate($"{docs.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(rule.Id)}.md", UriKind.Absolute, out var page) ? page : null;
    }

    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        const string Ellipsis = "...";
        var cut = maxLength - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + Ellipsis;
    }
}
