using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Analysis;

/// <summary>
/// Everything a rule can see of one template, and the one way to report: a finding always carries the span and
/// path of the offending node, and the scenario it holds under.
/// <para>
/// Rules read values through variants: <see cref="ResourceContext.Variants(string)"/> gives every value a property
/// can take at deploy time, each with the <see cref="Scenario"/> (conditions, parameter values) that selects it and
/// the node it is written at; <see cref="Variants(SyntaxNode?, Scenario?)"/> does the same for any node. Reporting a
/// variant (<see cref="ResourceContext.Report(RuleDescriptor, Variant, object?[])"/>) says under which scenario the
/// finding holds, in the message and in <see cref="Finding.When"/>. Resources whose Condition cannot hold are not
/// part of <see cref="Resources"/> and are never dispatched; the others carry their condition in their scenario.
/// </para>
/// </summary>
public sealed class TemplateContext
{
    private readonly List<Finding> _findings;
    private readonly Dictionary<PendingKey, List<Scenario>> _pending = [];
    private readonly Dictionary<Resource, Scenario?> _resourceScenarios = [];
    private IReadOnlyList<Resource>? _resources;

    internal TemplateContext(string filePath, Template template, TemplateEvaluator evaluator, RuleRegistry registry, List<Finding> findings)
    {
        FilePath = filePath;
        Template = template;
        Evaluator = evaluator;
        Registry = registry;
        _findings = findings;
    }

    public string FilePath { get; }

    public Template Template { get; }

    public SyntaxTree Tree => Template.Tree;

    public SourceText Source => Template.Tree.Source;

    public TemplateEvaluator Evaluator { get; }

    public RuleRegistry Registry { get; }

    /// <summary>The resources that can be deployed (whose Condition can hold), in document order.</summary>
    public IReadOnlyList<Resource> Resources => _resources ??= Template.Resources.Where(r => ScenarioOf(r) is not null).ToArray();

    /// <summary>The deployable resources of one type.</summary>
    public IEnumerable<Resource> ResourcesOfType(string type) => Resources.Where(r => r.Type == type);

    /// <summary>The deployable resource with this logical id, or null (undeclared, or its Condition cannot hold).</summary>
    public Resource? GetResource(string logicalId) => Template.GetResource(logicalId) is { } r && ScenarioOf(r) is not null ? r : null;

    /// <summary>
    /// The scenario under which a resource exists: <see cref="Scenario.Always"/> without a Condition, its Condition
    /// assumed true otherwise, and null when that Condition cannot hold (the resource is never deployed).
    /// </summary>
    public Scenario? ScenarioOf(Resource resource)
    {
        lock (_resourceScenarios)
        {
            if (!_resourceScenarios.TryGetValue(resource, out var scenario))
            {
                // A resource a loop generated from a parameter's Default exists as generated only with that default.
                var generated = resource.ExpandedUnder.Aggregate((Scenario?)Scenario.Always, (s, pin) => s?.With(pin));
                scenario = generated is null ? null
                    : resource.Condition is { } condition ? Evaluator.Assume(generated, condition, true)
                    : generated.IsAlways || Evaluator.IsConsistent(generated) ? generated : null;
                _resourceScenarios[resource] = scenario;
            }

            return scenario;
        }
    }

    /// <summary>Every deployable value of <paramref name="node"/>, within <paramref name="scenario"/> (default: always).</summary>
    public IReadOnlyList<Variant> Variants(SyntaxNode? node, Scenario? scenario = null) => Evaluator.Variants(node, scenario ?? Scenario.Always);

    /// <summary>Every deployable value at a dotted path below <paramref name="node"/> (<c>*</c> = every list item).</summary>
    public IReadOnlyList<Variant> Variants(SyntaxNode? node, string path, Scenario? scenario = null) => Evaluator.Variants(node, path, scenario ?? Scenario.Always);

    /// <summary>
    /// Every deployable value of a property of <paramref name="resource"/> (dotted path below its Properties; an
    /// empty path gives the Properties variants), within the resource's scenario: how a rule reads a resource other
    /// than the one it visits.
    /// </summary>
    public IReadOnlyList<Variant> Variants(Resource resource, string path) =>
        Evaluator.Variants(resource.Attribute("Properties"), path, ScenarioOf(resource) ?? Scenario.Always);

    /// <summary>
    /// For "X has no Y" checks across resources: the scenario, within <paramref name="within"/>, in which none of the
    /// <paramref name="covering"/> scenarios (each one under which some Y covers X) holds; null when X is covered in
    /// every deployment. A covering scenario that assumes more than one thing beyond <paramref name="within"/> is
    /// taken to hold (its negation is not one scenario), so the answer never claims a gap that may not exist.
    /// </summary>
    public Scenario? Uncovered(Scenario within, IEnumerable<Scenario> covering)
    {
        Scenario? gap = within;
        foreach (var c in covering)
        {
            if (Evaluator.Combine(within, c) is null)
            {
                continue; // never deployed together with X
            }

            var extra = c.Conditions.Where(a => within.ConditionValue(a.Condition) != a.Value).ToList();
            var pins = c.Parameters.Where(p => within.PinOf(p.Name)?.Value != p.Value).ToList();
            if (extra.Count == 0 && pins.Count == 0)
            {
                return null;
            }

            if (extra.Count != 1 || pins.Count != 0)
            {
                return null;
            }

            gap = Evaluator.Assume(gap!, extra[0].Condition, !extra[0].Value);
            if (gap is null)
            {
                return null;
            }
        }

        return gap;
    }

