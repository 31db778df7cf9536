using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.LanguageExtensions;

/// <summary>
/// What the transform made of a value it must know before deployment (a loop's collection, a FindInMap key): text,
/// a list of texts, unknown until deploy time (with the reason), or rejected (a located E-finding). Values that
/// come from a parameter's Default carry the pin that says so: the default is one possibility, not a fact.
/// </summary>
internal sealed class Resolved
{
    private Resolved(string? text, IReadOnlyList<string>? items, string? unknownReason, SyntaxDiagnostic? rejection, IReadOnlyList<ParameterPin> pins)
    {
        Text = text;
        Items = items;
        UnknownReason = unknownReason;
        Rejection = rejection;
        Pins = pins;
    }

    public string? Text { get; }

    public IReadOnlyList<string>? Items { get; }

    /// <summary>Why the value is known only at deploy time.</summary>
    public string? UnknownReason { get; }

    public SyntaxDiagnostic? Rejection { get; }

    /// <summary>The parameters whose Default the value was computed from.</summary>
    public IReadOnlyList<ParameterPin> Pins { get; }

    public bool IsKnown => Text is not null || Items is not null;

    public static Resolved OfText(string text, IReadOnlyList<ParameterPin>? pins = null) => new(text, null, null, null, pins ?? []);

    public static Resolved OfItems(IReadOnlyList<string> items, IReadOnlyList<ParameterPin>? pins = null) => new(null, items, null, null, pins ?? []);

    public static Resolved Unknown(string reason) => new(null, null, reason, null, []);

    public static Resolved Reject(string id, string message, SyntaxNode at) => new(null, null, null, new SyntaxDiagnostic(id, message, at.Span, at.Path), []);

    /// <summary>A failed part (unknown or rejected) passes through any function built on it.</summary>
    public bool Failed => !IsKnown;
}

/// <summary>
/// Resolves the values AWS::LanguageExtensions needs when it transforms the template, before any resource exists:
/// literals, loop identifiers, parameters (a given value, else the Default as a pinned possibility), known pseudo
/// parameters, Fn::Split, Fn::Join, Fn::Select, Fn::Sub and Fn::FindInMap (with its DefaultValue).
/// </summary>
internal sealed class CollectionResolver
{
    /// <summary>Every function CloudFormation knows; any other <c>Fn::</c> name in a transform position is rejected.</summary>
    private static readonly HashSet<string> KnownFunctions = new(StringComparer.Ordinal)
    {
        "Ref", "Condition", "Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs", "Fn::If", "Fn::ImportValue",
        "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::Transform", "Fn::Length", "Fn::ToJsonString", "Fn::Equals",
        "Fn::And", "Fn::Or", "Fn::Not",
    };

    private readonly IReadOnlyDictionary<string, Parameter> _parameters;
    private readonly MappingNode? _mappings;
    private readonly EvaluationSettings _settings;

    public CollectionResolver(MappingNode root, EvaluationSettings settings)
    {
        _settings = settings;
        _mappings = root.Get("Mappings") as MappingNode;
        var parameters = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        if (root.Get("Parameters") is MappingNode section)
        {
            foreach (var entry in section.UniqueEntries)
            {
                if (entry.Value is MappingNode body)
                {
                    parameters[entry.Key.Text] = new Parameter(entry.Key.Text, body);
                }
            }
        }

        _parameters = parameters;
    }

    public static bool IsKnownFunction(string name) => KnownFunctions.Contains(name);

    /// <summary>Resolves <paramref name="node"/> with the loop identifiers of <paramref name="scope"/> bound.</summary>
    public Resolved Resolve(SyntaxNode node, LoopScope scope) => node switch
    {
        ScalarNode { IsNull: true } => Resolved.Reject(TemplateDiagnostics.MalformedLoopId, "A null value cannot be resolved.", node),
        ScalarNode s => Resolved.OfText(s.Text),
        SequenceNode seq => ResolveList(seq, scope),
        IntrinsicNode fn => ResolveFunction(fn, scope),
        _ => Resolved.Reject(TemplateDiagnostics.MalformedLoopId, "A mapping is neither a string nor a list.", node),
    };

