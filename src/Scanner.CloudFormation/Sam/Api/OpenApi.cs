using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Api;

/// <summary>The OpenAPI 3 body of an HTTP API (AWS::Serverless::HttpApi), as SAM edits it.</summary>
internal sealed partial class OpenApi : ApiDocument
{
    public const string DefaultPath = "$default";
    private const string CorsKey = "x-amazon-apigateway-cors";
    private const string TagValueKey = "x-amazon-apigateway-tag-value";

    private SamMap _securitySchemes;
    private SamValue _tags;
    private SamMap _info;

    public OpenApi(SamValue? document)
        : base(Validated(document))
    {
        _securitySchemes = DeepGet(Doc, "components", "securitySchemes") as SamMap ?? new SamMap();
        _tags = DeepGet(Doc, "tags") is { } tags && SamValue.Truthy(tags) ? tags : new SamList();
        _info = DeepGet(Doc, "info") as SamMap ?? new SamMap();
    }

    private static SamMap Validated(SamValue? document) =>
        IsValid(document) ? (SamMap)document! : throw SamException.Template("Invalid OpenApi document. Invalid values or missing keys for 'openapi' or 'paths' in 'DefinitionBody'.", document);

    private static SamValue? DeepGet(SamMap doc, params string[] path)
    {
        SamValue? current = doc;
        var relative = string.Empty;
        foreach (var key in path)
        {
            if (current is null || SamValue.IsNull(current))
            {
                return null;
            }

            if (current is not SamMap map)
            {
                throw SamException.Template($"Invalid OpenApi document: The value of '{relative}' should be a map.", current);
            }

            current = map.Get(key);
            relative = (relative + "." + key).TrimStart('.');
        }

        return current is null || SamValue.IsNull(current) ? null : current;
    }

    public static bool IsValid(SamValue? data) =>
        data is SamMap { Count: > 0 } map && map.Get("paths") is SamMap && SamValue.Truthy(map.Get("openapi")) && IsOpenApi3(map.Get("openapi"));

    public static SamMap Skeleton() => new SamMap()
        .Set("openapi", "3.0.1")
        .Set("info", new SamMap().Set("version", "1.0").Set("title", Fn.Ref("AWS::StackName")))
        .Set("paths", new SamMap());

    /// <summary>Whether the Lambda integration at path/method invokes <paramref name="logicalId"/> (in every Fn::If branch).</summary>
    public bool IntegrationInvokes(string path, string method, string logicalId)
    {
        if (!HasIntegration(path, method))
        {
            return false;
        }

        foreach (var definition in MethodDefinitions(path, method, onlyWithIntegration: false))
        {
            var integration = definition.Get(Integration) ?? new SamMap();
            if (integration is not SamMap i)
            {
                throw SamException.Template($"Value of '{Integration}' must be a dictionary according to Swagger spec.", integration);
            }

            if (i.Get("uri") is not SamMap uri)
            {
                return false;
            }

            foreach (var content in Contents(uri))
            {
                var arn = (content as SamMap)?.GetString("Fn::Sub") ?? string.Empty;
                var match = FunctionArnReference().Match(arn);
                if (!match.Success || match.Groups[1].Value != logicalId)
                {
                    return false;
                }
            }
        }

        return true;
    }

    public void AddLambdaIntegration(string path, string method, SamValue uri, string? condition = null, SamValue? invokeMode = null)
    {
        method = NormalizeMethod(method)!;
        if (HasIntegration(path, method))
        {
            return;
        }

        AddPath(path, method);
        var integrationUri = condition is not null ? Fn.If(condition, uri, Fn.NoValue) : uri;
        foreach (var item in Contents(Paths.Get(path)))
        {
            var pathItem = ValidatePathItem(item, path);
            if (pathItem.Get(method) is not SamMap definition)
            {
                definition = new SamMap();
                pathItem.Set(method, definition);
            }

            var integration = new SamMap().Set("type", "aws_proxy").Set("httpMethod", "POST").Set("payloadFormatVersion", "2.0").Set("uri", integrationUri);
            if (invokeMode is not null && SamValue.Truthy(invokeMode))
            {
                integration.Set("invokeMode", invokeMode);
            }

            definition.Set(Integration, integration);
            if (path == DefaultPath && method == AnyMethod)
            {
                definition.Set("isDefaultRoute", SamScalar.Boolean(true));
            }

            definition.GetOrAdd("responses", () => new SamMap());
            if (condition is not null)
            {
                pathItem.Set(method, Fn.If(condition, definition, Fn.NoValue));
            }
        }
    }

