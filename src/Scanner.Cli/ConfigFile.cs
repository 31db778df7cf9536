using System.Globalization;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Scanner.Cli;

/// <summary>
/// The optional configuration file (<c>--config FILE</c>, or the <c>.iacscan.yml</c> nearest to each scanned file,
/// see <see cref="ConfigLocator"/>): settings a team keeps in its repository instead of repeating them on every
/// command line. Command-line options win over it. Every value error is <c>file:line:col: message</c>.
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

    /// <summary>The file's full path; null for the empty configuration (no file).</summary>
    public string? FullPath { get; init; }

    /// <summary>The file as messages show it (relative to the working directory when inside it).</summary>
    public string? Display { get; init; }

    public string? Profile { get; init; }

    public string? DenyList { get; init; }

    public string? FailOn { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public IReadOnlyDictionary<string, string> RuleArguments { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> TrustedAccounts { get; init; } = [];

    public ScanPolicy Policy { get; init; } = ScanPolicy.Empty;

    public static readonly IReadOnlyList<string> KnownKeys =
        ["profile", "denyList", "failOn", "exclude", "ruleArguments", "trustedAccounts", "severity", "suppressions"];

    private static readonly string[] FailOnValues = ["failure", "warning", "none"];

    /// <summary>Reads and checks one configuration file against the rules of the run.</summary>
    public static ConfigFile Load(string path, string cwd, RuleIndex rules)
    {
        var display = FileDiscovery.Display(path, cwd);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read configuration file '{display}': {(ex is FileNotFoundException ? "no such file" : ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}");
        }

        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new UsageException($"{display}:{ex.Start.Line}:{ex.Start.Column}: invalid YAML in configuration file");
        }

        var config = new ConfigFile { FullPath = path, Display = display };
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return config;
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new UsageException($"{display}:1:1: the configuration file must be a mapping of settings ({string.Join(", ", KnownKeys)})");
        }

        var baseDir = Path.GetDirectoryName(path)!;
        string Where(YamlNode n) => $"{display}:{n.Start.Line}:{n.Start.Column}";
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(keyNode, Where);
            if (!KnownKeys.Contains(key))
            {
                throw new UsageException($"{Where(keyNode)}: unknown configuration key '{key}'{NearestName.Hint(key, KnownKeys)}; known keys: {string.Join(", ", KnownKeys)}");
            }

            config = key switch
            {
                "profile" => config with { Profile = Path.GetFullPath(Scalar(value, Where), baseDir) },
                "denyList" => config with { DenyList = Path.GetFullPath(Scalar(value, Where), baseDir) },
                "failOn" => config with { FailOn = OneOf(value, Where, "failOn", FailOnValues) },
                "exclude" => config with { Exclude = List(value, Where) },
                "trustedAccounts" => config with { TrustedAccounts = Accounts(value, Where) },
                "ruleArguments" => config with { RuleArguments = Arguments(value, Where, rules) },
                "severity" => config with { Policy = config.Policy with { SeverityOverrides = Severities(value, Where, rules) } },
                "suppressions" => config with { Policy = config.Policy with { Suppressions = Suppressions(value, Where, rules) } },
                _ => config,
            };
        }

        return config;
    }

    private static string OneOf(YamlNode node, Func<YamlNode, string> where, string key, string[] values)
    {
        var value = Scalar(node, where);
        return values.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new UsageException($"{where(node)}: {key} must be {string.Join(", ", values[..^1])} or {values[^1]}, not '{value}'{NearestName.Hint(value, values)}");
    }

    private static List<string> Accounts(YamlNode node, Func<YamlNode, string> where)
    {
        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        var accounts = new List<string>();
        foreach (var item in items)
        {
            var value = Scalar(item, where);
            if (new RuleArgument("trustedAccounts", RuleArgumentKind.AccountIds, string.Empty).Check(value) is { } problem)
            {
                throw new UsageException($"{where(item)}: trustedAccounts: {problem.Replace(" (trustedAccounts)", string.Empty, StringComparison.Ordinal)}");
            }

            accounts.AddRange(RuleArgument.SplitList(value));
        }

        return accounts;
    }

    private static Dictionary<string, string> Arguments(YamlNode node, Func<YamlNode, string> where, RuleIndex rules)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, valueNode) in MapNodes(node, where))
        {
            var name = Scalar(keyNode, where);
            var value = valueNode is YamlSequenceNode list ? string.Join(',', list.Children.Select(c => Scalar(c, where))) : Scalar(valueNode, where);
            if (Core.Configuration.RuleArguments.Check(name, value, rules) is { } problem)
            {
                throw new UsageException($"{where(rules.Arguments.ContainsKey(name) ? valueNode : keyNode)}: ruleArguments: {problem}");
            }

            result[name] = value;
        }

        return result;
    }

    /// <summary>The rules an id in the configuration names (an alias names the rules it stands for), or a located error.</summary>
    private static IReadOnlyList<RuleDescriptor> Resolve(string id, YamlNode node, Func<YamlNode, string> where, RuleIndex rules, string what)
    {
        var resolved = rules.Resolve(id);
        return resolved.Count > 0
            ? resolved
            : throw new UsageException($"{where(node)}: unknown rule id '{id}' in {what}{(rules.Nearest(id) is { } near ? $" (did you mean '{near}'?)" : string.Empty)}");
    }

    private static Dictionary<string, SecuritySeverity> Severities(YamlNode node, Func<YamlNode, string> where, RuleIndex rules)
    {
        var result = new Dictionary<string, SecuritySeverity>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in MapNodes(node, where))
        {
            var id = Scalar(keyNode, where);
            var severity = Enum.TryParse<SecuritySeverity>(Scalar(value, where), ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw new UsageException($"{where(value)}: severity must be CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL, not '{Scalar(value, where)}'");
            foreach (var rule in Resolve(id, keyNode, where, rules, "severity overrides"))
            {
                result[rule.Id] = severity;
            }
        }

        return result;
    }

    private static List<ExternalSuppression> Suppressions(YamlNode node, Func<YamlNode, string> where, RuleIndex rules)
    {
        if (node is not YamlSequenceNode list)
        {
            throw new UsageException($"{where(node)}: suppressions must be a list of {{id, reason, file?, resource?, expires?}}");
        }

        var result = new List<ExternalSuppression>();
        string[] fields = ["id", "reason", "file", "resource", "expires"];
        foreach (var item in list.Children)
        {
            var map = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in MapNodes(item, where))
            {
                var key = Scalar(keyNode, where);
                map[fields.Contains(key, StringComparer.Ordinal) ? key : throw new UsageException($"{where(keyNode)}: unknown suppression field '{key}'{NearestName.Hint(key, fields)}; fields: {string.Join(", ", fields)}")] = valueNode;
            }

            var id = map.TryGetValue("id", out var idNode) ? Scalar(idNode, where) : throw new UsageException($"{where(item)}: a suppression needs an id");
            var ids = id == "*" ? ["*"] : Resolve(id, idNode!, where, rules, "suppressions").Select(r => r.Id).ToList();

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

            foreach (var ruleId in ids)
            {
                result.Add(new ExternalSuppression(ruleId, reason)
                {
                    File = map.TryGetValue("file", out var f) ? Scalar(f, where) : null,
                    LogicalId = map.TryGetValue("resource", out var r) ? Scalar(r, where) : null,
                    Expires = expires,
                });
            }
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

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> MapNodes(YamlNode node, Func<YamlNode, string> where) =>
        node is YamlMappingNode m ? m.Children : throw new UsageException($"{where(node)}: expected a mapping");
}

