using Scanner.CloudFormation.Sam.Api;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Plugins;

/// <summary>
/// SAM's Globals section: properties set once for every resource of a type. Merging follows SAM: a resource's own
/// scalar wins, lists are concatenated (globals first), maps are merged key by key, an intrinsic counts as a
/// scalar, and values of different kinds keep the resource's. <c>IgnoreGlobals</c> on a resource opts out.
/// </summary>
internal static class Globals
{
    private const string Prefix = "AWS::Serverless::";

    /// <summary>What each section may set (SAM's supported properties; Function's excludes Role, Policies, FunctionName, Events).</summary>
    private static readonly Dictionary<string, string[]> Supported = new(StringComparer.Ordinal)
    {
        ["Function"] =
        [
            "Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize", "Timeout", "VpcConfig", "Environment",
            "Tags", "PropagateTags", "Tracing", "KmsKeyArn", "AutoPublishAlias", "AutoPublishAliasAllProperties", "Layers",
            "DeploymentPreference", "RolePath", "PermissionsBoundary", "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig",
            "AssumeRolePolicyDocument", "EventInvokeConfig", "FileSystemConfigs", "CodeSigningConfigArn", "Architectures", "SnapStart",
            "EphemeralStorage", "FunctionUrlConfig", "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop", "SourceKMSKeyArn",
            "TenancyConfig", "DurableConfig", "CapacityProviderConfig", "FunctionScalingConfig", "PublishToLatestPublished",
            "VersionDeletionPolicy",
        ],
        ["Api"] =
        [
            "Auth", "Name", "DefinitionUri", "CacheClusterEnabled", "CacheClusterSize", "MergeDefinitions", "Variables",
            "EndpointConfiguration", "MethodSettings", "BinaryMediaTypes", "MinimumCompressionSize", "Cors", "GatewayResponses",
            "AccessLogSetting", "CanarySetting", "TracingEnabled", "OpenApiVersion", "Domain", "AlwaysDeploy", "PropagateTags",
            "SecurityPolicy", "EndpointAccessMode",
        ],
        ["HttpApi"] =
        [
            "Auth", "AccessLogSettings", "StageVariables", "Tags", "CorsConfiguration", "DefaultRouteSettings", "Domain",
            "RouteSettings", "FailOnWarnings", "PropagateTags",
        ],
        ["SimpleTable"] = ["SSESpecification"],
        ["StateMachine"] = ["PropagateTags"],
        ["LayerVersion"] = ["PublishLambdaVersion"],
        ["CapacityProvider"] = ["VpcConfig", "OperatorRole", "Tags", "InstanceRequirements", "ScalingConfig", "KmsKeyArn", "PropagateTags"],
        ["WebSocketApi"] =
        [
            "AccessLogSettings", "ApiKeySelectionExpression", "DefaultRouteSettings", "DisableExecuteApiEndpoint",
            "DisableSchemaValidation", "Domain", "FailOnWarnings", "IpAddressType", "PropagateTags", "RouteSelectionExpression",
            "RouteSettings", "StageVariables", "Tags",
        ],
    };

    /// <summary>The Globals section of the template, per section name (validated), or null.</summary>
    public static IReadOnlyDictionary<string, SamMap> Read(SamMap template)
    {
        var result = new Dictionary<string, SamMap>(StringComparer.Ordinal);
        if (!template.ContainsKey("Globals"))
        {
            return result;
        }

        if (template.Get("Globals") is not SamMap globals)
        {
            throw SamException.Globals("It must be a non-empty dictionary", template.Get("Globals"));
        }

        var sectionNames = Supported.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var (section, value) in globals)
        {
            if (!Supported.TryGetValue(section, out var supported))
            {
                throw new SamException(
                    $"'{section}' is not supported. Must be one of the following values - {PythonList(sectionNames)}",
                    globals.KeyNode(section) ?? value.Origin,
                    SamErrorKind.Globals);
            }

            if (value is not SamMap properties)
            {
                throw SamException.Globals("Value of ${section} must be a dictionary", value);
            }

            foreach (var (key, v) in properties)
            {
                if (!supported.Contains(key, StringComparer.Ordinal))
                {
                    throw new SamException(
                        $"'{key}' is not a supported property of '{section}'. Must be one of the following values - {PythonList(supported)}",
                        properties.KeyNode(key) ?? v.Origin,
                        SamErrorKind.Globals);
                }
            }

            result[section] = properties;
        }