    public void AddPathParameters(string path, string method, IEnumerable<string> parameters)
    {
        foreach (var definition in MethodDefinitions(path, method))
        {
            var list = definition.GetOrAdd("parameters", () => new SamList());
            foreach (var name in parameters)
            {
                if (list.OfType<SamMap>().FirstOrDefault(p => p.GetString("name") == name) is { } existing)
                {
                    existing.Set("in", "path").Set("required", SamScalar.Boolean(true));
                }
                else
                {
                    list.Add(new SamMap().Set("name", name).Set("in", "path").Set("required", SamScalar.Boolean(true)));
                }
            }
        }
    }

    public void AddPayloadFormatVersion(string path, string method, SamValue version)
    {
        foreach (var definition in MethodDefinitions(path, method))
        {
            definition.GetMap(Integration)!.Set("payloadFormatVersion", version);
        }
    }

    public void AddAuthorizers(IReadOnlyDictionary<string, Authorizer> authorizers)
    {
        foreach (var (name, authorizer) in authorizers)
        {
            _securitySchemes.Set(name, authorizer.Definition);
        }
    }

    public void SetPathDefaultAuthorizer(string path, string defaultAuthorizer, IReadOnlyDictionary<string, Authorizer> authorizers)
    {
        foreach (var item in Contents(Paths.Get(path)))
        {
            var pathItem = ValidatePathItem(item, path);
            foreach (var (methodName, method) in pathItem)
            {
                var normalized = NormalizeMethod(methodName)!;
                if (normalized is "parameters" or "options")
                {
                    continue;
                }

                if (!pathItem.ContainsKey(normalized))
                {
                    throw SamException.Template($"Could not find {normalized} in {path} within DefinitionBody.", method);
                }

                foreach (var definition in Contents(method))
                {
                    var map = ValidateMethod(definition, path, methodName);
                    if (!HasIntegrationIn(map) || SamValue.Truthy(map.Get("security")))
                    {
                        continue;
                    }

                    map.Set("security", new SamList([new SamMap().Set(defaultAuthorizer, AuthorizationScopes(authorizers, defaultAuthorizer))]));
                }
            }
        }
    }

    public void AddAuthToMethod(string path, string method, SamMap auth, SamMap? apiAuth)
    {
        var authorizer = auth.Get("Authorizer");
        var scopes = auth.Get("AuthorizationScopes") ?? new SamList();
        var authorizers = apiAuth?.Get("Authorizers") as SamMap;
        if (authorizer is null || !SamValue.Truthy(authorizer))
        {
            return;
        }

        var name = authorizer.AsString ?? SamJson.Canonical(authorizer);
        foreach (var definition in MethodDefinitions(path, method))
        {
            var entry = new SamMap().Set(name, new SamList());
            if (name is not "NONE" and not "AWS_IAM")
            {
                var defined = authorizers?.Get(name) ?? new SamMap();
                if (defined is not SamMap a)
                {
                    throw SamException.Template($"Type of authorizer '{name}' must be a dictionary", defined);
                }

                var methodScopes = SamValue.Truthy(scopes) ? scopes : a.Get("AuthorizationScopes");
                if (SamValue.Truthy(authorizers?.Get(name)) && methodScopes is not null && SamValue.Truthy(methodScopes))
                {
                    entry.Set(name, methodScopes);
                }
            }

            var existing = definition.Get("security") ?? new SamList();
            if (existing is not SamList existingList)
            {
                throw SamException.Template($"Type of security for path {path} method {method} must be a list", existing);
            }

            definition.Set("security", new SamList(existingList.Items.Append(entry)));
        }
    }

    public void AddTags(SamMap tags)
    {
        foreach (var (name, value) in tags)
        {
            if (_tags is not SamList list)
            {
                throw SamException.Template($"Tags in OpenApi DefinitionBody needs to be a list. {SamJson.Python(_tags)} is a dict not a list.", _tags);
            }

            if (list.OfType<SamMap>().FirstOrDefault(t => t.GetString("name") == name) is { } existing)
            {
                existing.Set(TagValueKey, value);
            }
            else
            {
                list.Add(new SamMap().Set("name", name).Set(TagValueKey, value));
            }
        }
    }

