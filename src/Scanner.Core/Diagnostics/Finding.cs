using Scanner.Core.Text;

namespace Scanner.Core.Diagnostics;

/// <summary>One problem found in one file. Immutable; configuration produces modified copies.</summary>
public sealed record Finding
{
    public required string RuleId { get; init; }

    /// <summary>The kind of the rule that reported it (decides whether it can be suppressed).</summary>
    public required RuleKind Kind { get; init; }

    public required RuleLevel Level { get; init; }

    public required SecuritySeverity Severity { get; init; }

    public required string Message { get; init; }

    /// <summary>The file as the user named it (relative to the scan's base directory where possible).</summary>
    public required string FilePath { get; init; }

    public string? LogicalId { get; init; }

    public SourceSpan Span { get; init; } = SourceSpan.None;

    /// <summary>JSON-pointer-like path of the offending node: Resources/MyRole/Properties/Policies/0.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The resource type of <see cref="LogicalId"/>, when known.</summary>
    public string? ResourceType { get; init; }

    /// <summary>
    /// The deploy-time circumstances under which the finding holds (conditions, parameter values), or null when it
    /// holds in every deployment. The message says it in words too.
    /// </summary>
    public FindingScenario? When { get; init; }

    public bool Suppressed { get; init; }

    public string? SuppressionReason { get; init; }

    /// <summary>Where the suppression came from: "metadata", "deny-list".</summary>
    public string? SuppressionSource { get; init; }

    /// <summary>Edits that repair the finding, when its rule offers a fix that is certainly right here.</summary>
    public CodeFix? Fix { get; init; }

    /// <summary>
    /// True when the scan's baseline (<c>scan --baseline FILE</c>) holds this finding: it was there when the baseline
    /// was written, so it is marked in JSON and SARIF, left out of text and JUnit, and does not count for the exit code.
    /// </summary>
    public bool Baseline { get; init; }

    /// <summary>Whether this finding counts against --fail-on (suppressed and baseline findings never do).</summary>
    public bool IsActive => !Suppressed && !Baseline;

    public static IComparer<Finding> Order { get; } = Comparer<Finding>.Create(Compare);

    private static int Compare(Finding? a, Finding? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return -1;
        }

        if (b is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(a.FilePath, b.FilePath);
        if (c != 0)
        {
            return c;
        }

        c = a.Span.StartLine.CompareTo(b.Span.StartLine);
        if (c != 0)
        {
            return c;
        }

        c = a.Span.StartColumn.CompareTo(b.Span.StartColumn);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.LogicalId, b.LogicalId);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Path, b.Path);
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }
}

/// <summary>
/// Under which deployments a finding holds: the conditions it assumes (name → truth value) and the parameter values it
/// assumes (name → value), plus the same in words ("when condition IsDev holds and parameter Env is dev").
/// </summary>
public sealed record FindingScenario(
    IReadOnlyList<KeyValuePair<string, bool>> Conditions,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string Description);
