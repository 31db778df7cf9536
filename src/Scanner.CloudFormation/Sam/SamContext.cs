using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Sam.Values;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam;

/// <summary>A SAM resource being transformed: its logical id, its (Globals-merged) entry and the resource as written.</summary>
internal sealed class SamResource
{
    private readonly SamContext _context;

    public SamResource(SamContext context, string logicalId, SamMap dict, Resource? written, Resource? cause = null)
    {
        _context = context;
        Cause = cause;
        LogicalId = logicalId;
        Dict = dict;
        Written = written;
    }

    public string LogicalId { get; }

    /// <summary>The Resources entry (Type, Properties, attributes) after plugins (Globals, implicit APIs, policy templates).</summary>
    public SamMap Dict { get; }

    /// <summary>The resource as written in the template (null for resources a plugin adds, such as the implicit API).</summary>
    public Resource? Written { get; }

    /// <summary>For a resource a plugin adds, the written resource that causes it.</summary>
    public Resource? Cause { get; }

    public string Type => Dict.GetString("Type") ?? string.Empty;

    public SamMap Properties => Dict.GetMap("Properties") ?? new SamMap();

    public SamValue? Property(string name) => Dict.GetMap("Properties")?.Get(name);

    public string? Condition => Dict.GetString("Condition");

    /// <summary>Where synthesized values point: the resource's Type as written, else what created the resource.</summary>
    public SyntaxNode? Origin => Written?.TypeNode ?? Dict.Origin;

    /// <summary>The resource's whole entry as written.</summary>
    public SyntaxNode? NodeOrigin => Written?.Node ?? Dict.Origin;

    public SyntaxNode? TypeOrigin => Written?.TypeNode ?? Dict.Origin;

    /// <summary>Condition, DeletionPolicy, UpdateReplacePolicy: what SAM copies to every generated resource.</summary>
    public SamMap PassThroughAttributes()
    {
        var result = new SamMap();
        foreach (var name in CfnResource.PassThroughAttributes)
        {
            if (Dict.Get(name) is { } v)
            {
                result.Set(name, v);
            }
        }

        return result;
    }

    /// <summary>Every resource attribute SAM keeps on the main generated resource (adds UpdatePolicy and Metadata).</summary>
    public SamMap ResourceAttributes()
    {
        var result = new SamMap();
        foreach (var name in CfnResource.SupportedAttributes)
        {
            if (Dict.Get(name) is { } v)
            {
                result.Set(name, v);
            }
        }

        return result;
    }

    public SamValue? DependsOn => Dict.Get("DependsOn");

    /// <summary>
    /// What SAM's translator alone cannot decide offline but SAM's tools or the deployment do (<paramref name="ruleId"/>,
    /// a warning: E3005, E3006): said at <paramref name="at"/> (else the resource), the transform goes on.
    /// </summary>
    public void Unchecked(string ruleId, string message, SamValue? at = null) =>
        _context.Unchecked.Add(new SamException(message, at?.Origin ?? Written?.KeyNode ?? Dict.Origin ?? Cause?.KeyNode, SamErrorKind.Unchecked, LogicalId) { RuleId = ruleId });

    public SamException Error(string message, SamValue? at = null) => SamException.Resource(LogicalId, message, at).LocatedAt(Written?.KeyNode ?? Dict.Origin ?? Cause?.KeyNode);

    /// <summary>A resource generated from this one, carrying its origin.</summary>
    public CfnResource New(string logicalId, string type, SamMap? attributes = null, SyntaxNode? origin = null) =>
        new(logicalId, type, origin ?? Origin, attributes)
        {
            TypeOrigin = origin ?? TypeOrigin,
            NodeOrigin = NodeOrigin,
            SourceLogicalId = LogicalId,
        };
}

/// <summary>State shared by the expanders while one template is transformed.</summary>
internal sealed class SamContext
{
    public SamContext(SamMap template, IReadOnlyList<Resource> written)
    {
        Template = template;
        Written = written.ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
        var parameters = new Dictionary<string, SamValue>(StringComparer.Ordinal);
        if (template.GetMap("Parameters") is { } declared)
        {
            foreach (var (name, definition) in declared)
            {
                if (definition is SamMap d && d.Get("Default") is { } value)
                {
                    parameters[name] = value;
                }
            }
        }

        Parameters = new ParameterResolver(parameters);
    }

    /// <summary>The working template (SAM's template dict: plugins edit it in place).</summary>
    public SamMap Template { get; }

    public SamMap Resources => Template.GetMap("Resources")!;

    public IReadOnlyDictionary<string, Resource> Written { get; }

    public ParameterResolver Parameters { get; }

    /// <summary>Every error found, in the order SAM finds them.</summary>
    public List<SamException> Errors { get; } = [];

    /// <summary>What cannot be checked offline (SAM's repository, `sam package`): warnings, never a failed transform.</summary>
    public List<SamException> Unchecked { get; } = [];

    /// <summary>SAM's resource references (<c>MyFunction.Alias</c> → the alias's logical id).</summary>
    public Dictionary<(string LogicalId, string Property), string> ResourceReferences { get; } = [];

    /// <summary>Logical ids SAM changes (layers get a content hash): old → new.</summary>
    public Dictionary<string, string> ChangedLogicalIds { get; } = new(StringComparer.Ordinal);

    /// <summary>The template's Conditions section, created when SAM adds one.</summary>
    public SamMap Conditions => Template.GetOrAdd("Conditions", () => new SamMap());

    public SamMap? Mappings => Template.GetMap("Mappings");

    /// <summary>Per-template singletons expanders share (the CodeDeploy role, shared usage plans, Route 53 record sets…).</summary>
    public Dictionary<string, object> Shared { get; } = new(StringComparer.Ordinal);

    public T SharedState<T>(string key, Func<T> create)
        where T : class
    {
        if (Shared.TryGetValue(key, out var existing))
        {
            return (T)existing;
        }

        var value = create();
        Shared[key] = value;
        return value;
    }

    public Resource? WrittenResource(string logicalId) => Written.GetValueOrDefault(logicalId);

    /// <summary>
    /// For SAM resources a plugin adds (the implicit APIs, embedded connectors), the resource as written that causes
    /// them: what they generate points at it.
    /// </summary>
    public Dictionary<string, Resource> SyntheticSources { get; } = new(StringComparer.Ordinal);

    /// <summary>The written resource a SAM resource stands for: itself, or what caused it (see <see cref="SyntheticSources"/>).</summary>
    public Resource? SourceOf(string logicalId) => WrittenResource(logicalId) ?? SyntheticSources.GetValueOrDefault(logicalId);

    /// <summary>The Resources being produced (SAM's output template: connectors read the transformed resources).</summary>
    public SamOutput? Output { get; set; }

    /// <summary>The resource dict as the template holds it before translation (SAM's <c>original_template</c>).</summary>
    public SamMap? ResourceDict(string logicalId) => Resources.GetMap(logicalId);

    public string? ResourceType(string logicalId) => ResourceDict(logicalId)?.GetString("Type");

    /// <summary>Records <c>logicalId.property</c> → <paramref name="target"/> for every generated resource of a type.</summary>
    public void AddReference(string logicalId, string property, string target) => ResourceReferences.TryAdd((logicalId, property), target);
}