/// <summary>
/// Finds the configuration file of each scanned file the way eslint and ruff do: the nearest <c>.iacscan.yml</c>
/// from the file's folder upwards, stopping at the repository root (the folder holding <c>.git</c>), or at the
/// file system root outside a repository. Each file is loaded once.
/// </summary>
public sealed class ConfigLocator(string cwd, RuleIndex rules)
{
    private readonly Dictionary<string, string?> _nearest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigFile> _loaded = new(StringComparer.Ordinal);

    /// <summary>The configuration of a file (or of a name that does not exist yet, as with --stdin-filename); null when there is none.</summary>
    public ConfigFile? For(string fileFullPath) =>
        Nearest(Path.GetDirectoryName(fileFullPath) ?? cwd) is { } path ? Load(path) : null;

    public ConfigFile Load(string fullPath)
    {
        if (!_loaded.TryGetValue(fullPath, out var config))
        {
            config = ConfigFile.Load(fullPath, cwd, rules);
            _loaded[fullPath] = config;
        }

        return config;
    }

    private string? Nearest(string directory)
    {
        if (_nearest.TryGetValue(directory, out var cached))
        {
            return cached;
        }

        string? found;
        var candidate = Path.Combine(directory, ConfigFile.DefaultName);
        if (File.Exists(candidate))
        {
            found = candidate;
        }
        else if (Path.Exists(Path.Combine(directory, ".git")) || Path.GetDirectoryName(directory) is not { } parent)
        {
            found = null;
        }
        else
        {
            found = Nearest(parent);
        }

        _nearest[directory] = found;
        return found;
    }
}