    private Resolved ResolveList(SequenceNode seq, LoopScope scope)
    {
        var items = new List<string>(seq.Count);
        var pins = new List<ParameterPin>();
        foreach (var item in seq.Items)
        {
            var r = Resolve(item, scope);
            if (r.Failed)
            {
                return r;
            }

            if (r.Text is null)
            {
                return Resolved.Reject(TemplateDiagnostics.MalformedLoopId, "A list item must be a string, not a list.", item);
            }

            items.Add(r.Text);
            pins.AddRange(r.Pins);
        }

        return Resolved.OfItems(items, pins);
    }

    private Resolved ResolveFunction(IntrinsicNode fn, LoopScope scope)
    {
        var args = fn.Arguments;
        switch (fn.Name)
        {
            case "Ref" when fn.Argument is ScalarNode name:
                return ResolveRef(name.Text, scope);
            case "Ref":
                return Resolve(fn.Argument, scope) is { Text: { } target } ? ResolveRef(target, scope) : Resolved.Unknown("the Ref target is computed");
            case "Fn::Split" when args.Count == 2:
                return Combine(scope, args, parts => parts[0].Text is { Length: > 0 } d && parts[1].Text is { } source
                    ? Resolved.OfItems(source.Split(d))
                    : Resolved.Reject(TemplateDiagnostics.MalformedLoopId, "Fn::Split needs a delimiter and a string.", fn));
            case "Fn::Join" when args.Count == 2:
                return Combine(scope, args, parts => parts[0].Text is { } d && parts[1].Items is { } list
                    ? Resolved.OfText(string.Join(d, list))
                    : Resolved.Reject(TemplateDiagnostics.MalformedLoopId, "Fn::Join needs a delimiter and a list.", fn));
            case "Fn::Select" when args.Count == 2:
                return Combine(scope, args, parts => parts[0].Text is { } t && int.TryParse(t, out var i) && parts[1].Items is { } list && i >= 0 && i < list.Count
                    ? Resolved.OfText(list[i])
                    : Resolved.Reject(TemplateDiagnostics.MalformedLoopId, "Fn::Select needs an index within the list.", fn));
            case "Fn::Sub":
                return ResolveSub(fn, scope);
            case "Fn::FindInMap" when args.Count is 3 or 4:
                return ResolveFindInMap(fn, scope);
            case "Fn::If" when args.Count == 3 && args[0] is ScalarNode condition:
                return Resolved.Unknown($"depends on condition {condition.Text}");
            case "Fn::GetAtt" or "Fn::ImportValue" or "Fn::GetAZs" or "Fn::Cidr":
                return Resolved.Unknown($"uses {fn.Name}, whose value is known only at deploy time");
            case var name when !KnownFunctions.Contains(name):
                return Resolved.Reject(TemplateDiagnostics.UnsupportedLanguageExtensionFunctionId, $"{name} is not a function CloudFormation knows.", fn);
            default:
                return Resolved.Reject(TemplateDiagnostics.UnsupportedLanguageExtensionFunctionId, $"{fn.Name} cannot give a value here (or its arguments are malformed).", fn);
        }
    }

    /// <summary>Resolves every argument first; the first failure is the result, else <paramref name="apply"/> with the pins of all.</summary>
    private Resolved Combine(LoopScope scope, IReadOnlyList<SyntaxNode> args, Func<Resolved[], Resolved> apply)
    {
        var parts = new Resolved[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            parts[i] = Resolve(args[i], scope);
            if (parts[i].Failed)
            {
                return parts[i];
            }
        }

        var result = apply(parts);
        if (result.Failed)
        {
            return result;
        }

        var pins = parts.SelectMany(p => p.Pins).Distinct().ToArray();
        return result.Text is { } text ? Resolved.OfText(text, pins) : Resolved.OfItems(result.Items!, pins);
    }

    private Resolved ResolveRef(string name, LoopScope scope)
    {
        if (scope.TryGet(name, out var bound))
        {
            return Resolved.OfText(bound);
        }

        if (_parameters.TryGetValue(name, out var parameter))
        {
            return ResolveParameter(parameter);
        }

        if (TemplateEvaluator.PseudoParameters.Contains(name))
        {
            return _settings.PseudoParameterValues.TryGetValue(name, out var value)
                ? Resolved.OfText(value)
                : Resolved.Unknown($"uses {name}, known only at deploy time");
        }

        return Resolved.Unknown($"refers to '{name}', which is not a parameter (a resource's value is known only at deploy time)");
    }

