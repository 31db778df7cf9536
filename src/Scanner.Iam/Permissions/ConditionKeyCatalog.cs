using System.Collections.Concurrent;

namespace Scanner.Iam.Permissions;

/// <summary>What the catalog knows about a condition key written in a policy.</summary>
public enum ConditionKeyStatus
{
    /// <summary>A global key (<c>aws:SourceIp</c>, <c>aws:PrincipalTag/${TagKey}</c>): every action supports it.</summary>
    Global,

    /// <summary>A key a service defines (<c>s3:prefix</c>, <c>iam:PassedToService</c>).</summary>
    Service,

    /// <summary>A claim of an identity provider the reference does not list (<c>oidc.eks.….amazonaws.com/id/X:sub</c>).</summary>
    Federated,

    /// <summary>Declared by the user as newer than the data (<c>iam_extra_condition_keys</c>).</summary>
    Declared,

    /// <summary>Not written statically (built by <c>Fn::Sub</c> from a value that is not known).</summary>
    Unresolved,

    Unknown,
}

/// <summary>The answer for one condition key, with the key of the reference it matched and a suggestion for unknown ones.</summary>
public sealed record ConditionKeyLookup(string Key, ConditionKeyStatus Status, ConditionKeyPattern? Match, string? Suggestion)
{
    public bool IsKnown => Status is not ConditionKeyStatus.Unknown;
}

/// <summary>
/// Condition keys of the service reference: global keys, service keys, <c>…/${TagKey}</c> patterns, claims of identity
/// providers, and the keys a run declares as newer than the data. Lookups are case-insensitive and cached.
/// </summary>
public sealed class ConditionKeyCatalog
{
    /// <summary>The rule argument that declares condition keys newer than the data.</summary>
    public const string ExtraKeysArgument = "iam_extra_condition_keys";

    private static readonly ConcurrentDictionary<string, ConditionKeyCatalog> Catalogs = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, ConditionKeyLookup> _lookups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ConditionKeyPattern> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<ConditionKeyPattern>> _patternsByPrefix = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<ConditionKeyPattern> _global = [];
    private readonly IReadOnlyList<ConditionKeyPattern> _declared;
    private readonly HashSet<string> _prefixes = new(StringComparer.OrdinalIgnoreCase);

    private ConditionKeyCatalog(IamServiceReference reference, IReadOnlyList<string> declared)
    {
        Reference = reference;
        _declared = declared.Select(d => new ConditionKeyPattern(d)).ToArray();
        foreach (var key in reference.GlobalKeys)
        {
            Add(key);
            _global.Add(key);
        }

        foreach (var key in reference.Services.SelectMany(s => s.ConditionKeys))
        {
            Add(key);
        }
    }

    public IamServiceReference Reference { get; }

