using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning and IDE viewers, built with the Sarif.Sdk object model. One run per log
/// (GitHub no longer merges several runs of one tool); parse errors are tool notifications, not results.
/// </summary>
public sealed partial class SarifReportWriter : IReportWriter
{
    public const string SourceRootBaseId = "%SRCROOT%";

    /// <summary>The partialFingerprints key; bump the version if the hashed parts ever change.</summary>
    public const string FingerprintKey = "iacscanFinding/v1";

    public const string ToolName = "iacscan";

    /// <summary>Why serializing the Sarif.Sdk model with Newtonsoft.Json is safe in the native AOT binary.</summary>
    private const string NewtonsoftUnderAot =
        "The application roots the Sarif and Newtonsoft.Json assemblies (TrimmerRootAssembly in Scanner.Cli.csproj), so no "
        + "member they reach by reflection is removed, and Newtonsoft uses reflection instead of Reflection.Emit where "
        + "dynamic code is not supported; NativeIdentityTests compares the native SARIF with the JIT build's byte for byte.";

    public string Format => "sarif";

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = NewtonsoftUnderAot)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = NewtonsoftUnderAot)]
    public void Write(ScanResult result, TextWriter writer, ReportOptions options)
    {
        var log = Build(result, options);
        writer.Write(JsonConvert.SerializeObject(log, Formatting.Indented));
        writer.WriteLine();
    }

    /// <summary>How many results a SARIF report of <paramref name="result"/> would hold and leave out; null when nothing is left out.</summary>
    public static (int Total, int Kept)? Truncation(ScanResult result, ReportOptions options)
    {
        var total = result.AllFindings.Count(f => f.RuleId != ReportFacts.ParseErrorId);
        return options.SarifMaxResults > 0 && total > options.SarifMaxResults ? (total, options.SarifMaxResults) : null;
    }

    public static SarifLog Build(ScanResult result, ReportOptions options)
    {
        var rules = new List<ReportingDescriptor>();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var descriptor in result.Rules)
        {
            ruleIndex[descriptor.Id] = rules.Count;
            rules.Add(ToRule(descriptor, options));
        }

        int IndexOf(Finding finding)
        {
            if (!ruleIndex.TryGetValue(finding.RuleId, out var index))
            {
                // A finding from a rule the result does not describe still needs a rule entry for GitHub.
                index = rules.Count;
                ruleIndex[finding.RuleId] = index;
                rules.Add(ToRule(RuleDescriptor.Create(finding.RuleId, finding.RuleId, finding.Message, finding.Level, finding.Severity, "General", kind: finding.Kind), options));
            }

            return index;
        }

        var results = new List<Result>();
        var kept = new List<Finding>();
        var notifications = new List<Notification>();
        foreach (var finding in result.AllFindings)
        {
            var index = IndexOf(finding);
            if (finding.RuleId == ReportFacts.ParseErrorId)
            {
                notifications.Add(new Notification
                {
                    Level = FailureLevel.Error,
                    Message = new Message { Text = finding.Message },
                    Locations = [ToLocation(finding, options)],
                    AssociatedRule = new ReportingDescriptorReference { Id = finding.RuleId, Index = index },
                });
                continue;
            }

            results.Add(ToResult(finding, index, options, result.Baseline is not null));
            kept.Add(finding);
        }

        if (options.SarifMaxResults > 0 && results.Count > options.SarifMaxResults)
        {
            // GitHub code scanning shows a bounded number of results per run (the Multitool's GH1004 default is
            // 1,000): keep the ones that matter most — active before suppressed, failures before warnings, then by
            // severity — in their usual order, and say what was left out.
            var total = results.Count;
            var keep = Enumerable.Range(0, total)
                .OrderBy(i => kept[i].Suppressed)
                .ThenByDescending(i => kept[i].Level)
                .ThenByDescending(i => kept[i].Severity)
                .ThenBy(i => i)
                .Take(options.SarifMaxResults)
                .Order()
                .ToList();
            results = keep.Select(i => results[i]).ToList();
            notifications.Add(new Notification
            {
                Level = FailureLevel.Warning,
                Message = new Message
                {
                    Text = $"{total - results.Count} of {total} results are left out to stay within {options.SarifMaxResults} results per run (GitHub code scanning's default); the most severe are kept. Write all of them with --sarif-max-results 0, or use the JSON report.",
                },
            });
        }

        var configurationNotifications = result.Errors
            .Select(e => new Notification { Level = FailureLevel.Error, Message = new Message { Text = e } })
            .ToList();

        var driver = new ToolComponent
        {
            Name = ToolName,
            FullName = "iacscan CloudFormation and SAM template scanner",
            Version = options.ToolVersion,
            SemanticVersion = options.ToolVersion,
            InformationUri = options.ToolInformationUri,
            Rules = rules,
        };
        if (options.DataVersions.Count > 0)
        {
            driver.SetProperty("dataVersions", options.DataVersions.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value));
        }

        var run = new Run
        {
            Tool = new Tool { Driver = driver },
            OriginalUriBaseIds = new Dictionary<string, ArtifactLocation>
            {
                [SourceRootBaseId] = new() { Uri = DirectoryUri(options.SourceRoot) },
            },
            Invocations =
            [
                new Invocation
                {
                    ExecutionSuccessful = result.Errors.Count == 0,
                    ToolExecutionNotifications = notifications.Count > 0 ? notifications : null,
                    ToolConfigurationNotifications = configurationNotifications.Count > 0 ? configurationNotifications : null,
                },
            ],
            Results = results,
            ColumnKind = ColumnKind.Utf16CodeUnits,

            // GitHub code scanning keeps the analyses of different repositories, branches and tools apart by this id.
            AutomationDetails = new RunAutomationDetails { Id = AutomationId(options, result.Shard) },
        };
        if (options.RepositoryUri is { } repository)
        {
            run.VersionControlProvenance =
            [
                new VersionControlDetails
                {
                    RepositoryUri = repository,
                    RevisionId = options.Revision,
                    Branch = options.Branch,
                    MappedTo = new ArtifactLocation { UriBaseId = SourceRootBaseId },
                },
            ];
        }

        return new SarifLog
        {
            Version = SarifVersion.Current,
            SchemaUri = new Uri("https://json.schemastore.org/sarif-2.1.0.json"),
            Runs = [run],
        };
    }

    /// <summary>
    /// <c>iacscan/REPOSITORY/BRANCH/</c>: the category of this analysis (a trailing slash lets GitHub add a run id). A
    /// shard's is <c>iacscan/REPOSITORY/BRANCH/shard-K-of-N/</c>, so uploading one shard never closes another's alerts;
    /// the merged report (<c>iacscan merge</c>) is the whole scan's category again.
    /// </summary>
    public static string AutomationId(ReportOptions options, ScanShard? shard = null)
    {
        var parts = new[] { options.Repository, options.Branch, shard is null ? null : $"shard-{shard.Index}-of-{shard.Count}" }
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim('/'));
        return string.Join('/', new[] { ToolName }.Concat(parts)) + "/";
    }

    private static ReportingDescriptor ToRule(RuleDescriptor descriptor, ReportOptions options)
    {
        // Descriptors without a description fall back to their message format, whose {0} placeholders mean nothing here.
        var description = Placeholder().IsMatch(descriptor.Description) ? descriptor.Title + "." : descriptor.Description;
        var help = new StringBuilder(description);
        var markdown = new StringBuilder().Append("**").Append(descriptor.Title).Append("**\n\n").Append(description);
        if (!string.IsNullOrWhiteSpace(descriptor.Remediation))
        {
            help.Append("\n\nRemediation: ").Append(descriptor.Remediation);
            markdown.Append("\n\n**Remediation:** ").Append(descriptor.Remediation);
        }

        if (descriptor.Aliases.Count > 0)
        {
            var aliases = string.Join(", ", descriptor.Aliases.Select(a => $"{a.Tool} {a.Id}"));
            help.Append("\n\nAlso known as: ").Append(aliases);
            markdown.Append("\n\nAlso known as: ").Append(aliases);
        }

        var helpUri = ReportFacts.HelpUri(descriptor, options);
        if (helpUri is not null)
        {
            markdown.Append("\n\n[Rule documentation](").Append(helpUri.AbsoluteUri).Append(')');
        }

        var rule = new ReportingDescriptor
        {
            Id = descriptor.Id,
            Name = RuleName(descriptor.Title),
            ShortDescription = new MultiformatMessageString { Text = descriptor.Title },
            FullDescription = new MultiformatMessageString { Text = description },
            Help = new MultiformatMessageString { Text = help.ToString(), Markdown = markdown.ToString() },
            HelpUri = helpUri,
            DefaultConfiguration = new ReportingConfiguration { Level = Level(descriptor.Level), Enabled = descriptor.EnabledByDefault },
        };
        rule.SetProperty("security-severity", ReportFacts.SecurityScoreText(descriptor.Severity));
        rule.SetProperty("precision", "high");
        rule.SetProperty("tags", Tags(descriptor));
        return rule;
    }

    /// <summary>"security" first (GitHub only scores rules tagged so), then category, source and aliases; at most 20.</summary>
    private static string[] Tags(RuleDescriptor descriptor)
    {
        var tags = new List<string> { "security", descriptor.Category, descriptor.Source };
        tags.AddRange(descriptor.Aliases.Select(a => $"{a.Tool}:{a.Id}"));
        return tags.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase).Take(20).ToArray();
    }

    /// <summary>An identifier-like name from the title: "S3 bucket without access logging" → S3BucketWithoutAccessLogging.</summary>
    private static readonly HashSet<string> Articles = new(["a", "an", "the"], StringComparer.OrdinalIgnoreCase);

    internal static string RuleName(string title)
    {
        var name = new StringBuilder();
        foreach (var word in title.Split([' ', '-', '_', '/', '(', ')', ',', ':', '.', '\'', '"'], StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
            if (letters.Length == 0 || Articles.Contains(letters))
            {
                continue;
            }

            // Acronyms become words (CIDR → Cidr) so the name stays a Pascal-case identifier.
            var rest = letters.Skip(1).All(c => !char.IsLower(c)) ? letters[1..].ToLowerInvariant() : letters[1..];
            name.Append(char.ToUpperInvariant(letters[0])).Append(rest);
        }

        return name.Length > 0 ? name.ToString() : "Rule";
    }

    private static Result ToResult(Finding finding, int ruleIndex, ReportOptions options, bool comparedWithBaseline)
    {
        var result = new Result
        {
            RuleId = finding.RuleId,
            RuleIndex = ruleIndex,
            Level = Level(finding.Level),
            Kind = ResultKind.Fail,
            Message = new Message { Text = finding.Message },
            Locations = [ToLocation(finding, options)],
            PartialFingerprints = new Dictionary<string, string>
            {
                [FingerprintKey] = ReportFacts.FindingFingerprint(finding, options),
            },
        };

        if (comparedWithBaseline)
        {
            // Compared with a baseline (scan --baseline): the findings it holds are unchanged, the others new.
            result.BaselineState = finding.Baseline ? BaselineState.Unchanged : BaselineState.New;
        }

        if (finding.When is { } when)
        {
            result.SetProperty("when", when.Description);
            result.SetProperty("conditions", when.Conditions.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
            result.SetProperty("parameters", when.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        }

        if (finding.Fix is { } fix)
        {
            result.Fixes = [ToFix(fix, result.Locations[0].PhysicalLocation.ArtifactLocation)];
        }

        if (finding.Suppressed)
        {
            result.Suppressions =
            [
                new Suppression
                {
                    Kind = finding.SuppressionSource == "deny-list" ? SuppressionKind.External : SuppressionKind.InSource,
                    Status = SuppressionStatus.Accepted,
                    Justification = string.IsNullOrWhiteSpace(finding.SuppressionReason) ? "No reason given." : finding.SuppressionReason,
                },
            ];
        }

        return result;
    }

    /// <summary>
    /// The fix as SARIF replacements in the finding's file. Regions use the results' convention (1-based lines,
    /// UTF-16 columns, end column after the last character); an insertion is an empty region, so it always states
    /// its end (a region without one would mean "to the end of the line").
    /// </summary>
    private static Fix ToFix(CodeFix fix, ArtifactLocation artifact) => new()
    {
        Description = new Message { Text = fix.Description },
        ArtifactChanges =
        [
            new ArtifactChange
            {
                ArtifactLocation = new ArtifactLocation { Uri = artifact.Uri, UriBaseId = artifact.UriBaseId },
                Replacements = fix.Edits.OrderBy(e => e.Span.Start).Select(e => new Replacement
                {
                    DeletedRegion = new Region
                    {
                        StartLine = e.Region.StartLine,
                        StartColumn = e.Region.StartColumn,
                        EndLine = e.Region.EndLine,
                        EndColumn = e.Region.EndColumn,
                    },
                    InsertedContent = new ArtifactContent { Text = e.NewText },
                }).ToList(),
            },
        ],
    };

    private static Location ToLocation(Finding finding, ReportOptions options)
    {
        var relative = ReportFacts.RelativePath(finding.FilePath, options);
        var artifact = relative is not null
            ? new ArtifactLocation { Uri = new Uri(EscapePath(relative), UriKind.Relative), UriBaseId = SourceRootBaseId }
            : new ArtifactLocation { Uri = new Uri(ReportFacts.AbsolutePath(finding.FilePath, options)) };

        var location = new Location
        {
            PhysicalLocation = new PhysicalLocation { ArtifactLocation = artifact, Region = ToRegion(finding) },
        };

        if (finding.LogicalId is not null)
        {
            location.LogicalLocations =
            [
                new LogicalLocation { Name = finding.LogicalId, FullyQualifiedName = $"Resources/{finding.LogicalId}", Kind = "resource" },
            ];
        }

        return location;
    }

    private static Region ToRegion(Finding finding)
    {
        var span = finding.Span;
        if (span.IsEmpty)
        {
            return new Region { StartLine = 1 };
        }

        var region = new Region { StartLine = Math.Max(1, span.StartLine), StartColumn = Math.Max(1, span.StartColumn) };
        if (span.EndLine > span.StartLine || (span.EndLine == span.StartLine && span.EndColumn > region.StartColumn))
        {
            region.EndLine = span.EndLine;
            region.EndColumn = Math.Max(1, span.EndColumn);
        }

        return region;
    }

    private static string EscapePath(string relative) =>
        string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));

    private static Uri DirectoryUri(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!full.EndsWith(Path.DirectorySeparatorChar))
        {
            full += Path.DirectorySeparatorChar;
        }

        return new Uri(full);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[0-9]+\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    private static FailureLevel Level(RuleLevel level) => level == RuleLevel.Failure ? FailureLevel.Error : FailureLevel.Warning;
}
