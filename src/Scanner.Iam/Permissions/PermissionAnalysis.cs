using System.Runtime.CompilerServices;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;

namespace Scanner.Iam.Permissions;

/// <summary>How far the resources of a statement reach.</summary>
public enum ResourceScope
{
    /// <summary>Named resources (<c>arn:aws:s3:::my-bucket/*</c>, <c>${Queue.Arn}</c>).</summary>
    Specific,

    /// <summary>Not known statically (a parameter): no finding relies on it.</summary>
    Unknown,

    /// <summary>Every resource of a type (<c>arn:aws:iam::*:role/*</c>, <c>arn:aws:s3:::*/*</c>).</summary>
    Broad,

    /// <summary>Every resource: <c>"*"</c>, or NotResource.</summary>
    Any,
}

/// <summary>An action an Allow statement grants, and the value of the statement that grants it (null for NotAction).</summary>
public readonly record struct GrantedAction(IamAction Action, PolicyValue? Value);

/// <summary>
/// Effective permissions over the policy model: which actions an Allow statement grants (globs expanded against the
/// service reference, NotAction complemented), how far its resources reach, and whether a grant survives for the
/// principals holding it (not removed by an unconditional Deny of any policy attached to them, allowed by their
/// permissions boundary). One instance per template and action catalog.
/// </summary>
public sealed class PermissionAnalysis
{
    private static readonly ConditionalWeakTable<TemplateContext, Dictionary<ActionCatalog, PermissionAnalysis>> Cache = new();

    private readonly Dictionary<PolicyStatement, IReadOnlyList<GrantedAction>> _granted = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PolicyStatement, ResourceScope> _scopes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PolicyValue, ArnPattern> _patterns = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PermissionHolder, IReadOnlyList<PolicyStatement>> _denies = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();

    private PermissionAnalysis(TemplateContext context, ActionCatalog actions)
    {
        Context = context;
        Actions = actions;
    }

    public TemplateContext Context { get; }

    public ActionCatalog Actions { get; }

    public IamServiceReference Reference => Actions.Reference;

    /// <summary>The analysis of a template for a catalog, made once.</summary>
    public static PermissionAnalysis For(TemplateContext context, ActionCatalog actions)
    {
        var perTemplate = Cache.GetValue(context, _ => []);
        lock (perTemplate)
        {
            if (!perTemplate.TryGetValue(actions, out var analysis))
            {
                analysis = new PermissionAnalysis(context, actions);
                perTemplate[actions] = analysis;
            }

            return analysis;
        }
    }

    /// <summary>The holders of a document (principals it is attached to, or the document's policy on its own).</summary>
    public IReadOnlyList<PermissionHolder> HoldersOf(PolicyDocument document) => PermissionHolders.HoldersOf(Context, document);

    /// <summary>The ARN pattern of a Resource value, made once.</summary>
    public ArnPattern PatternOf(PolicyValue value)
    {
        lock (_lock)
        {
            if (!_patterns.TryGetValue(value, out var pattern))
            {
                pattern = CloudFormationArns.Pattern(value, Context.Template, Reference);
                _patterns[value] = pattern;
            }

            return pattern;
        }
    }

    /// <summary>The actions a statement names (Action globs expanded, NotAction complemented); values not known statically are skipped.</summary>
    public IReadOnlyList<GrantedAction> ActionsOf(PolicyStatement statement)
    {
        lock (_lock)
        {
            if (!_granted.TryGetValue(statement, out var granted))
            {
                granted = ComputeActions(statement);
                _granted[statement] = granted;
            }

            return granted;
        }
    }

    /// <summary>How far the statement's resources reach (the widest of its values).</summary>
    public ResourceScope ScopeOf(PolicyStatement statement)
    {
        lock (_lock)
        {
            if (_scopes.TryGetValue(statement, out var scope))
            {
                return scope;
            }
        }

        var computed = statement.NotResource is not null ? ResourceScope.Any
            : statement.Resource is null ? ResourceScope.Unknown
            : statement.Resource.Values.Select(ScopeOf).DefaultIfEmpty(ResourceScope.Unknown).Max();
        lock (_lock)
        {
            _scopes[statement] = computed;
        }

        return computed;
    }

    /// <summary>How far one Resource value reaches.</summary>
    public ResourceScope ScopeOf(PolicyValue value)
    {
        if (value.IsStar)
        {
            return ResourceScope.Any;
        }

        var pattern = PatternOf(value);
        if (pattern.IsOpaque)
        {
            return ResourceScope.Unknown;
        }

        return IsTypeWide(pattern) ? ResourceScope.Broad : ResourceScope.Specific;
    }

