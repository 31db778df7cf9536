using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Sam.Expanders;
using Scanner.CloudFormation.Sam.Plugins;
using Scanner.CloudFormation.Sam.Values;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam;

/// <summary>The template after the SAM transform, as CloudFormation receives it.</summary>
internal sealed class SamTranslation
{
    public SamTranslation(MappingNode document, IReadOnlyList<Resource> resources, IReadOnlyDictionary<string, string> references, bool failed)
    {
        Document = document;
        Resources = resources;
        References = references;
        Failed = failed;
    }

    /// <summary>SAM rejects the template: some resources were not transformed, and what they would generate is missing.</summary>
    public bool Failed { get; }

    /// <summary>The whole transformed template (Resources, Outputs, Conditions… without Globals and the SAM transform).</summary>
    public MappingNode Document { get; }

    /// <summary>The resources CloudFormation deploys, in SAM's order.</summary>
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>Names SAM resolves in references: <c>MyFunction.Alias</c>, <c>MyApi.Stage</c>, a renamed layer's id → the generated id.</summary>
    public IReadOnlyDictionary<string, string> References { get; }
}

/// <summary>
/// Expands AWS::Serverless-2016-10-31 resources into the CloudFormation resources SAM deploys, so that rules see
/// what will really exist, and reports what SAM rejects as E3000–E3004 findings. Follows SAM's translator: plugins
/// first (Globals, implicit APIs, policy templates), then one expander per SAM resource type in SAM's order
/// (functions, state machines, APIs, the rest, connectors), then SAM's reference rewriting (<c>MyFunction.Alias</c>,
/// renamed layers). Generated resources reuse the nodes written in the template (findings point at the SAM
/// definition); values SAM synthesizes carry the span of the SAM construct they come from.
/// </summary>
internal static class SamTransform
{
    private const string ServerlessTransform = "AWS::Serverless-2016-10-31";

    private static readonly Dictionary<string, ISamExpander> Expanders = new(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = new FunctionExpander(),
        ["AWS::Serverless::StateMachine"] = new StateMachineExpander(),
        ["AWS::Serverless::Api"] = new RestApiExpander(),
        ["AWS::Serverless::HttpApi"] = new HttpApiExpander(),
        ["AWS::Serverless::WebSocketApi"] = new WebSocketApiExpander(),
        ["AWS::Serverless::SimpleTable"] = new SimpleTableExpander(),
        ["AWS::Serverless::LayerVersion"] = new LayerVersionExpander(),
        ["AWS::Serverless::Application"] = new ApplicationExpander(),
        ["AWS::Serverless::Connector"] = new ConnectorExpander(),
        ["AWS::Serverless::GraphQLApi"] = new GraphQLApiExpander(),
        ["AWS::Serverless::CapacityProvider"] = new CapacityProviderExpander(),
    };

    /// <summary>
    /// Whether <paramref name="type"/> is a resource SAM transforms (it is removed from the output and replaced by
    /// what it generates).
    /// </summary>
    public static bool IsSamType(string? type) => type is not null && Expanders.ContainsKey(type);

    public static SamTranslation Translate(MappingNode root, IReadOnlyList<Resource> written, List<SyntaxDiagnostic> problems)
    {
        var template = (SamMap)SamSyntax.From(root);
        var context = new SamContext(template, written);
        var output = new SamOutput(context);
        context.Output = output;
        if (RunPlugins(context))
        {
            foreach (var (id, value) in context.Resources)
            {
                output.Entries[id] = new SamOutput.Entry((SamMap)value, context.WrittenResource(id));
            }

            TranslateResources(context, output);
            DeploymentPreferences.AddResources(context, output);
        }
        else
        {
            // SAM stops at a document-level error: CloudFormation would get nothing; rules see the resources as written.
            foreach (var r in written)
            {
                output.Entries[r.LogicalId] = new SamOutput.Entry((SamMap)SamSyntax.From(r.Node), r);
            }
        }

        RemoveTransform(template);
        template.Remove("Globals");
        var resources = new SamMap(template.GetMap("Resources")?.Origin);
        foreach (var (id, entry) in output.Entries)
        {
            resources.Set(id, entry.Dict);
        }

        template.Set("Resources", resources);
        SamReferences.Resolve(template, context);
        Report(context, problems);
        return Build(root, template, output, context);
    }

    /// <summary>SAM's parser validation and its before-transform plugins; false when SAM would stop there.</summary>
    private static bool RunPlugins(SamContext context)
    {
        try
        {
            ValidateStructure(context.Template);
            ImplicitApis.AddDefaultDefinitionBodies(context);
            ImplicitApis.AddImplicitRestApi(context);
            ImplicitApis.AddImplicitHttpApi(context);
            Globals.Apply(context);
            Connectors.AddEmbedded(context);
            return context.Errors.Count == 0;
        }
        catch (SamException e)
        {
            context.Errors.Add(e);
            return false;
        }
        catch (Exception e) when (IsShapeError(e))
        {
            context.Errors.Add(SamException.Template(UnexpectedShape, context.Template));
            return false;
        }
    }

