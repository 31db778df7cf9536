using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;

namespace Scanner.Guard;

/// <summary>What a pack file says about one Guard rule (everything optional).</summary>
public sealed record GuardRuleMetadata(RuleLevel? Level, SecuritySeverity? Severity, string? Title, string? Description, string? Remediation, string? Category);

/// <summary>
/// Level, severity and wording for Guard rules, read from <c>packs.yaml</c> files:
/// <code>
/// defaults: { level: failure, severity: MEDIUM }
/// rules:
///   S3_BUCKET_VERSIONING_ENABLED: { level: warning, severity: LOW, title: S3 bucket versioning is off }
/// </code>
/// </summary>
public sealed class GuardPackMetadata
{
    public const string FileName = "packs.yaml";

    private readonly Dictionary<string, GuardRuleMetadata> _rules = new(StringComparer.Ordinal);

    public static GuardPackMetadata Empty { get; } = new();

    public RuleLevel DefaultLevel { get; private set; } = RuleLevel.Failure;

    public SecuritySeverity DefaultSeverity { get; private set; } = SecuritySeverity.Medium;

    public GuardRuleMetadata? Find(string ruleName) => _rules.GetValueOrDefault(ruleName);

    /// <summary>Reads one or more pack files (later files override earlier ones); problems are returned, not thrown.</summary>
    public static GuardPackMetadata Load(IEnumerable<string> files, List<string> errors)
    {
        var metadata = new GuardPackMetadata();
        foreach (var file in files)
        {
            var tree = TemplateParser.ParseFile(file, file);
            if (tree.Root is not MappingNode root)
            {
                errors.Add($"{file}:1:1: a Guard pack file must be a mapping with 'rules' (and optional 'defaults').");
                continue;
            }

            if (root.Get("defaults") is MappingNode defaults)
            {
                var d = ReadEntry(tree, defaults, errors);
                metadata.DefaultLevel = d.Level ?? metadata.DefaultLevel;
                metadata.DefaultSeverity = d.Severity ?? metadata.DefaultSeverity;
            }

            if (root.Get("rules") is MappingNode rules)
            {
                foreach (var entry in rules.UniqueEntries)
                {
                    if (entry.Value is MappingNode m)
                    {
                        metadata._rules[entry.Key.Text] = ReadEntry(tree, m, errors);
                    }
                    else
                    {
                        errors.Add($"{Where(tree, entry.Value)}: the entry for {entry.Key.Text} must be a mapping (level, severity, title…).");
                    }
                }
            }
        }

        return metadata;
    }

    private static GuardRuleMetadata ReadEntry(SyntaxTree tree, MappingNode node, List<string> errors)
    {
        string? Text(string key) => (node.Get(key) as ScalarNode)?.Text;
        RuleLevel? level = null;
        if (Text("level") is { } l)
        {
            level = l.ToLowerInvariant() switch
            {
                "failure" or "error" or "f" => RuleLevel.Failure,
                "warning" or "warn" or "w" => RuleLevel.Warning,
                _ => null,
            };
            if (level is null)
            {
                errors.Add($"{Where(tree, node.Get("level")!)}: level must be failure or warning, not '{l}'.");
            }
        }

        SecuritySeverity? severity = null;
        if (Text("severity") is { } s)
        {
            if (Enum.TryParse<SecuritySeverity>(s, ignoreCase: true, out var parsed))
            {
                severity = parsed;
            }
            else
            {
                errors.Add($"{Where(tree, node.Get("severity")!)}: severity must be one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, not '{s}'.");
            }
        }

        return new GuardRuleMetadata(level, severity, Text("title"), Text("description"), Text("remediation"), Text("category"));
    }

    private static string Where(SyntaxTree tree, SyntaxNode node)
    {
        var span = tree.GetSpan(node);
        return $"{tree.Source.Path}:{span.StartLine}:{span.StartColumn}";
    }
}
