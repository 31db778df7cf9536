using Scanner.Core.Diagnostics;

namespace Scanner.Core.Engine;

/// <summary>The outcome for one analysed file.</summary>
public sealed record FileResult(string Path, IReadOnlyList<Finding> Findings)
{
    /// <summary>The resource logical ids (and types) of the template, for reports that list passing checks.</summary>
    public IReadOnlyList<string> ResourceIds { get; init; } = [];

    /// <summary>True when the file could not be parsed (it carries an E0000 finding).</summary>
    public bool ParseFailed { get; init; }

    /// <summary>The configuration file that applied to this file (relative to the scan's base directory where possible), if any.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The lowest level that fails the build for this file, when its configuration file sets one (<c>fail_on</c>).</summary>
    public string? FailOn { get; init; }
}

/// <summary>A file (or directory) the scan did not analyse, and why.</summary>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>Everything one scan produced, in deterministic order.</summary>
public sealed record ScanResult(IReadOnlyList<FileResult> Files, IReadOnlyList<RuleDescriptor> Rules)
{
    /// <summary>Files found in directories that are not CloudFormation templates.</summary>
    public int SkippedFiles { get; init; }

    public IReadOnlyList<string> SkippedPaths { get; init; } = [];

    /// <summary>Everything not analysed with the reason: non-templates, excluded files, directories skipped by default.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    /// <summary>The configuration files used by this scan, in order.</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; } = [];

    /// <summary>Problems that are not about one template (e.g. a bad rule file), shown but not counted per file.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public IEnumerable<Finding> AllFindings => Files.SelectMany(f => f.Findings);

    public int Failures => AllFindings.Count(f => f.IsActive && f.Level == RuleLevel.Failure);

    public int Warnings => AllFindings.Count(f => f.IsActive && f.Level == RuleLevel.Warning);

    public int SuppressedCount => AllFindings.Count(f => f.Suppressed);

    /// <summary>The comparison with a baseline file, when the scan was given one (<c>--baseline</c>, <c>--write-baseline</c>).</summary>
    public BaselineComparison? Baseline { get; init; }

    /// <summary>Findings the baseline holds (not counted as failures or warnings).</summary>
    public int BaselineCount => AllFindings.Count(f => f.Baseline);

    /// <summary>The part of a sharded scan this result covers (<c>scan --shard K/N</c>); null for a whole scan.</summary>
    public ScanShard? Shard { get; init; }

    public RuleDescriptor? FindRule(string id) => Rules.FirstOrDefault(r => r.Id == id);
}

/// <summary>
/// One finding recorded in a baseline, by its fingerprint (SARIF <c>partialFingerprints</c>: rule, template path
/// relative to the source root, logical id, node path); the other fields say what it was, for people.
/// </summary>
public sealed record BaselineEntry(string Fingerprint, string RuleId, string Path, string? LogicalId, string NodePath, string Message);

/// <summary>What comparing a scan with a baseline found: the baseline file, its size, and the entries no finding matches any more.</summary>
public sealed record BaselineComparison(string File, int Entries, IReadOnlyList<BaselineEntry> Stale);