    /// <summary>Reports a finding at <paramref name="node"/> (or at the resource's key when the node is null).</summary>
    public void Report(RuleDescriptor descriptor, SyntaxNode? node, Resource? resource, params object?[] messageArgs) =>
        Report(descriptor, node?.Span ?? resource?.KeyNode.Span ?? default, node?.Path ?? resource?.Path ?? string.Empty, resource, descriptor.FormatMessage(messageArgs));

    /// <summary>Reports a variant: at its node (at <paramref name="absentAt"/> when it is absent), under its scenario.</summary>
    public void Report(RuleDescriptor descriptor, Variant variant, SyntaxNode? absentAt, Resource? resource, params object?[] messageArgs)
    {
        var node = variant.Node ?? absentAt;
        Report(descriptor, node?.Span ?? resource?.KeyNode.Span ?? default, node?.Path ?? resource?.Path ?? string.Empty, resource, descriptor.FormatMessage(messageArgs), scenario: variant.Scenario, namedParameter: variant.SourceParameter);
    }

    /// <summary>
    /// Reports a finding at an explicit span (e.g. inside a policy written as a string). A tiered rule may rate the
    /// finding with <paramref name="severity"/> (one of the descriptor's <see cref="RuleDescriptor.FindingSeverities"/>);
    /// the level is always the descriptor's. The finding holds under <paramref name="scenario"/> and the resource's
    /// own scenario (its Condition); both are said in the message, except a pin of <paramref name="namedParameter"/>,
    /// a parameter the message already names as the value's source.
    /// </summary>
    public void Report(RuleDescriptor descriptor, TextSpan span, string path, Resource? resource, string message, SecuritySeverity? severity = null, Scenario? scenario = null, string? namedParameter = null)
    {
        var when = scenario ?? Scenario.Always;
        if (resource is not null && ScenarioOf(resource) is { IsAlways: false } own)
        {
            when = Evaluator.Combine(own, when) ?? when;
        }

        var key = new PendingKey(descriptor, span, path, resource, message, severity ?? descriptor.Severity, namedParameter);
        lock (_pending)
        {
            if (_pending.TryGetValue(key, out var scenarios))
            {
                scenarios.Add(when);
            }
            else
            {
                _pending.Add(key, [when]);
            }
        }
    }

    /// <summary>
    /// Turns what the rules reported into findings, once the rules have run. The same finding (rule, place,
    /// message) met in several variants is one finding under the union of their scenarios
    /// (<see cref="Scenario.Merge"/>): a wildcard action met whether or not IsDev holds says no condition at all.
    /// </summary>
    internal void Complete()
    {
        lock (_pending)
        {
            foreach (var (key, scenarios) in _pending)
            {
                foreach (var when in Scenario.Merge(scenarios))
                {
                    _findings.Add(new Finding
                    {
                        RuleId = key.Descriptor.Id,
                        Kind = key.Descriptor.Kind,
                        Level = key.Descriptor.Level,
                        Severity = key.Severity,
                        Message = when.AppendTo(key.Message, key.NamedParameter),
                        FilePath = FilePath,
                        LogicalId = key.Resource?.LogicalId,
                        ResourceType = key.Resource?.Type,
                        Span = Source.GetSpan(key.Span),
                        Path = key.Path,
                        When = ToFindingScenario(when),
                    });
                }
            }

            _pending.Clear();
        }
    }

    /// <summary>Evaluates a node (shorthand for <c>Evaluator.Evaluate</c>).</summary>
    public Value Evaluate(SyntaxNode? node) => Evaluator.Evaluate(node);

    /// <summary>What makes two reports the same finding; the scenarios they hold under are merged.</summary>
    private readonly record struct PendingKey(RuleDescriptor Descriptor, TextSpan Span, string Path, Resource? Resource, string Message, SecuritySeverity Severity, string? NamedParameter);

    private static FindingScenario? ToFindingScenario(Scenario scenario) =>
        !scenario.IsDescribable
            ? null
            : new FindingScenario(
                scenario.Conditions.Select(c => new KeyValuePair<string, bool>(c.Condition, c.Value)).ToArray(),
                scenario.Parameters.Where(p => !p.IsOther).Select(p => new KeyValuePair<string, string>(p.Name, p.Value!)).ToArray(),
                scenario.Describe());
}

/// <summary>The target of a resource action: one resource of a matching type.</summary>
public sealed class ResourceContext
{
    internal ResourceContext(TemplateContext template, Resource resource)
    {
        TemplateContext = template;
        Resource = resource;
    }

