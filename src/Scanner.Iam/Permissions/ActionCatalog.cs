using System.Collections.Concurrent;

namespace Scanner.Iam.Permissions;

/// <summary>What the catalog knows about an action written in a policy.</summary>
public enum ActionStatus
{
    /// <summary>An action of the reference.</summary>
    Known,

    /// <summary>Declared by the user as newer than the data (<c>iam_extra_actions</c>): valid, but nothing else is known about it.</summary>
    Declared,

    /// <summary>A glob that matches at least one action.</summary>
    Pattern,

    /// <summary>A glob that matches no action.</summary>
    PatternMatchesNothing,

    UnknownService,
    UnknownAction,

    /// <summary>Not of the form <c>service:action</c>.</summary>
    Malformed,
}

/// <summary>The answer for one action string: its status, what it names, and a suggestion when it names nothing.</summary>
public sealed record ActionLookup(string Text, ActionStatus Status, IReadOnlyList<IamAction> Actions, string? Suggestion)
{
    /// <summary>True when the string names actions IAM knows (or the user declared).</summary>
    public bool IsValid => Status is ActionStatus.Known or ActionStatus.Declared or ActionStatus.Pattern;

    /// <summary>True when <see cref="Actions"/> is everything the string stands for (no declared action hides behind it).</summary>
    public bool IsComplete { get; init; } = true;
}

/// <summary>
/// Action names of the service reference: case-insensitive lookup, glob expansion, "did you mean", plus the actions a
/// run declares as newer than the data. One catalog per set of declared actions; the reference itself is shared.
/// </summary>
public sealed class ActionCatalog
{
    /// <summary>The rule argument that declares actions newer than the data: <c>iam_extra_actions=svc:Action,svc2:*</c>.</summary>
    public const string ExtraActionsArgument = "iam_extra_actions";

    private static readonly ConcurrentDictionary<string, ActionCatalog> Catalogs = new(StringComparer.Ordinal);

    /// <summary>
    /// Actions IAM accepts that the service reference does not list: sns:Receive is in the default topic policy the SNS
    /// console writes. They count as declared.
    /// </summary>
    public static IReadOnlyList<string> KnownGaps { get; } = ["sns:Receive"];

    private readonly ConcurrentDictionary<string, ActionLookup> _lookups = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<string> _declared;
    private readonly HashSet<string> _declaredServices = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<IamAction>? _all;