    private const string UnexpectedShape = "A value does not have the shape SAM expects (a list where a map belongs, or the reverse); SAM cannot transform it.";

    /// <summary>
    /// What a value of an unexpected shape makes the expanders throw where SAM's own code fails too: the template is
    /// reported as not transformable instead of failing the scan.
    /// </summary>
    private static bool IsShapeError(Exception e) => e is InvalidCastException or NullReferenceException or KeyNotFoundException or ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException;

    private static void ValidateStructure(SamMap template)
    {
        if (template.Get("Resources") is not SamMap { Count: > 0 } resources)
        {
            throw SamException.Template("'Resources' section is required", template.Get("Resources") ?? template);
        }

        if (template.ContainsKey("Mappings") && template.Get("Mappings") is not SamMap)
        {
            throw SamException.Template("'Mappings' or 'Parameters' is either null or not a valid dictionary.", template.Get("Mappings"));
        }

        foreach (var (_, value) in resources)
        {
            if (value is not SamMap)
            {
                throw SamException.Template("All 'Resources' must be Objects. If you're using YAML, this may be an indentation issue.", value);
            }
        }

        foreach (var (id, value) in resources)
        {
            var resource = (SamMap)value;
            if (resource.Get("Condition") is { } condition && condition.AsString is null)
            {
                throw SamException.Template("Every Condition member must be a string.", condition);
            }

            if (resource.GetString("Type") is { } type && IsPluginType(type) && resource.Get("Properties") is { } properties && properties is not SamMap)
            {
                throw new SamException("Attribute 'Properties' should be a map.", properties.Origin, SamErrorKind.Resource, id);
            }
        }
    }

    /// <summary>The types SAM's plugins iterate (SamResourceType): Connector and GraphQLApi are not among them.</summary>
    public static bool IsPluginType(string type) => IsSamType(type) && type is not "AWS::Serverless::Connector" and not "AWS::Serverless::GraphQLApi";

    private static void TranslateResources(SamContext context, SamOutput output)
    {
        var all = context.Resources.Where(e => e.Value is SamMap m && IsSamType(m.GetString("Type"))).Select(e => (Id: e.Key, Dict: (SamMap)e.Value)).ToList();
        int Rank(string type) => type switch
        {
            "AWS::Serverless::Function" => 0,
            "AWS::Serverless::StateMachine" => 1,
            "AWS::Serverless::Api" or "AWS::Serverless::HttpApi" or "AWS::Serverless::WebSocketApi" => 2,
            "AWS::Serverless::Connector" => 4,
            _ => 3,
        };

        // Stable sort: SAM keeps template order inside each group.
        var ordered = all.Select((r, i) => (r, i)).OrderBy(x => Rank(x.r.Dict.GetString("Type")!)).ThenBy(x => x.i).Select(x => x.r).ToList();
        var existing = context.Resources.ToDictionary(e => e.Key, e => (e.Value as SamMap)?.GetString("Type"), StringComparer.Ordinal);
        foreach (var (id, dict) in ordered)
        {
            var resource = new SamResource(context, id, dict, context.WrittenResource(id), context.SyntheticSources.GetValueOrDefault(id));
            var expander = Expanders[resource.Type];
            IReadOnlyList<CfnResource> generated;
            try
            {
                if (!id.All(char.IsAsciiLetterOrDigit))
                {
                    throw resource.Error("Logical ids must be alphanumeric.");
                }

                generated = expander.Expand(resource, context);
            }
            catch (SamException e)
            {
                context.Errors.Add(e.LocatedAt(resource.Written?.KeyNode ?? resource.Cause?.KeyNode));
                continue;
            }
            catch (Exception e) when (IsShapeError(e))
            {
                context.Errors.Add(resource.Error(UnexpectedShape).LocatedAt(resource.Cause?.KeyNode));
                continue;
            }

            foreach (var (property, type) in expander.ReferableProperties)
            {
                if (generated.LastOrDefault(g => g.Type == type) is { } target)
                {
                    context.AddReference(id, property, target.LogicalId);
                }
            }

            output.Entries.Remove(id);
            foreach (var g in generated)
            {
                if (existing.TryGetValue(g.LogicalId, out var existingType) && !MayReplace(g.Type, existingType))
                {
                    context.Errors.Add(new SamException(
                        $"Transforming resource with id [{id}] attempts to create a new resource with id [{g.LogicalId}] and type \"{g.Type}\". A resource with that id already exists within this template. Please use a different id for that resource.",
                        resource.Written?.KeyNode,
                        SamErrorKind.DuplicateId,
                        id));
                    continue;
                }

                output.Add(g, resource);
            }
        }
    }