        return result;
    }

    /// <summary>Merges Globals into every SAM resource and removes the section (SAM's Globals plugin).</summary>
    public static void Apply(SamContext context)
    {
        var globals = Read(context.Template);
        foreach (var (id, value) in context.Resources)
        {
            if (value is not SamMap resource || resource.GetString("Type") is not { } type || !SamTransform.IsPluginType(type)
                || !globals.TryGetValue(type[Prefix.Length..], out var sectionGlobals))
            {
                continue;
            }

            var effective = WithoutIgnored(id, resource, sectionGlobals);
            var properties = resource.Get("Properties") as SamMap ?? new SamMap(resource.Origin);
            resource.Set("Properties", Merge(effective, properties));
        }

        FixOpenApiVersions(context);
    }

    private static SamMap WithoutIgnored(string id, SamMap resource, SamMap globals)
    {
        var ignore = resource.Get("IgnoreGlobals");
        if (ignore is null || !SamValue.Truthy(ignore))
        {
            return globals;
        }

        if (ignore.AsString == "*")
        {
            return new SamMap();
        }

        if (ignore is SamList list)
        {
            var copy = (SamMap)globals.Clone();
            foreach (var item in list)
            {
                if (item.AsString is not { } key || !copy.Remove(key))
                {
                    throw new SamException($"Resource {id} has invalid resource attribute 'IgnoreGlobals' on item '{item.AsString ?? item.ToString()}'.", item.Origin, SamErrorKind.Resource, id);
                }
            }

            return copy;
        }

        throw new SamException($"Resource {id} has invalid resource attribute 'IgnoreGlobals'.", ignore.Origin, SamErrorKind.Resource, id);
    }

    /// <summary>SAM's merge of a global value with a local one (the result shares the values, as SAM's shallow copies do).</summary>
    public static SamValue Merge(SamValue global, SamValue local)
    {
        var g = Token(global);
        var l = Token(local);
        if (g != l || g == 'p')
        {
            return local;
        }

        if (g == 'l')
        {
            var list = new SamList(((SamList)global).Items.Concat(((SamList)local).Items), local.Origin);
            return list;
        }

        var merged = new SamMap(local.Origin);
        foreach (var (k, v) in (SamMap)global)
        {
            merged.Set(k, v);
        }

        foreach (var (k, v) in (SamMap)local)
        {
            merged.Set(k, merged.Get(k) is { } existing ? Merge(existing, v) : v);
        }

        return merged;
    }

    private static char Token(SamValue value) => value switch
    {
        SamMap { IsIntrinsic: true } => 'p',
        SamMap => 'd',
        SamList => 'l',
        _ => 'p',
    };

    /// <summary>With OpenApiVersion 3.x on a SAM-managed API, the generated body is OpenAPI 3 rather than Swagger 2.</summary>
    private static void FixOpenApiVersions(SamContext context)
    {
        foreach (var (_, value) in context.Resources)
        {
            if (value is not SamMap resource || resource.GetString("Type") != "AWS::Serverless::Api" || resource.GetMap("Properties") is not { } properties)
            {
                continue;
            }

            if (properties.Get("OpenApiVersion") is SamScalar version && properties.ContainsKey("__MANAGE_SWAGGER")
                && ApiDocument.IsOpenApi3(version.Text))
            {
                if (!version.IsString)
                {
                    properties.Set("OpenApiVersion", SamScalar.String(version.Text, version.Origin));
                }

                if (properties.GetMap("DefinitionBody") is { } body)
                {
                    body.Set("openapi", SamScalar.String(version.Text, version.Origin));
                    body.Remove("swagger");
                }
            }
        }
    }

    /// <summary>A list rendered as Python prints it (SAM's messages embed Python lists).</summary>
    public static string PythonList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(i => $"'{i}'")) + "]";
}
