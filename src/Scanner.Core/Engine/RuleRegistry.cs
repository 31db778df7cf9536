using System.Collections.Concurrent;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;

namespace Scanner.Core.Engine;

/// <summary>One registered callback: which rule owns it, which keys (resource types, policy kinds…) it wants.</summary>
public sealed record RegisteredAction(IRule Rule, IReadOnlyList<string> Keys, Delegate Action)
{
    public string RuleName => Rule.SupportedDescriptors.Count > 0 ? Rule.SupportedDescriptors[0].Id : Rule.GetType().Name;
}

/// <summary>What a rule may do in <see cref="IRule.Initialize"/>.</summary>
public sealed class RuleRegistrationContext
{
    private readonly RuleRegistry _registry;

    internal RuleRegistrationContext(RuleRegistry registry, IRule rule, RuleArguments arguments, Func<string, bool> isEnabled)
    {
        _registry = registry;
        Rule = rule;
        Arguments = arguments;
        IsEnabled = isEnabled;
    }

    public IRule Rule { get; }

    /// <summary>--rule-arguments k=v given on the command line or in configuration.</summary>
    public RuleArguments Arguments { get; }

    /// <summary>Whether a descriptor id is enabled in this run (a multi-descriptor rule can skip work).</summary>
    public Func<string, bool> IsEnabled { get; }

    /// <summary>
    /// Registers <paramref name="action"/> for targets of type <typeparamref name="T"/> whose key matches one of
    /// <paramref name="keys"/>. Keys may end with <c>*</c> (prefix match); <c>*</c> alone matches everything.
    /// </summary>
    public void Register<T>(IEnumerable<string> keys, Action<T> action) =>
        _registry.Add(typeof(T), new RegisteredAction(Rule, keys.ToArray(), action));
}

/// <summary>
/// The set of rules of one run and their registrations, built once and shared by every file analysed (it is
/// immutable after <see cref="Build"/>, so parallel analysis needs no locks beyond the lookup cache).
/// </summary>
public sealed class RuleRegistry
{
    private readonly Dictionary<Type, List<RegisteredAction>> _actions = [];
    private readonly ConcurrentDictionary<(Type, string), RegisteredAction[]> _cache = new();
    private readonly List<RuleDescriptor> _descriptors = [];
    private readonly HashSet<string> _enabledIds = new(StringComparer.Ordinal);

    private RuleRegistry()
    {
    }

    /// <summary>Descriptors of every enabled rule of this run, by id.</summary>
    public IReadOnlyList<RuleDescriptor> Descriptors => _descriptors;

    public bool IsEnabled(string ruleId) => _enabledIds.Contains(ruleId);

    /// <summary>Every rule of the run, enabled or not, with its aliases: what suppressions are checked against.</summary>
    public RuleIndex Known { get; private set; } = RuleIndex.Empty;

    public static RuleRegistry Build(IEnumerable<IRule> rules, RuleSelection? selection = null, RuleArguments? arguments = null)
    {
        selection ??= RuleSelection.Default;
        arguments ??= RuleArguments.Empty;
        var registry = new RuleRegistry();
        var all = rules as IReadOnlyCollection<IRule> ?? rules.ToArray();
        registry.Known = new RuleIndex(all.SelectMany(r => r.SupportedDescriptors));
        foreach (var rule in all)
        {
            var enabled = rule.SupportedDescriptors.Where(selection.IsEnabled).ToList();
            if (enabled.Count == 0)
            {
                continue;
            }

            foreach (var d in enabled)
            {
                if (registry._enabledIds.Add(d.Id))
                {
                    registry._descriptors.Add(d);
                }
            }

            rule.Initialize(new RuleRegistrationContext(registry, rule, arguments, registry._enabledIds.Contains));
        }

        registry._descriptors.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return registry;
    }

    public bool HasActions<T>() => _actions.ContainsKey(typeof(T));

    /// <summary>The actions for targets of type <typeparamref name="T"/> with <paramref name="key"/>, in registration order.</summary>
    public IReadOnlyList<RegisteredAction> GetActions<T>(string key)
    {
        if (!_actions.TryGetValue(typeof(T), out var all))
        {
            return [];
        }

        return _cache.GetOrAdd((typeof(T), key), _ => all.Where(a => a.Keys.Any(k => KeyMatches(k, key))).ToArray());
    }

    /// <summary>Calls every matching action; a rule that throws is reported through <paramref name="onError"/> and the others still run.</summary>
    public void Dispatch<T>(string key, T target, Action<RegisteredAction, Exception> onError)
    {
        foreach (var action in GetActions<T>(key))
        {
            try
            {
                ((Action<T>)action.Action)(target);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                onError(action, ex);
            }
        }
    }

    public static bool KeyMatches(string pattern, string key)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.EndsWith('*'))
        {
            return key.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal);
        }

        return string.Equals(pattern, key, StringComparison.Ordinal);
    }

    internal void Add(Type targetType, RegisteredAction action)
    {
        if (!_actions.TryGetValue(targetType, out var list))
        {
            list = [];
            _actions[targetType] = list;
        }

        list.Add(action);
    }
}
