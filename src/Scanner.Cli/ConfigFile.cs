using System.Globalization;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Scanner.Cli;

/// <summary>
/// The optional configuration file (<c>--config FILE</c>, or <c>.iacscan.yml</c> in the working directory):
/// settings a team keeps in its repository instead of repeating them on every command line. Command-line options
/// win over it.
/// <code>
/// profile: ci/profile.txt           # cfn-nag profile (paths are relative to this file)
/// denyList: ci/deny.yaml             # cfn-nag deny list
/// failOn: warning
/// exclude: ["vendor/**"]
/// ruleArguments: {spcm_threshold: 30}
/// trustedAccounts: ["111122223333"]
/// severity: {W35: LOW}               # Security Hub severity overrides
/// suppressions:
///   - {id: W35, file: "legacy/**", resource: LogBucket, reason: "the log bucket itself", expires: 2027-06-30}
/// </code>
/// </summary>
public sealed record ConfigFile
{
    public const string DefaultName = ".iacscan.yml";

    public string? Profile { get; init; }

    public string? DenyList { get; init; }

    public string? FailOn { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public IReadOnlyDictionary<string, string> RuleArguments { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> TrustedAccounts { get; init; } = [];

    public ScanPolicy Policy { get; init; } = ScanPolicy.Empty;

    private static readonly HashSet<string> KnownKeys =
        ["profile", "denyList", "failOn", "exclude", "ruleArguments", "trustedAccounts", "severity", "suppressions"];

    /// <summary>Loads <paramref name="explicitPath"/>, else <c>.iacscan.yml</c> in <paramref name="cwd"/>, else an empty configuration.</summary>
    public static ConfigFile Load(string? explicitPath, string cwd, Func<string, bool> isKnownRule)
    {
        var path = explicitPath is null ? Path.Combine(cwd, DefaultName) : Path.GetFullPath(explicitPath, cwd);
        if (explicitPath is null && !File.Exists(path))
        {
            return new ConfigFile();
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read configuration file '{path}': {ex.Message}");
        }

        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new UsageException($"{path}:{ex.Start.Line}:{ex.Start.Column}: invalid YAML in configuration file");
        }

        if (yaml.Documents.Count == 0)
        {
            return new ConfigFile();
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new UsageException($"{path}:1:1: the configuration file must be a mapping");
        }

        var baseDir = Path.GetDirectoryName(path)!;
        var config = new ConfigFile();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            string Where(YamlNode n) => $"{path}:{n.Start.Line}:{n.Start.Column}";
            if (!KnownKeys.Contains(key))
            {
                throw new UsageException($"{Where(keyNode)}: unknown configuration key '{key}' (known: {string.Join(", ", KnownKeys)})");
            }

            config = key switch
            {
                "profile" => config with { Profile = Path.GetFullPath(Scalar(value, Where), baseDir) },
                "denyList" => config with { DenyList = Path.GetFullPath(Scalar(value, Where), baseDir) },
                "failOn" => config with { FailOn = Scalar(value, Where) is var f && f is "failure" or "warning" or "none" ? f : throw new UsageException($"{Where(value)}: failOn must be failure, warning or none") },
                "exclude" => config with { Exclude = List(value, Where) },
                "trustedAccounts" => config with { TrustedAccounts = List(value, Where) },
                "ruleArguments" => config with { RuleArguments = Map(value, Where).ToDictionary(kv => kv.Key, kv => Scalar(kv.Value, Where)) },
                "severity" => config with { Policy = config.Policy with { SeverityOverrides = Severities(value, Where, isKnownRule) } },
                "suppressions" => config with { Policy = config.Policy with { Suppressions = Suppressions(value, Where, isKnownRule) } },
                _ => config,
            };
        }

        return config;
    }

    private static Dictionary<string, SecuritySeverity> Severities(YamlNode node, Func<YamlNode, string> where, Func<string, bool> isKnownRule)
    {
        var result = new Dictionary<string, SecuritySeverity>(StringComparer.Ordinal);
        foreach (var (id, value) in Map(node, where))
        {
            if (!isKnownRule(id))
            {
                throw new UsageException($"{where(value)}: unknown rule id '{id}' in severity overrides");
            }

            result[id] = Enum.TryParse<SecuritySeverity>(Scalar(value, where), ignoreCase: true, out var s)
                ? s
                : throw new UsageException($"{where(value)}: severity must be CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL");
        }

        return result;
    }

    private static List<ExternalSuppression> Suppressions(YamlNode node, Func<YamlNode, string> where, Func<string, bool> isKnownRule)
    {
        if (node is not YamlSequenceNode list)
        {
            throw new UsageException($"{where(node)}: suppressions must be a list of {{id, reason, file?, resource?, expires?}}");
        }

        var result = new List<ExternalSuppression>();
        foreach (var item in list.Children)
        {
            var map = Map(item, where).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var id = map.TryGetValue("id", out var idNode) ? Scalar(idNode, where) : throw new UsageException($"{where(item)}: a suppression needs an id");
            if (id != "*" && !isKnownRule(id))
            {
                throw new UsageException($"{where(idNode)}: unknown rule id '{id}' in suppressions");
            }

            var reason = map.TryGetValue("reason", out var reasonNode) ? Scalar(reasonNode, where) : string.Empty;
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new UsageException($"{where(item)}: suppression of {id} needs a reason");
            }

            DateOnly? expires = null;
            if (map.TryGetValue("expires", out var expiresNode))
            {
                expires = DateOnly.TryParseExact(Scalar(expiresNode, where), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d
                    : throw new UsageException($"{where(expiresNode)}: expires must be a date YYYY-MM-DD");
            }

            result.Add(new ExternalSuppression(id, reason)
            {
                File = map.TryGetValue("file", out var f) ? Scalar(f, where) : null,
                LogicalId = map.TryGetValue("resource", out var r) ? Scalar(r, where) : null,
                Expires = expires,
            });
        }

        return result;
    }

    private static string Scalar(YamlNode node, Func<YamlNode, string> where) =>
        node is YamlScalarNode { Value: { } v } ? v : throw new UsageException($"{where(node)}: expected a single value");

    private static List<string> List(YamlNode node, Func<YamlNode, string> where) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(c => Scalar(c, where)).ToList(),
        YamlScalarNode s => [Scalar(s, where)],
        _ => throw new UsageException($"{where(node)}: expected a list"),
    };

    private static IEnumerable<KeyValuePair<string, YamlNode>> Map(YamlNode node, Func<YamlNode, string> where) =>
        node is YamlMappingNode m
            ? m.Children.Select(kv => new KeyValuePair<string, YamlNode>(Scalar(kv.Key, where), kv.Value))
            : throw new UsageException($"{where(node)}: expected a mapping");
}