    /// <summary>SAM lets a generated resource take the id of what it replaces (SAM's <c>do_not_verify</c>).</summary>
    private static bool MayReplace(string generatedType, string? existingType) => (generatedType, existingType) switch
    {
        ("AWS::Lambda::Function", "AWS::Serverless::Function") => true,
        ("AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion") => true,
        ("AWS::Lambda::CapacityProvider", "AWS::Serverless::CapacityProvider") => true,
        ("AWS::ApiGateway::RestApi", "AWS::Serverless::Api") => true,
        ("AWS::ApiGatewayV2::Api", "AWS::Serverless::HttpApi" or "AWS::Serverless::WebSocketApi") => true,
        ("AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable") => true,
        ("AWS::CloudFormation::Stack", "AWS::Serverless::Application") => true,
        ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine") => true,
        ("AWS::AppSync::GraphQLApi", "AWS::Serverless::GraphQLApi") => true,
        var (g, e) when g == e && g is "AWS::S3::Bucket" or "AWS::SNS::Topic" or "AWS::Cognito::UserPool" or "AWS::ApiGateway::DomainName"
            or "AWS::ApiGateway::BasePathMapping" or "AWS::ApiGateway::DomainNameV2" or "AWS::ApiGateway::BasePathMappingV2" => true,
        _ => false,
    };

    private static void RemoveTransform(SamMap template)
    {
        switch (template.Get("Transform"))
        {
            case SamScalar s when s.Text == ServerlessTransform:
                template.Remove("Transform");
                break;
            case SamList list:
                var rest = list.Where(t => t.AsString != ServerlessTransform).ToList();
                if (rest.Count == 0)
                {
                    template.Remove("Transform");
                }
                else if (rest.Count != list.Count)
                {
                    template.Set("Transform", new SamList(rest, list.Origin));
                }

                break;
        }
    }

    private static void Report(SamContext context, List<SyntaxDiagnostic> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in context.Errors.Concat(context.Unchecked))
        {
            var message = "SAM: " + e.FullMessage;
            if (seen.Add(message))
            {
                var at = e.At ?? context.Template.Origin!;
                problems.Add(new SyntaxDiagnostic(e.RuleId ?? SamDiagnostics.IdOf(e.Kind), message, at.Span, at.Path));
            }
        }
    }

    private static SamTranslation Build(MappingNode root, SamMap template, SamOutput output, SamContext context)
    {
        var document = (MappingNode)SamSyntax.ToSyntax(template, root);
        var resourcesNode = document.Get("Resources") as MappingNode;
        var resources = new List<Resource>(output.Entries.Count);
        foreach (var (id, entry) in output.Entries)
        {
            if (resourcesNode?.Get(id) is not MappingNode body || body.Get("Type") is not ScalarNode type)
            {
                continue;
            }

            if (entry.KeyOrigin is { } w && entry.GeneratedFrom is null && ReferenceEquals(w.Node, body) && w.LogicalId == id)
            {
                resources.Add(w);
                continue;
            }

            var keySpan = entry.KeyOrigin?.KeyNode ?? (SyntaxNode)body;
            var key = entry.KeyOrigin?.LogicalId == id ? entry.KeyOrigin.KeyNode : new ScalarNode(keySpan.Span, keySpan.Path, id, ScalarKind.String, ScalarStyle.Plain);
            resources.Add(new Resource(key, body, type, entry.GeneratedFrom) { ExpandedUnder = (entry.GeneratedFrom ?? entry.KeyOrigin)?.ExpandedUnder ?? [] });
        }

        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ((id, property), target) in context.ResourceReferences)
        {
            references[id + "." + property] = target;
        }

        foreach (var (old, renamed) in context.ChangedLogicalIds)
        {
            references[old] = renamed;
        }

        return new SamTranslation(document, resources, references, context.Errors.Count > 0);
    }

}

/// <summary>The Resources of the transformed template, in SAM's order, with where each one comes from.</summary>
internal sealed class SamOutput(SamContext context)
{
    public OrderedDictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds (or replaces in place) a generated resource of <paramref name="owner"/>.</summary>
    public void Add(CfnResource generated, SamResource owner)
    {
        var source = owner.Written ?? context.SyntheticSources.GetValueOrDefault(owner.LogicalId);
        var same = context.WrittenResource(generated.LogicalId);

        // A resource the template declares that an event edits (an S3 bucket's notifications) stays the user's own.
        var generatedFrom = same is not null && !SamTransform.IsSamType(same.Type) ? null : source;
        Entries[generated.LogicalId] = new Entry(generated.ToDict(), same ?? source, generatedFrom);
    }

    /// <summary>One entry: the dict, the written resource its key points at, and the SAM resource that generated it.</summary>
    public sealed record Entry(SamMap Dict, Resource? KeyOrigin, Resource? GeneratedFrom = null);
}

/// <summary>Expands one SAM resource type into CloudFormation resources.</summary>
internal interface ISamExpander
{
    /// <summary>SAM's <c>referable_properties</c>: <c>LogicalId.Property</c> references resolve to the generated resource of this type.</summary>
    IReadOnlyDictionary<string, string> ReferableProperties { get; }

    IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context);
}