    private ActionCatalog(IamServiceReference reference, IReadOnlyList<string> declared)
    {
        Reference = reference;
        _declared = declared;
        foreach (var d in declared)
        {
            var colon = d.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && d[(colon + 1)..] == "*")
            {
                _declaredServices.Add(d[..colon]);
            }
        }
    }

    public IamServiceReference Reference { get; }

    /// <summary>The actions declared for this run.</summary>
    public IReadOnlyList<string> Declared => _declared;

    /// <summary>Every action of the reference.</summary>
    public IReadOnlyList<IamAction> All => _all ??= Reference.Services.SelectMany(s => s.Actions).ToArray();

    /// <summary>The catalog of the embedded reference with the actions declared in <paramref name="declared"/> (comma, semicolon or space separated).</summary>
    public static ActionCatalog For(string? declared)
    {
        var list = (declared ?? string.Empty).Split([',', ';', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        return Catalogs.GetOrAdd(string.Join(",", list).ToLowerInvariant(), _ => new ActionCatalog(IamServiceReference.Default, list));
    }

    /// <summary>A catalog over another reference (tests).</summary>
    public static ActionCatalog Create(IamServiceReference reference, IEnumerable<string> declared) => new(reference, declared.ToArray());

    /// <summary>Looks up an action or an action glob (case-insensitive), cached.</summary>
    public ActionLookup Lookup(string text) => _lookups.GetOrAdd(text, Compute);

    /// <summary>The actions a glob or name stands for (empty for an unknown or malformed one).</summary>
    public IReadOnlyList<IamAction> Expand(string text) => Lookup(text).Actions;

    private ActionLookup Compute(string text)
    {
        if (text == "*")
        {
            return new ActionLookup(text, ActionStatus.Pattern, All, null) { IsComplete = _declared.Count == 0 };
        }

        if (KnownGaps.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return new ActionLookup(text, ActionStatus.Declared, [], null) { IsComplete = false };
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1 || text.IndexOf(':', colon + 1) >= 0 || text.Any(char.IsWhiteSpace))
        {
            return new ActionLookup(text, ActionStatus.Malformed, [], null);
        }

        var prefix = text[..colon];
        var name = text[(colon + 1)..];
        var isGlob = text.AsSpan().IndexOfAny('*', '?') >= 0;
        var declaredMatch = _declared.Any(d => ActionPattern.Matches(text, d) || ActionPattern.Matches(d, text));

        if (prefix.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            var matches = All.Where(a => ActionPattern.Matches(text, a.FullName)).ToArray();
            return matches.Length > 0 || declaredMatch
                ? new ActionLookup(text, ActionStatus.Pattern, matches, null) { IsComplete = !declaredMatch }
                : new ActionLookup(text, ActionStatus.PatternMatchesNothing, [], null);
        }

        var service = Reference.Service(prefix);
        if (service is null)
        {
            if (_declaredServices.Contains(prefix) || declaredMatch)
            {
                return new ActionLookup(text, isGlob ? ActionStatus.Pattern : ActionStatus.Declared, [], null) { IsComplete = false };
            }

            return new ActionLookup(text, ActionStatus.UnknownService, [], SuggestService(prefix, name));
        }

        if (isGlob)
        {
            var matches = service.Actions.Where(a => ActionPattern.Matches(name, a.Name)).ToArray();
            if (matches.Length > 0 || declaredMatch)
            {
                return new ActionLookup(text, ActionStatus.Pattern, matches, null) { IsComplete = !declaredMatch };
            }

            return new ActionLookup(text, ActionStatus.PatternMatchesNothing, [], null);
        }

        if (service.Action(name) is { } action)
        {
            return new ActionLookup(text, ActionStatus.Known, [action], null);
        }

        if (declaredMatch || _declaredServices.Contains(prefix))
        {
            return new ActionLookup(text, ActionStatus.Declared, [], null) { IsComplete = false };
        }

        return new ActionLookup(text, ActionStatus.UnknownAction, [], SuggestAction(service, name));
    }

    /// <summary>The closest action name of the service (edit distance, ignoring case), else the same name in another service, or null.</summary>
    private string? SuggestAction(IamService service, string name)
    {
        var best = Closest(name, service.Actions.Select(a => a.Name));
        if (best is not null)
        {
            return service.Prefix + ":" + best;
        }

        var elsewhere = Reference.Services.Select(s => s.Action(name)).FirstOrDefault(a => a is not null);
        return elsewhere?.FullName;
    }

    /// <summary>The service the action most likely belongs to: one defining an action of that exact name, else the closest prefix.</summary>
    private string? SuggestService(string prefix, string name)
    {
        var holders = Reference.Services.Where(s => s.Action(name) is not null).ToList();
        if (holders.Count > 0)
        {
            var closest = Closest(prefix, holders.Select(s => s.Prefix)) ?? holders[0].Prefix;
            var service = Reference.Service(closest)!;
            return service.Prefix + ":" + service.Action(name)!.Name;
        }

        var best = Closest(prefix, Reference.Services.Select(s => s.Prefix));
        if (best is null)
        {
            return null;
        }

        var suggestedService = Reference.Service(best)!;
        return suggestedService.Action(name) is { } a ? a.FullName : best + ":" + (Closest(name, suggestedService.Actions.Select(x => x.Name)) ?? name);
    }

    /// <summary>The candidate closest to <paramref name="word"/> within a distance that scales with its length, or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var limit = Math.Max(1, Math.Min(3, word.Length / 4));
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - word.Length) > limit)
            {
                continue;
            }

            var d = EditDistance(word, candidate, limit);
            if (d < bestDistance || (d == bestDistance && best is not null && !best.StartsWith(word, StringComparison.OrdinalIgnoreCase) && candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    /// <summary>Damerau-Levenshtein distance (adjacent transpositions count one), ignoring case; stops early past <paramref name="limit"/>.</summary>
    public static int EditDistance(string a, string b, int limit = int.MaxValue)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return rowMin;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