    /// <summary>
    /// True when an ARN names every resource of a type: after the fifth colon only <c>*</c> and the literal words of
    /// the service's ARN formats (<c>arn:aws:iam::*:role/*</c>, <c>arn:aws:logs:*:*:*</c>).
    /// </summary>
    public bool IsTypeWide(ArnPattern pattern)
    {
        if (pattern.Fields() is not { ResourceItems: not null } fields)
        {
            return false;
        }

        var shape = pattern.Shape;
        var colons = 0;
        var start = 0;
        while (colons < 5)
        {
            start = shape.IndexOf(':', start) + 1;
            colons++;
        }

        var words = Reference.ResourceWordsOf(fields.Service ?? string.Empty);
        return shape[start..].Split(['/', ':']).All(piece => piece is "*" or "" || words.Contains(piece));
    }

    /// <summary>True when <paramref name="statement"/> holds in every deployment in which <paramref name="holder"/> exists (no Fn::If or parameter value narrows it).</summary>
    public bool HoldsWhenever(PolicyStatement statement, PermissionHolder holder) =>
        (Context.ScenarioOf(holder.Resource) ?? Scenario.Always).Includes(statement.Scenario);

    /// <summary>True when no effective condition restricts the statement (conditions that restrict nothing do not count).</summary>
    public static bool IsUnconditional(PolicyStatement statement) => !statement.Restrictions.Effective.Any();

    /// <summary>
    /// The holders for which an Allow statement's grant of <paramref name="action"/> stands: not removed by an
    /// unconditional Deny of any document attached to the holder, and allowed by its permissions boundary.
    /// </summary>
    public IEnumerable<PermissionHolder> EffectiveFor(PolicyStatement allow, IamAction action) =>
        HoldersOf(allow.Document).Where(h => BoundaryAllows(h, action) && !IsDenied(h, allow, action));

    public bool IsEffective(PolicyStatement allow, IamAction action) => EffectiveFor(allow, action).Any();

    /// <summary>True when an unconditional Deny attached to <paramref name="holder"/> removes <paramref name="action"/> from what <paramref name="allow"/> grants.</summary>
    public bool IsDenied(PermissionHolder holder, PolicyStatement allow, IamAction action) =>
        UnconditionalDenies(holder).Any(deny => allow.Scenario.Includes(deny.Scenario) && DeniesUnconditionally(deny, allow, action));

    /// <summary>The Deny statements of a holder's documents and boundary that have no Condition (each holds under its scenario: a Deny removes an Allow only where it holds whenever the Allow does).</summary>
    public IReadOnlyList<PolicyStatement> UnconditionalDenies(PermissionHolder holder)
    {
        lock (_lock)
        {
            if (!_denies.TryGetValue(holder, out var denies))
            {
                denies = holder.Documents.Concat(holder.Boundary).SelectMany(d => d.Statements)
                    .Where(d => d.IsDeny && d.Clauses.Count == 0)
                    .ToArray();
                _denies[holder] = denies;
            }

            return denies;
        }
    }

    /// <summary>Whether the boundary of <paramref name="holder"/> allows the action (true without a boundary, false when the boundary is not known).</summary>
    public static bool BoundaryAllows(PermissionHolder holder, IamAction action)
    {
        if (holder.BoundaryUnresolved)
        {
            return false;
        }

        return holder.Boundary.Count == 0 || holder.Boundary.SelectMany(d => d.Statements).Any(s => s.IsAllow && s.CoversAction(action.FullName) == true);
    }

    private static bool DeniesUnconditionally(PolicyStatement deny, PolicyStatement allow, IamAction action)
    {
        if (deny.CoversAction(action.FullName) != true)
        {
            return false;
        }

        if (deny.NotResource is not null || deny.Resource is null)
        {
            return false;
        }

        if (deny.Resource.HasStar)
        {
            return true;
        }

        // A Deny on named resources removes the grant only when it covers every resource the Allow names.
        var denied = deny.Resource.Values.Select(v => v.Literal).ToArray();
        return allow.Resource is { } resources && resources.Values.Count > 0 && denied.All(d => d is not null)
            && resources.Values.All(v => v.Literal is { } l && denied.Any(d => ActionPattern.Glob(d!, l)));
    }

    private IReadOnlyList<GrantedAction> ComputeActions(PolicyStatement statement)
    {
        if (statement.Action is { } action)
        {
            var result = new List<GrantedAction>();
            var seen = new HashSet<IamAction>();
            foreach (var value in action.Values)
            {
                if (value.Literal is not { } text)
                {
                    continue;
                }

                foreach (var a in Actions.Expand(text))
                {
                    if (seen.Add(a))
                    {
                        result.Add(new GrantedAction(a, value));
                    }
                }
            }

            return result;
        }

        if (statement.NotAction is { } notAction)
        {
            if (notAction.Values.Any(v => !v.IsKnown))
            {
                return [];
            }

            var excluded = notAction.Values.Select(v => v.Literal!).ToArray();
            return Actions.All.Where(a => !excluded.Any(e => ActionPattern.Matches(e, a.FullName))).Select(a => new GrantedAction(a, null)).ToArray();
        }

        return [];
    }
}
