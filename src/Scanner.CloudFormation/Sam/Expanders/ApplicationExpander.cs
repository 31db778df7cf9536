using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::Application → a nested stack. An application of the Serverless Application Repository gets the
/// repository's tags; its template URL is only known once SAM asks the repository at deploy time.
/// </summary>
internal sealed partial class ApplicationExpander : ISamExpander
{
    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>();

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        var properties = resource.Properties;
        PrepareLocation(resource, context, properties);
        SamSchema.ValidateResource(resource.LogicalId, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode);
        SamValue? P(string name) => properties.Get(name) is { } v && !SamValue.IsNull(v) ? v : null;
        var stack = resource.New(resource.LogicalId, "AWS::CloudFormation::Stack", resource.PassThroughAttributes());
        stack.DependsOn = resource.DependsOn;
        stack.Set("Parameters", P("Parameters"));
        stack.Set("NotificationARNs", P("NotificationARNs"));
        var repositoryTags = new SamMap();
        if (P("Location") is SamMap loc)
        {
            if (loc.Get("ApplicationId") is { } app && !SamValue.IsNull(app))
            {
                repositoryTags.Set("serverlessrepo:applicationId", app);
            }

            if (loc.Get("SemanticVersion") is { } version && !SamValue.IsNull(version))
            {
                repositoryTags.Set("serverlessrepo:semanticVersion", version);
            }
        }

        stack.Set("Tags", Roles.TagList(resource, P("Tags"), repositoryTags));
        stack.Set("TimeoutInMinutes", P("TimeoutInMinutes"));
        stack.Set("TemplateURL", P("TemplateUrl") is { } url && SamValue.Truthy(url) ? url : Fn.Str(string.Empty));
        return [stack];
    }

    /// <summary>
    /// SAM's application plugin: a Location string is the template URL; a repository location needs ApplicationId and
    /// SemanticVersion (parameter Refs and FindInMap resolved), whose template URL SAM gets from the repository.
    /// </summary>
    private static void PrepareLocation(SamResource resource, SamContext context, SamMap properties)
    {
        if (!properties.ContainsKey("Location"))
        {
            throw resource.Error("Resource is missing the required [Location] property.");
        }

        if (properties.Get("Location") is not SamMap location)
        {
            properties.Set("TemplateUrl", properties.Get("Location")!);
            return;
        }

        foreach (var key in new[] { "ApplicationId", "SemanticVersion" })
        {
            if (!location.ContainsKey(key))
            {
                throw resource.Error($"Resource is missing the required [{key}] property.", location);
            }
        }

        var appId = location.Get("ApplicationId")!;
        var version = location.Get("SemanticVersion")!;
        if (!SamValue.IsNull(appId) && !SamValue.IsNull(version))
        {
            appId = FunctionExpander.ResolveWithMappings(context, appId);
            version = FunctionExpander.ResolveWithMappings(context, version);
            location.Set("ApplicationId", appId);
            location.Set("SemanticVersion", version);
            if (appId is not SamMap && version is not SamMap)
            {
                if (appId.AsString is not { } id)
                {
                    throw resource.Error("Property 'Location.ApplicationId' should be a string.", appId);
                }

                if (version.AsString is null)
                {
                    throw resource.Error("Property 'Location.SemanticVersion' should be a string.", version);
                }

                if (SsmReference().IsMatch(id))
                {
                    throw resource.Error("Serverless Application Repostiory does not support dynamic reference in 'ApplicationId' property.", appId);
                }
            }
        }

        if (SamValue.IsNull(appId))
        {
            throw resource.Error("Property 'ApplicationId' is required.", location);
        }

        // SAM resolves AWS::Region and the like at deploy time; only what no deployment can resolve is an error here.
        if (appId is SamMap && !UsesPseudoParameter(appId))
        {
            throw resource.Error("Property 'ApplicationId' cannot be resolved. Only FindInMap and Ref intrinsic functions are supported.", appId);
        }

        if (!SamValue.Truthy(version))
        {
            throw resource.Error("Property 'SemanticVersion' cannot be blank.", location);
        }

        if (version is SamMap && !UsesPseudoParameter(version))
        {
            throw resource.Error("Property 'SemanticVersion' cannot be resolved. Only FindInMap and Ref intrinsic functions are supported.", version);
        }

        resource.Unchecked(
            SamDiagnostics.RepositoryApplicationId,
            $"Application {Shown(appId)} version {Shown(version)} of the Serverless Application Repository is looked up when SAM transforms the template, which SAM rejects when the application does not exist, is not shared with the deploying account or is not ready: that needs AWS and is not checked here; the nested stack's template is not analysed.",
            appId);
    }

    private static string Shown(SamValue value) => value.AsString is { } text ? $"'{text}'" : "(known at deploy time)";

    /// <summary>Whether a value refers to a pseudo parameter (AWS::Region…), known only when the stack is deployed.</summary>
    private static bool UsesPseudoParameter(SamValue value) => value switch
    {
        SamMap m when Fn.RefName(m) is { } name => name.StartsWith("AWS::", StringComparison.Ordinal),
        SamMap m => m.Values.Any(UsesPseudoParameter),
        SamList l => l.Any(UsesPseudoParameter),
        _ => false,
    };

    [GeneratedRegex(@"{{resolve:ssm:[a-zA-Z0-9_.\-/]+(:\d+)?}}")]
    private static partial Regex SsmReference();
}