    public void AddEndpointConfig(SamValue? disableExecuteApiEndpoint)
    {
        var servers = Doc.Get("servers") as SamList ?? new SamList([new SamMap()]);
        foreach (var config in servers)
        {
            if (config is not SamMap map)
            {
                throw SamException.Template("Value of 'servers' item must be a dictionary according to Swagger spec.", config);
            }

            var endpoint = map.Get("x-amazon-apigateway-endpoint-configuration") as SamMap ?? new SamMap();
            endpoint.Set("disableExecuteApiEndpoint", disableExecuteApiEndpoint ?? SamScalar.Null());
            map.Set("x-amazon-apigateway-endpoint-configuration", endpoint);
        }

        Doc.Set("servers", servers);
    }

    public void AddCors(SamValue? allowOrigins, SamValue? allowHeaders, SamValue? allowMethods, SamValue? exposeHeaders, SamValue? maxAge, SamValue? allowCredentials)
    {
        var existing = Doc.Get(CorsKey) ?? new SamMap();
        if (existing is not SamMap cors)
        {
            throw SamException.Template($"Value of '{CorsKey}' must be a dictionary according to Swagger spec.", existing);
        }

        if (allowOrigins is not null && SamValue.Truthy(allowOrigins) && Fn.IsIntrinsic(allowOrigins))
        {
            // SAM re-keys an intrinsic CorsConfiguration (e.g. an Fn::If of two configurations) to the extension's camelCase keys.
            var rekeyed = Rekey(allowOrigins);
            if (rekeyed is SamMap m)
            {
                cors.Update(m);
            }
        }
        else
        {
            if (allowOrigins is not null && SamValue.Truthy(allowOrigins))
            {
                cors.Set("allowOrigins", allowOrigins);
            }

            if (allowHeaders is not null && SamValue.Truthy(allowHeaders))
            {
                cors.Set("allowHeaders", allowHeaders);
            }

            if (allowMethods is not null && SamValue.Truthy(allowMethods))
            {
                cors.Set("allowMethods", allowMethods);
            }

            if (exposeHeaders is not null && SamValue.Truthy(exposeHeaders))
            {
                cors.Set("exposeHeaders", exposeHeaders);
            }

            if (maxAge is not null && !SamValue.IsNull(maxAge))
            {
                cors.Set("maxAge", maxAge);
            }

            if (allowCredentials is SamScalar { BooleanValue: true })
            {
                cors.Set("allowCredentials", allowCredentials);
            }
        }

        Doc.Set(CorsKey, cors);
    }

    private static readonly string[] CorsHeaders = ["allowOrigins", "allowHeaders", "allowMethods", "exposeHeaders", "maxAge", "allowCredentials"];

    private static SamValue Rekey(SamValue value)
    {
        switch (value)
        {
            case SamMap map:
                var result = new SamMap(map.Origin);
                foreach (var (k, v) in map)
                {
                    var key = k;
                    foreach (var header in CorsHeaders)
                    {
                        key = key.Replace(char.ToUpperInvariant(header[0]) + header[1..], header, StringComparison.Ordinal);
                    }

                    result.Set(key, Rekey(v));
                }

                return result;
            case SamList list:
                return new SamList(list.Select(Rekey), list.Origin);
            default:
                return value;
        }
    }

    public void AddDescription(SamValue description)
    {
        if (!SamValue.Truthy(_info.Get("description")))
        {
            _info.Set("description", description);
        }
    }

    public void AddTitle(SamValue title)
    {
        if (Fn.RefName(_info.Get("title")) == "AWS::StackName")
        {
            _info.Set("title", title);
        }
    }

    public bool HasCors => SamValue.Truthy(Doc.Get(CorsKey));

    public override SamMap Document
    {
        get
        {
            Doc.Set("paths", Paths);
            if (SamValue.Truthy(_tags))
            {
                Doc.Set("tags", _tags);
            }

            if (_securitySchemes.Count > 0)
            {
                var components = Doc.Get("components") as SamMap;
                if (components is null)
                {
                    components = new SamMap();
                    Doc.Set("components", components);
                }

                components.Set("securitySchemes", _securitySchemes);
            }

            if (_info.Count > 0)
            {
                Doc.Set("info", _info);
            }

            return Doc;
        }
    }

    [GeneratedRegex(@"([A-Za-z0-9]+)\.Arn")]
    private static partial Regex FunctionArnReference();
}
