namespace Scanner.Core.Diagnostics;

/// <summary>
/// Every rule id a run knows, with the ids other tools use for the same checks (aliases) and the arguments rules
/// declare: what suppressions, profiles, configuration files and <c>--rule-arguments</c> are checked against, so a
/// misspelled or foreign id is reported instead of silently matching nothing.
/// </summary>
public sealed class RuleIndex
{
    private readonly Dictionary<string, RuleDescriptor> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RuleDescriptor>> _byAlias = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RuleArgument> _arguments = new(StringComparer.OrdinalIgnoreCase);

    public RuleIndex(IEnumerable<RuleDescriptor> descriptors)
    {
        foreach (var d in descriptors)
        {
            if (!_byId.TryAdd(d.Id, d))
            {
                continue;
            }

            foreach (var alias in d.Aliases)
            {
                if (!_byAlias.TryGetValue(alias.Id, out var list))
                {
                    list = [];
                    _byAlias[alias.Id] = list;
                }

                list.Add(d);
            }

            foreach (var argument in d.Arguments)
            {
                _arguments.TryAdd(argument.Name, argument);
            }
        }
    }

    public static RuleIndex Empty { get; } = new([]);

    public IEnumerable<RuleDescriptor> Descriptors => _byId.Values;

    /// <summary>Every argument some rule declares, by name.</summary>
    public IReadOnlyDictionary<string, RuleArgument> Arguments => _arguments;

    public bool Contains(string id) => _byId.ContainsKey(id);

    public RuleDescriptor? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The rules an id names: the rule with that id, else the rules that list it as an alias (checkov's
    /// CKV_AWS_18, a Guard registry rule name…); empty when nothing matches.
    /// </summary>
    public IReadOnlyList<RuleDescriptor> Resolve(string idOrAlias) =>
        _byId.TryGetValue(idOrAlias, out var d) ? [d]
        : _byAlias.TryGetValue(idOrAlias, out var list) ? list
        : [];

    /// <summary>The known id or alias closest to a misspelled one, for "did you mean".</summary>
    public string? Nearest(string id) => NearestName.Find(id, _byId.Keys.Concat(_byAlias.Keys));
}
