using System.Text.RegularExpressions;

namespace Scanner.Core.Diagnostics;

/// <summary>How a finding affects the build: cfn-nag's F (failure) and W (warning).</summary>
public enum RuleLevel
{
    Warning = 1,
    Failure = 2,
}

/// <summary>Security Hub's severity labels, lowest first.</summary>
public enum SecuritySeverity
{
    Informational = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

/// <summary>An id that another tool uses for the same check (e.g. checkov CKV_AWS_18).</summary>
public sealed record RuleAlias(string Tool, string Id);

/// <summary>
/// Everything a report needs to know about a rule. Made through <see cref="Create"/>, which validates it, so a
/// catalog built from descriptors can never hold a malformed entry.
/// </summary>
public sealed partial record RuleDescriptor
{
    private RuleDescriptor(
        string id,
        string title,
        string messageFormat,
        RuleLevel level,
        SecuritySeverity severity,
        string category,
        string description,
        string remediation,
        IReadOnlyList<RuleAlias> aliases,
        IReadOnlyList<string> resourceTypes,
        RuleKind kind,
        bool enabledByDefault,
        string? helpUri,
        IReadOnlyList<SecuritySeverity> findingSeverities,
        IReadOnlyList<RuleArgument> arguments,
        IReadOnlyList<RuleLevel> findingLevels)
    {
        FindingLevels = findingLevels;
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Level = level;
        Severity = severity;
        Category = category;
        Description = description;
        Remediation = remediation;
        Aliases = aliases;
        ResourceTypes = resourceTypes;
        Kind = kind;
        EnabledByDefault = enabledByDefault;
        HelpUri = helpUri;
        FindingSeverities = findingSeverities;
        Arguments = arguments;
    }

    public string Id { get; }

    public string Title { get; }

    /// <summary>A full sentence; may contain {0}, {1}… filled by the rule when it reports.</summary>
    public string MessageFormat { get; }

    public RuleLevel Level { get; }

    /// <summary>The rule's Security Hub severity, as the catalog shows it.</summary>
    public SecuritySeverity Severity { get; }

    /// <summary>
    /// Every severity a finding of this rule may carry, lowest first (just <see cref="Severity"/> for most rules).
    /// Tiered rules rate each finding; their level never varies.
    /// </summary>
    public IReadOnlyList<SecuritySeverity> FindingSeverities { get; }

    /// <summary>
    /// Every level a finding of this rule may carry, lowest first (just <see cref="Level"/> for most rules). A rule
    /// whose mistake is harmless in one place and widens access in another (an unknown action in an Allow or in a
    /// Deny) raises the finding to failure where its description says.
    /// </summary>
    public IReadOnlyList<RuleLevel> FindingLevels { get; }

    /// <summary>True when findings may carry another level than <see cref="Level"/>.</summary>
    public bool LevelVariesByFinding => FindingLevels.Count > 1;

    /// <summary>True when findings may carry another severity than <see cref="Severity"/>.</summary>
    public bool SeverityVariesByFinding => FindingSeverities.Count > 1;

    public string Category { get; }

    public string Description { get; }

    public string Remediation { get; }

    public IReadOnlyList<RuleAlias> Aliases { get; }

    /// <summary>Resource types the rule looks at, for the catalog (the rule's registration is what counts).</summary>
    public IReadOnlyList<string> ResourceTypes { get; }

    /// <summary>Where the rule comes from; decides what configuration may do with its findings.</summary>
    public RuleKind Kind { get; }

    /// <summary>The kind's name as reports and the catalog show it: "cfn-nag", "builtin", "trust", "guard", "template".</summary>
    public string Source => Kind.Name();

    public bool EnabledByDefault { get; }

    /// <summary>
    /// Where the rule is documented, when its author gave a page (Guard rules from the registry do); reports otherwise
    /// link the generated rules/docs/ID.md under the configured rule documentation URL, and never invent one.
    /// </summary>
    public string? HelpUri { get; }

    /// <summary>The rule arguments this rule reads (<c>--rule-arguments NAME=VALUE</c>), checked before a scan.</summary>
    public IReadOnlyList<RuleArgument> Arguments { get; }

    public static RuleDescriptor Create(
        string id,
        string title,
        string messageFormat,
        RuleLevel level,
        SecuritySeverity severity,
        string category,
        string description = "",
        string remediation = "",
        IEnumerable<RuleAlias>? aliases = null,
        IEnumerable<string>? resourceTypes = null,
        RuleKind kind = RuleKind.BuiltIn,
        bool enabledByDefault = true,
        string? helpUri = null,
        IEnumerable<SecuritySeverity>? findingSeverities = null,
        IEnumerable<RuleArgument>? arguments = null,
        IEnumerable<RuleLevel>? findingLevels = null)
    {
        if (string.IsNullOrWhiteSpace(id) || !IdPattern().IsMatch(id))
        {
            throw new ArgumentException($"Rule id '{id}' is not valid: letters, digits, '_', '-', '.' only.", nameof(id));
        }

        if (string.IsNullOrWhiteSpace(title) || title.EndsWith('.'))
        {
            throw new ArgumentException($"Rule {id}: the title must be non-empty and must not end with a period.", nameof(title));
        }

        if (string.IsNullOrWhiteSpace(messageFormat))
        {
            throw new ArgumentException($"Rule {id}: the message must not be empty.", nameof(messageFormat));
        }

        if (kind.RequiresSentenceMessage() && !(messageFormat.EndsWith('.') || messageFormat.EndsWith('}')))
        {
            throw new ArgumentException($"Rule {id}: the message must be a full sentence ending with a period.", nameof(messageFormat));
        }

        var severities = (findingSeverities ?? []).Append(severity).Distinct().Order().ToArray();
        var levels = (findingLevels ?? []).Append(level).Distinct().Order().ToArray();

        return new RuleDescriptor(
            id,
            title,
            messageFormat,
            level,
            severity,
            string.IsNullOrWhiteSpace(category) ? "General" : category,
            string.IsNullOrWhiteSpace(description) ? messageFormat : description,
            remediation,
            aliases?.ToArray() ?? [],
            resourceTypes?.ToArray() ?? [],
            kind,
            enabledByDefault,
            helpUri,
            severities,
            arguments?.ToArray() ?? [],
            levels);
    }

    public string FormatMessage(params object?[] args)
    {
        if (args.Length == 0)
        {
            return MessageFormat;
        }

        try
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);
        }
        catch (FormatException)
        {
            return MessageFormat;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.\\-]*$")]
    private static partial Regex IdPattern();
}