    /// <summary>The catalog of the embedded reference with the keys declared in <paramref name="declared"/>.</summary>
    public static ConditionKeyCatalog For(string? declared)
    {
        var list = (declared ?? string.Empty).Split([',', ';', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        return Catalogs.GetOrAdd(string.Join(",", list).ToLowerInvariant(), _ => new ConditionKeyCatalog(IamServiceReference.Default, list));
    }

    public static ConditionKeyCatalog Create(IamServiceReference reference, IEnumerable<string> declared) => new(reference, declared.ToArray());

    public ConditionKeyLookup Lookup(string key) => _lookups.GetOrAdd(key, Compute);

    /// <summary>
    /// Whether <paramref name="key"/> applies to <paramref name="action"/>: global keys and keys of identity providers
    /// apply to every action; a service key applies when the action (or one of its resource types) lists it.
    /// </summary>
    public bool AppliesTo(string key, IamAction action)
    {
        var lookup = Lookup(key);
        return lookup.Status switch
        {
            ConditionKeyStatus.Service => action.SupportsKey(key),
            _ => true,
        };
    }

    private void Add(ConditionKeyPattern key)
    {
        _prefixes.Add(key.Prefix);
        if (key.IsPattern)
        {
            if (!_patternsByPrefix.TryGetValue(key.Prefix, out var list))
            {
                list = [];
                _patternsByPrefix[key.Prefix] = list;
            }

            list.Add(key);
        }
        else
        {
            _exact.TryAdd(key.Text, key);
        }
    }

    private ConditionKeyLookup Compute(string key)
    {
        if (key.Contains("${", StringComparison.Ordinal))
        {
            return new ConditionKeyLookup(key, ConditionKeyStatus.Unresolved, null, null);
        }

        var match = _exact.GetValueOrDefault(key);
        if (match is null)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var prefix = colon > 0 ? key[..colon] : string.Empty;
            match = _patternsByPrefix.GetValueOrDefault(prefix)?.FirstOrDefault(p => p.Matches(key))
                ?? _patternsByPrefix.Where(kv => kv.Key.Contains("${", StringComparison.Ordinal)).SelectMany(kv => kv.Value).FirstOrDefault(p => p.Matches(key));
        }

        if (match is not null)
        {
            var global = _global.Contains(match) || match.Prefix.Equals("aws", StringComparison.OrdinalIgnoreCase);
            return new ConditionKeyLookup(key, global ? ConditionKeyStatus.Global : ConditionKeyStatus.Service, match, null);
        }

        if (_declared.FirstOrDefault(d => d.Matches(key)) is { } declared)
        {
            return new ConditionKeyLookup(key, ConditionKeyStatus.Declared, declared, null);
        }

        if (IsIdentityProviderClaim(key) && (!_prefixes.Contains(key[..key.IndexOf(':', StringComparison.Ordinal)]) || IsStandardClaim(key)))
        {
            return new ConditionKeyLookup(key, ConditionKeyStatus.Federated, null, null);
        }

        return new ConditionKeyLookup(key, ConditionKeyStatus.Unknown, null, Suggest(key));
    }

    /// <summary>
    /// Claims of identity providers are keys named after the provider (<c>my-idp.example.com:sub</c>,
    /// <c>oidc.eks.region.amazonaws.com/id/X:aud</c>): a host before the colon. The reference lists the well-known
    /// providers only, so a key named after another host is taken as a claim (a misspelt claim of a listed provider is not).
    /// </summary>
    private static bool IsIdentityProviderClaim(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && key[..colon].Contains('.', StringComparison.Ordinal) && colon < key.Length - 1;
    }

    /// <summary>
    /// The claims IAM makes available for every OpenID Connect provider (<c>aud</c>, <c>sub</c>, <c>amr</c>, <c>azp</c>,
    /// <c>oaud</c>, <c>email</c>), which the reference does not list for every provider (it lacks
    /// <c>token.actions.githubusercontent.com:sub</c>), and the web identity ids of Amazon and Facebook.
    /// </summary>
    private static bool IsStandardClaim(string key)
    {
        var claim = key[(key.LastIndexOf(':') + 1)..];
        return claim.ToLowerInvariant() is "aud" or "sub" or "amr" or "azp" or "oaud" or "email" or "id" or "app_id" or "user_id";
    }

    private string? Suggest(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 ? key[..colon] : string.Empty;
        IEnumerable<string> candidates = _exact.Keys.Where(k => k.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase));
        if (!candidates.Any())
        {
            candidates = _exact.Keys;
        }

        var best = ActionCatalog.Closest(key, candidates);
        if (best is not null)
        {
            return _exact[best].Text;
        }

        // A tag key pattern written with a different tag prefix: aws:RequestTags/Env → aws:RequestTag/${TagKey}.
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var head = key[..slash];
            var pattern = _patternsByPrefix.GetValueOrDefault(prefix)?
                .Select(p => (Pattern: p, Head: p.Text[..Math.Max(0, p.Text.IndexOf('/', StringComparison.Ordinal))]))
                .Where(p => p.Head.Length > 0)
                .MinBy(p => ActionCatalog.EditDistance(head, p.Head));
            if (pattern is { } p && ActionCatalog.EditDistance(head, p.Head) <= 2)
            {
                return p.Pattern.Text;
            }
        }

        return null;
    }
}