    public TemplateContext TemplateContext { get; }

    public Resource Resource { get; }

    public Template Template => TemplateContext.Template;

    public string LogicalId => Resource.LogicalId;

    public string Type => Resource.Type;

    /// <summary>The scenario under which the resource exists (its Condition assumed true; always without one).</summary>
    public Scenario Scenario => TemplateContext.ScenarioOf(Resource) ?? Scenario.Always;

    /// <summary>
    /// Every deployable value of a property (dotted path below Properties; <c>*</c> = every list item, a number =
    /// one item), within the resource's scenario: through a whole <c>Properties: !If</c>, nested Ifs and Ifs inside
    /// lists; AWS::NoValue and a missing property are absent variants (absent list items are left out).
    /// </summary>
    public IReadOnlyList<Variant> Variants(string path) => TemplateContext.Variants(Resource, path);

    /// <summary>
    /// Every deployable combination of several properties, each read within the scenario of the previous ones (see
    /// <see cref="Variant.Combinations"/>): one variant per path in each combination, the whole Properties block
    /// forked first when it is an undecided Fn::If.
    /// </summary>
    public IReadOnlyList<Variant[]> Combinations(params string[] paths) =>
        PropertiesVariants().SelectMany(properties => properties.Combinations(paths)).ToArray();

    /// <summary>Every deployable value of a node of this resource, within the resource's scenario.</summary>
    public IReadOnlyList<Variant> Variants(SyntaxNode? node) => TemplateContext.Evaluator.Variants(node, Scenario);

    /// <summary>
    /// Every deployable Properties mapping of the resource (one unless Properties is an undecided Fn::If); a
    /// missing or removed Properties is an absent variant.
    /// </summary>
    public IReadOnlyList<Variant> PropertiesVariants() => Variants(string.Empty);

    /// <summary>
    /// Reports a variant at its node, or at the resource's Type when it is absent; the message says the scenario
    /// the variant holds under ("… when condition HasLogKey is false").
    /// </summary>
    public void Report(RuleDescriptor descriptor, Variant variant, params object?[] messageArgs) =>
        TemplateContext.Report(descriptor, variant, Resource.TypeNode, Resource, messageArgs);

    /// <summary>
    /// A setting that must be true (encryption, deletion protection…): reports the first deployable variant in which
    /// it is absent, false or AWS::NoValue, with the reason as the message's argument ("is not set", "is false (the
    /// default of parameter X)"). A value known only at deploy time passes. True when it reported.
    /// </summary>
    public bool RequireTrue(RuleDescriptor descriptor, string path)
    {
        if (Variants(path).FirstNotTrue() is not { } variant)
        {
            return false;
        }

        Report(descriptor, variant, variant.NotTrueReason());
        return true;
    }

    /// <summary>A setting that must be present: reports the first deployable variant in which it is missing or removed.</summary>
    public bool RequirePresent(RuleDescriptor descriptor, string path)
    {
        if (Variants(path).FirstAbsent() is not { } variant)
        {
            return false;
        }

        Report(descriptor, variant, variant.AbsentReason());
        return true;
    }

    /// <summary>A setting that must not be true: reports the first deployable variant in which it is (absent counts as off).</summary>
    public bool ForbidTrue(RuleDescriptor descriptor, string path)
    {
        if (Variants(path).FirstTrue() is not { } variant)
        {
            return false;
        }

        Report(descriptor, variant, variant.Display);
        return true;
    }

    /// <summary>Reports at <paramref name="node"/> (the resource's Type when null) a finding that holds under <paramref name="scenario"/>.</summary>
    public void Report(RuleDescriptor descriptor, SyntaxNode? node, Scenario scenario, params object?[] messageArgs)
    {
        var at = node ?? Resource.TypeNode;
        TemplateContext.Report(descriptor, at.Span, at.Path, Resource, descriptor.FormatMessage(messageArgs), scenario: scenario);
    }

    /// <summary>Evaluates a node of the resource (its value with parameters at their defaults; rules read <see cref="Variants(string)"/>).</summary>
    public Value Evaluate(SyntaxNode? node) => TemplateContext.Evaluator.Evaluate(node);

    /// <summary>Reports at <paramref name="node"/>, or at the resource's logical id when the offending thing is an absence.</summary>
    public void Report(RuleDescriptor descriptor, SyntaxNode? node = null, params object?[] messageArgs) =>
        TemplateContext.Report(descriptor, node, Resource, messageArgs);
}

public static class RegistrationExtensions
{
    /// <summary>Calls <paramref name="action"/> for every resource whose type matches one of <paramref name="resourceTypes"/> (wildcards allowed).</summary>
    public static void RegisterResourceAction(this RuleRegistrationContext context, Action<ResourceContext> action, params string[] resourceTypes) =>
        context.Register(resourceTypes, action);

    /// <summary>Calls <paramref name="action"/> once per template, after the resource actions (for cross-resource checks).</summary>
    public static void RegisterTemplateAction(this RuleRegistrationContext context, Action<TemplateContext> action) =>
        context.Register(["template"], action);
}