    private Resolved ResolveParameter(Parameter parameter)
    {
        if (_settings.ParameterValues.TryGetValue(parameter.Name, out var given))
        {
            return parameter.IsList ? Resolved.OfItems(SplitList(given)) : Resolved.OfText(given);
        }

        if (parameter.IsSsmParameter)
        {
            return Resolved.Unknown($"comes from SSM parameter type {parameter.Type} of parameter {parameter.Name}, resolved at deploy time");
        }

        if (TemplateEvaluator.DefaultText(parameter) is not { } text)
        {
            return Resolved.Unknown($"comes from parameter {parameter.Name}, which has no Default and no value given (--parameter-values)");
        }

        // Without a deployment's values the Default is one possibility: what is generated from it says so.
        IReadOnlyList<ParameterPin> pins = _settings.DefaultsAreValues ? [] : [new ParameterPin(parameter.Name, text, PinSource.Default)];
        return parameter.IsList ? Resolved.OfItems(SplitList(text), pins) : Resolved.OfText(text, pins);
    }

    private static string[] SplitList(string text) => text.Split(',').Select(s => s.Trim()).ToArray();

    private Resolved ResolveSub(IntrinsicNode fn, LoopScope scope)
    {
        var (template, variables) = fn.Argument switch
        {
            ScalarNode s => (s.Text, (MappingNode?)null),
            SequenceNode { Count: >= 1 } seq when seq[0] is ScalarNode t => (t.Text, seq.Count > 1 ? seq[1] as MappingNode : null),
            _ => (null, null),
        };
        if (template is null)
        {
            return Resolved.Reject(TemplateDiagnostics.MalformedLoopId, "Fn::Sub needs a string.", fn);
        }

        var text = new System.Text.StringBuilder();
        var pins = new List<ParameterPin>();
        foreach (var part in SubTemplate.Parse(scope.Substitute(template)))
        {
            if (part.IsLiteral)
            {
                text.Append(part.Text);
                continue;
            }

            var value = variables?.Get(part.Text) is { } variable ? Resolve(variable, scope) : ResolveRef(part.Text, scope);
            if (value.Failed)
            {
                return value;
            }

            if (value.Text is null)
            {
                return Resolved.Reject(TemplateDiagnostics.MalformedLoopId, $"${{{part.Text}}} is a list, not a string.", fn);
            }

            text.Append(value.Text);
            pins.AddRange(value.Pins);
        }

        return Resolved.OfText(text.ToString(), pins);
    }

    private Resolved ResolveFindInMap(IntrinsicNode fn, LoopScope scope)
    {
        var args = fn.Arguments;
        if (args.Count == 4 && DefaultValueOf(args[3]) is null)
        {
            return Resolved.Reject(TemplateDiagnostics.UnsupportedLanguageExtensionFunctionId, "The fourth argument of Fn::FindInMap must be a mapping with only a DefaultValue.", args[3]);
        }

        var keys = new string[3];
        var pins = new List<ParameterPin>();
        for (var i = 0; i < 3; i++)
        {
            var key = Resolve(args[i], scope);
            if (key.Failed)
            {
                return key;
            }

            if (key.Text is null)
            {
                return Resolved.Reject(TemplateDiagnostics.MalformedLoopId, "Fn::FindInMap keys must be strings.", args[i]);
            }

            keys[i] = key.Text;
            pins.AddRange(key.Pins);
        }

        var found = (_mappings?.Get(keys[0]) as MappingNode)?.Get(keys[1]) is MappingNode level ? level.Get(keys[2]) : null;
        if (found is null)
        {
            return args.Count == 4
                ? WithPins(Resolve(DefaultValueOf(args[3])!, scope), pins)
                : Resolved.Reject(TemplateDiagnostics.MalformedLoopId, $"Fn::FindInMap finds no value at {keys[0]}/{keys[1]}/{keys[2]} and has no DefaultValue.", fn);
        }

        return WithPins(Resolve(found, scope), pins);
    }

    /// <summary>The DefaultValue of Fn::FindInMap's fourth argument, or null when the argument is not exactly that.</summary>
    public static SyntaxNode? DefaultValueOf(SyntaxNode options) =>
        options is MappingNode { Count: 1 } map && map.Get("DefaultValue") is { } value ? value : null;

    private static Resolved WithPins(Resolved r, List<ParameterPin> pins)
    {
        if (r.Failed || pins.Count == 0)
        {
            return r;
        }

        var all = r.Pins.Concat(pins).Distinct().ToArray();
        return r.Text is { } text ? Resolved.OfText(text, all) : Resolved.OfItems(r.Items!, all);
    }
}
