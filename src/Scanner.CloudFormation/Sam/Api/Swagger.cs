using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Api;

/// <summary>The Swagger 2.0 / OpenAPI 3 body of a REST API (AWS::Serverless::Api), as SAM edits it.</summary>
internal sealed partial class Swagger : ApiDocument
{
    private const string SecurityDefinitionsKey = "securityDefinitions";
    private const string GatewayResponsesKey = "x-amazon-apigateway-gateway-responses";
    private const string PolicyKey = "x-amazon-apigateway-policy";
    private const string RequestValidatorsKey = "x-amazon-apigateway-request-validators";
    private const string RequestValidatorKey = "x-amazon-apigateway-request-validator";
    private static readonly string[] ExcludedPathFields = ["summary", "description", "parameters"];

    private SamMap _securityDefinitions;
    private SamMap _gatewayResponses;
    private SamMap _resourcePolicy;
    private SamMap _definitions;

    public Swagger(SamValue? document)
        : base(Validated(document))
    {
        _securityDefinitions = Doc.Get(SecurityDefinitionsKey) switch
        {
            SamMap { Count: > 0 } sd => sd,
            { } sd when SamValue.Truthy(sd) => throw SamException.Template("securityDefinitions must be a dictionary.", sd),
            _ => new SamMap(),
        };
        _gatewayResponses = Doc.Get(GatewayResponsesKey) is SamMap gr && gr.Count > 0 ? gr : new SamMap();
        _resourcePolicy = Doc.Get(PolicyKey) is SamMap rp && rp.Count > 0 ? rp : new SamMap();
        _definitions = Doc.GetMap("definitions") ?? new SamMap();
        foreach (var path in PathNames())
        {
            foreach (var item in Contents(Paths.Get(path)))
            {
                ValidatePathItem(item, path);
            }
        }
    }

    private static SamMap Validated(SamValue? document) =>
        IsValid(document) ? (SamMap)document! : throw SamException.Template("Invalid Swagger document or the Swagger document is not explicitly defined in 'DefinitionBody'.", document);

    /// <summary>A Swagger 2 or OpenAPI 3 document with a paths map.</summary>
    public static bool IsValid(SamValue? data)
    {
        if (data is not SamMap { Count: > 0 } map || map.Get("paths") is not SamMap)
        {
            return false;
        }

        if (SamValue.Truthy(map.Get("swagger")))
        {
            return true;
        }

        return SamValue.Truthy(map.Get("openapi")) && IsOpenApi3(map.Get("openapi"));
    }

    public static SamMap Skeleton() => new SamMap()
        .Set("swagger", "2.0")
        .Set("info", new SamMap().Set("version", "1.0").Set("title", Fn.Ref("AWS::StackName")))
        .Set("paths", new SamMap());

    public bool IsOpenApi3Document => Doc.Get("openapi") is { } v && SamValue.Truthy(v) && IsOpenApi3(v);

    public void AddDisableExecuteApiEndpoint(SamValue value)
    {
        if (IsOpenApi3Document)
        {
            var servers = Doc.Get("servers") as SamList ?? new SamList([new SamMap()]);
            for (var i = 0; i < servers.Count; i++)
            {
                DeepSet(servers[i], ["x-amazon-apigateway-endpoint-configuration", "disableExecuteApiEndpoint"], value, $"Invalid OpenAPI definition of 'servers[{i}]'");
            }

            Doc.Set("servers", servers);
        }
        else
        {
            DeepSet(Doc, ["x-amazon-apigateway-endpoint-configuration", "disableExecuteApiEndpoint"], value, "Invalid OpenAPI definition");
        }
    }

    private static void DeepSet(SamValue target, string[] path, SamValue value, string errorPrefix)
    {
        var relative = string.Empty;
        var current = target;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (current is not SamMap map)
            {
                throw SamException.Template($"{errorPrefix}: The value of '{relative}' should be a map.", current);
            }

            current = map.GetOrAdd<SamValue>(path[i], () => new SamMap());
            relative = (relative + "." + path[i]).TrimStart('.');
        }

        if (current is not SamMap last)
        {
            throw SamException.Template($"{errorPrefix}: The value of '{relative}' should be a map.", current);
        }

        last.Set(path[^1], value);
    }

    /// <summary>An aws_proxy Lambda integration at path/method (an error when one exists).</summary>
    public void AddLambdaIntegration(string path, string method, SamValue uri, SamMap methodAuth, SamMap apiAuth, string? condition = null, SamValue? invokeMode = null)
    {
        method = NormalizeMethod(method)!;
        if (HasIntegration(path, method))
        {
            throw SamException.Template($"Lambda integration already exists on Path={path}, Method={method}");
        }

        AddPath(path, method);
        var integrationUri = condition is not null ? Fn.If(condition, uri, Fn.NoValue) : uri;
        foreach (var item in Contents(Paths.Get(path)))
        {
            var pathItem = ValidatePathItem(item, path);
            var definition = pathItem.GetMap(method)!;
            var integration = new SamMap().Set("type", "aws_proxy").Set("httpMethod", "POST").Set("uri", integrationUri);
            definition.Set(Integration, integration);
            if (invokeMode?.AsString == "RESPONSE_STREAM")
            {
                integration.Set("responseTransferMode", "STREAM");
            }

            if (methodAuth.GetString("Authorizer") == "AWS_IAM" || (apiAuth.GetString("DefaultAuthorizer") == "AWS_IAM" && methodAuth.Count == 0))
            {
                var methodRole = methodAuth.Get("InvokeRole");
                var methodInvokeRole = SamValue.Truthy(methodRole) ? methodRole : methodAuth.ContainsKey("InvokeRole") ? Fn.Str("NONE") : null;
                var apiRole = apiAuth.Get("InvokeRole");
                var apiInvokeRole = SamValue.Truthy(apiRole) ? apiRole : apiAuth.ContainsKey("InvokeRole") ? Fn.Str("NONE") : null;
                var credentials = InvokeRole(methodInvokeRole ?? apiInvokeRole);
                if (credentials.AsString != "NONE")
                {
                    integration.Set("credentials", credentials);
                }
            }

            definition.GetOrAdd("responses", () => new SamMap());
            if (condition is not null)
            {
                pathItem.Set(method, Fn.If(condition, definition, Fn.NoValue));
            }
        }
    }

    private static SamValue InvokeRole(SamValue? role) =>
        role is not null && SamValue.Truthy(role) && role.AsString != "CALLER_CREDENTIALS" ? role : Fn.Sub("arn:${AWS::Partition}:iam::*:user/*");

    /// <summary>An aws integration that starts a state machine execution.</summary>
    public void AddStateMachineIntegration(string path, string method, SamValue uri, SamValue credentials, SamValue? requestTemplates, string? condition)
    {
        method = NormalizeMethod(method)!;
        if (HasIntegration(path, method))
        {
            throw SamException.Template($"Integration already exists on Path={path}, Method={method}");
        }

        AddPath(path, method);
        var integrationUri = condition is not null ? Fn.If(condition, uri, Fn.NoValue) : uri;
        foreach (var item in Contents(Paths.Get(path)))
        {
            var pathItem = ValidatePathItem(item, path);
            var definition = pathItem.GetMap(method)!;
            var integration = new SamMap()
                .Set("type", "aws")
                .Set("httpMethod", "POST")
                .Set("uri", integrationUri)
                .Set("responses", new SamMap().Set("200", new SamMap().Set("statusCode", "200")).Set("400", new SamMap().Set("statusCode", "400")))
                .Set("credentials", credentials);
            definition.Set(Integration, integration);
            definition.GetOrAdd("responses", () => new SamMap()
                .Set("200", new SamMap().Set("description", "OK"))
                .Set("400", new SamMap().Set("description", "Bad Request")));
            if (requestTemplates is not null && SamValue.Truthy(requestTemplates))
            {
                integration.Set("requestTemplates", requestTemplates);
            }

            if (condition is not null)
            {
                pathItem.Set(method, Fn.If(condition, definition, Fn.NoValue));
            }
        }
    }

    /// <summary>(method name, definition) of every method at a path, skipping summary/description/parameters.</summary>
    public IEnumerable<(string Method, SamMap Definition)> AllMethods(string path, bool onlyWithIntegration = true)
    {
        var result = new List<(string, SamMap)>();
        foreach (var item in Contents(Paths.Get(path)))
        {
            var pathItem = ValidatePathItem(item, path);
            foreach (var (name, method) in pathItem)
            {
                if (ExcludedPathFields.Contains(name))
                {
                    continue;
                }

                foreach (var definition in Contents(method))
                {
                    var map = ValidateMethod(definition, path, name);
                    if (onlyWithIntegration && !HasIntegrationIn(map))
                    {
                        continue;
                    }

                    result.Add((NormalizeMethod(name)!, map));
                }
            }
        }

        return result;
    }

    /// <summary>An OPTIONS method answering CORS preflight requests (skipped where OPTIONS exists).</summary>
    public void AddCors(string path, SamValue? allowedOrigins, SamValue? allowedHeaders, SamValue? allowedMethods, SamValue? maxAge, SamValue? allowCredentials)
    {
        foreach (var item in Contents(Paths.Get(path)))
        {
            var pathItem = ValidatePathItem(item, path);
            if (pathItem.ContainsKey("options"))
            {
                continue;
            }

            if (allowedOrigins is null || !SamValue.Truthy(allowedOrigins))
            {
                throw SamException.Template("Invalid input. Value for AllowedOrigins is required");
            }

            var methods = allowedMethods;
            if (methods is null || !SamValue.Truthy(methods))
            {
                methods = Fn.Str($"'{AllowedMethodsFor(pathItem)}'");
            }

            var credentials = allowCredentials is SamScalar { BooleanValue: true };
            pathItem.Set("options", CorsOptionsMethod(allowedOrigins, allowedHeaders, methods, maxAge, credentials));
        }
    }

    private static string AllowedMethodsFor(SamMap pathItem)
    {
        var methods = pathItem.Keys.ToList();
        IEnumerable<string> allowed = methods.Contains(AnyMethod) ? AllHttpMethods : methods.Append("options");
        return string.Join(",", allowed.Select(m => m.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal));
    }

    private static SamMap CorsOptionsMethod(SamValue origins, SamValue? headers, SamValue? methods, SamValue? maxAge, bool credentials)
    {
        static string Header(string h) => "method.response.header." + h;
        var parameters = new SamMap().Set(Header("Access-Control-Allow-Origin"), origins);
        var responseHeaders = new SamMap().Set("Access-Control-Allow-Origin", new SamMap().Set("type", "string"));
        if (headers is not null && SamValue.Truthy(headers))
        {
            parameters.Set(Header("Access-Control-Allow-Headers"), headers);
            responseHeaders.Set("Access-Control-Allow-Headers", new SamMap().Set("type", "string"));
        }

        if (methods is not null && SamValue.Truthy(methods))
        {
            parameters.Set(Header("Access-Control-Allow-Methods"), methods);
            responseHeaders.Set("Access-Control-Allow-Methods", new SamMap().Set("type", "string"));
        }

        if (maxAge is not null && !SamValue.IsNull(maxAge))
        {
            parameters.Set(Header("Access-Control-Max-Age"), maxAge);
            responseHeaders.Set("Access-Control-Max-Age", new SamMap().Set("type", "integer"));
        }

        if (credentials)
        {
            parameters.Set(Header("Access-Control-Allow-Credentials"), "'true'");
            responseHeaders.Set("Access-Control-Allow-Credentials", new SamMap().Set("type", "string"));
        }

        return new SamMap()
            .Set("summary", "CORS support")
            .Set("consumes", Fn.Strings("application/json"))
            .Set("produces", Fn.Strings("application/json"))
            .Set(Integration, new SamMap()
                .Set("type", "mock")
                .Set("requestTemplates", new SamMap().Set("application/json", "{\n  \"statusCode\" : 200\n}\n"))
                .Set("responses", new SamMap().Set("default", new SamMap()
                    .Set("statusCode", "200")
                    .Set("responseParameters", parameters)
                    .Set("responseTemplates", new SamMap().Set("application/json", "{}\n")))))
            .Set("responses", new SamMap().Set("200", new SamMap()
                .Set("description", "Default response for CORS method")
                .Set("headers", responseHeaders)));
    }

    public void AddBinaryMediaTypes(SamValue types) => Doc.Set("x-amazon-apigateway-binary-media-types", ReplaceSlashEscape(types));

    private static SamValue ReplaceSlashEscape(SamValue value) => value switch
    {
        SamMap m => m.Aggregate(new SamMap(m.Origin), (acc, e) => acc.Set(e.Key.Replace("~1", "/", StringComparison.Ordinal), ReplaceSlashEscape(e.Value))),
        SamList l => new SamList(l.Select(ReplaceSlashEscape), l.Origin),
        SamScalar { IsString: true } s => SamScalar.String(s.Text.Replace("~1", "/", StringComparison.Ordinal), s.Origin),
        _ => value,
    };

    public void AddAuthorizers(IReadOnlyDictionary<string, Authorizer> authorizers)
    {
        foreach (var (name, authorizer) in authorizers)
        {
            _securityDefinitions.Set(name, authorizer.Definition);
        }
    }

    public void AddAwsIamSecurityDefinition()
    {
        if (!_securityDefinitions.ContainsKey("AWS_IAM"))
        {
            _securityDefinitions.Set("AWS_IAM", new SamMap()
                .Set("x-amazon-apigateway-authtype", "awsSigv4")
                .Set("type", "apiKey")
                .Set("name", "Authorization")
                .Set("in", "header"));
        }
    }

    public void AddApiKeySecurityDefinition()
    {
        if (!_securityDefinitions.ContainsKey("api_key"))
        {
            _securityDefinitions.Set("api_key", new SamMap().Set("type", "apiKey").Set("name", "x-api-key").Set("in", "header"));
        }
    }

    /// <summary>The API's DefaultAuthorizer on every method of a path that has no authorizer of its own.</summary>
    public void SetPathDefaultAuthorizer(string path, string defaultAuthorizer, IReadOnlyDictionary<string, Authorizer> authorizers, bool addToPreflight)
    {
        foreach (var (methodName, definition) in AllMethods(path))
        {
            if (!addToPreflight && methodName == "options")
            {
                continue;
            }

            var authorizerNames = new HashSet<string>(authorizers.Keys.Prepend("AWS_IAM"), StringComparer.Ordinal);
            var existing = definition.Get("security") ?? new SamList();
            if (existing is not SamList existingList)
            {
                throw SamException.Template($"Type of security for path {path} method {methodName} must be a list", existing);
            }

            var nonAuthorizer = new List<SamValue>();
            var authorizerSecurity = new List<SamValue>();
            foreach (var security in existingList)
            {
                if (security is not SamMap s)
                {
                    throw SamException.Template($"{SamJson.Python(security)} in Security for path {path} method {methodName} is not a valid dictionary.", security);
                }

                (s.Keys.Any(authorizerNames.Contains) ? authorizerSecurity : nonAuthorizer).Add(s);
            }

            var noneIndex = nonAuthorizer.FindIndex(s => ((SamMap)s).ContainsKey("NONE"));
            List<SamValue> added;
            if (noneIndex > -1)
            {
                nonAuthorizer.RemoveAt(noneIndex);
                added = [];
            }
            else if (authorizerSecurity.Count > 0)
            {
                added = authorizerSecurity;
            }
            else
            {
                added = [new SamMap().Set(defaultAuthorizer, AuthorizationScopes(authorizers, defaultAuthorizer))];
            }

            var result = nonAuthorizer.Concat(added).ToList();
            if (result.Count > 0)
            {
                definition.Set("security", new SamList(result));
                if (((SamMap)result[0]).ContainsKey("AWS_IAM"))
                {
                    AddAwsIamSecurityDefinition();
                }
            }
        }
    }

    public void SetPathDefaultApiKeyRequired(string path, bool requiredForOptions)
    {
        foreach (var (methodName, definition) in AllMethods(path))
        {
            var existing = definition.Get("security") ?? new SamList();
            if (existing is not SamList existingList)
            {
                throw SamException.Template($"Type of security for path {path} method {methodName} must be a list", existing);
            }

            var nonApiKey = new List<SamValue>();
            var apiKey = new List<SamValue>();
            foreach (var security in existingList)
            {
                if (security is not SamMap s)
                {
                    throw SamException.Template($"{SamJson.Python(security)} in Security for path {path} method {methodName} is not a valid dictionary.", security);
                }

                (s.ContainsKey("api_key") || s.ContainsKey("api_key_false") ? apiKey : nonApiKey).Add(s);
            }

            var falseIndex = apiKey.FindIndex(s => ((SamMap)s).ContainsKey("api_key_false"));
            var added = falseIndex > -1 ? [] : new List<SamValue> { new SamMap().Set("api_key", new SamList()) };
            var result = methodName == "options" && !requiredForOptions ? nonApiKey : nonApiKey.Concat(added).ToList();
            if (!SameList(result, existingList))
            {
                definition.Set("security", new SamList(result));
            }
        }
    }

    private static bool SameList(IReadOnlyList<SamValue> a, SamList b) =>
        a.Count == b.Count && a.Select(SamJson.Canonical).SequenceEqual(b.Select(SamJson.Canonical), StringComparer.Ordinal);

    /// <summary>A function event's Auth on its method: authorizer and API key requirement.</summary>
    public void AddAuthToMethod(string path, string method, SamMap auth, SamMap? apiAuth)
    {
        var authorizer = auth.Get("Authorizer");
        var authorizers = apiAuth?.Get("Authorizers") as SamMap;
        if (authorizer is not null && SamValue.Truthy(authorizer))
        {
            SetMethodAuthorizer(path, method, authorizer.AsString ?? SamJson.Canonical(authorizer), authorizers, auth.Get("AuthorizationScopes"));
        }

        if (auth.Get("ApiKeyRequired") is { } required && !SamValue.IsNull(required))
        {
            SetMethodApiKeyHandling(path, method, SamValue.Truthy(required));
        }
    }

    private void SetMethodAuthorizer(string path, string method, string authorizerName, SamMap? authorizers, SamValue? methodScopes)
    {
        foreach (var definition in MethodDefinitions(path, method))
        {
            var entry = new SamMap().Set(authorizerName, new SamList());
            var existing = definition.Get("security") ?? new SamList();
            if (existing is not SamList existingList)
            {
                throw SamException.Template($"Type of security for path {path} method {method} must be a list", existing);
            }

            if (authorizerName != "NONE" && authorizers is { Count: > 0 })
            {
                var authorizer = authorizers.Get(authorizerName) ?? new SamMap();
                if (authorizer is not SamMap a)
                {
                    throw SamException.Template($"Type of authorizer '{authorizerName}' must be a dictionary", authorizer);
                }

                var scopes = methodScopes ?? a.Get("AuthorizationScopes");
                if (authorizers.Get(authorizerName) is not null && scopes is not null)
                {
                    entry.Set(authorizerName, scopes);
                }
            }

            var security = new SamList(existingList.Items.Append(entry));
            definition.Set("security", security);
            if (security[0] is SamMap first && first.ContainsKey("AWS_IAM"))
            {
                AddAwsIamSecurityDefinition();
            }
        }
    }

    private void SetMethodApiKeyHandling(string path, string method, bool required)
    {
        foreach (var definition in MethodDefinitions(path, method))
        {
            SamMap entry;
            if (required)
            {
                entry = new SamMap().Set("api_key", new SamList());
                AddApiKeySecurityDefinition();
            }
            else
            {
                entry = new SamMap().Set("api_key_false", new SamList());
            }

            var existing = definition.Get("security") ?? new SamList();
            if (existing is not SamList existingList)
            {
                throw SamException.Template($"Type of security for path {path} method {method} must be a list", existing);
            }

            definition.Set("security", new SamList(existingList.Items.Append(entry)));
        }
    }

    public void AddRequestValidator(string path, string method, bool validateBody, bool validateParameters)
    {
        var name = (validateBody, validateParameters) switch
        {
            (true, true) => "body-and-params",
            (true, false) => "body-only",
            (false, true) => "params-only",
            _ => "no-validation",
        };
        var validators = Doc.Get(RequestValidatorsKey) is SamMap v && v.Count > 0 ? v : new SamMap();
        Doc.Set(RequestValidatorsKey, validators);
        if (!validators.ContainsKey(name))
        {
            validators.Set(name, new SamMap().Set("validateRequestBody", SamScalar.Boolean(validateBody)).Set("validateRequestParameters", SamScalar.Boolean(validateParameters)));
        }

        foreach (var definition in MethodDefinitions(path, method))
        {
            definition.Set(RequestValidatorKey, name);
        }
    }

    public void AddRequestModel(string path, string method, SamMap requestModel)
    {
        var modelName = requestModel.GetString("Model")?.ToLowerInvariant() ?? string.Empty;
        var required = requestModel.Get("Required");
        foreach (var definition in MethodDefinitions(path, method))
        {
            if (Doc.ContainsKey("swagger") && !SamValue.IsNull(Doc.Get("swagger")))
            {
                var parameters = definition.Get("parameters") as SamList ?? new SamList();
                var parameter = new SamMap().Set("in", "body").Set("name", modelName).Set("schema", new SamMap().Set("$ref", $"#/definitions/{modelName}"));
                if (required is not null && !SamValue.IsNull(required))
                {
                    parameter.Set("required", required);
                }

                parameters.Add(parameter);
                definition.Set("parameters", parameters);
            }
            else if (IsOpenApi3Document)
            {
                var body = new SamMap().Set("content", new SamMap().Set("application/json", new SamMap().Set("schema", new SamMap().Set("$ref", $"#/components/schemas/{modelName}"))));
                if (required is not null && !SamValue.IsNull(required))
                {
                    body.Set("required", required);
                }

                definition.Set("requestBody", body);
            }
        }
    }

    public void AddGatewayResponses(SamMap responses)
    {
        foreach (var (type, response) in responses)
        {
            _gatewayResponses.Set(type, response);
        }
    }

    public void AddModels(SamMap models)
    {
        foreach (var (name, schema) in models)
        {
            if (schema is not SamMap s || !SamValue.Truthy(s.Get("type")))
            {
                throw SamException.Template("'Models' schema is missing 'type'.", schema);
            }

            _definitions.Set(name.ToLowerInvariant(), schema);
        }
    }

    public void AddRequestParameters(string path, string method, IReadOnlyList<(string Name, SamValue Required, SamValue Caching)> parameters)
    {
        foreach (var definition in MethodDefinitions(path, method))
        {
            var existing = definition.Get("parameters") as SamList ?? new SamList();
            foreach (var (name, required, caching) in parameters)
            {
                var location = name["method.request.".Length..];
                var dot = location.IndexOf('.', StringComparison.Ordinal);
                var where = location[..dot];
                var parameter = new SamMap()
                    .Set("in", where == "querystring" ? "query" : where)
                    .Set("name", location[(dot + 1)..])
                    .Set("required", required)
                    .Set("type", "string");
                existing.Add(parameter);
                if (SamValue.Truthy(caching))
                {
                    var integration = definition.GetMap(Integration)!;
                    var cacheKeys = integration.Get("cacheKeyParameters") as SamList ?? new SamList();
                    cacheKeys.Add(Fn.Str(name));
                    integration.Set("cacheKeyParameters", cacheKeys);
                }
            }

            definition.Set("parameters", existing);
        }
    }

    /// <summary>Auth.ResourcePolicy: account, IP range and VPC allow/deny lists become statements of x-amazon-apigateway-policy.</summary>
    public void AddResourcePolicy(SamValue? resourcePolicy, string path, SamValue stage)
    {
        if (resourcePolicy is null)
        {
            return;
        }

        if (resourcePolicy is not SamMap policy)
        {
            throw SamException.Template("Resource Policy is not a valid dictionary.", resourcePolicy);
        }

        if (policy.Get("AwsAccountWhitelist") is { } accountAllow && !SamValue.IsNull(accountAllow))
        {
            AddIamStatement(accountAllow, "Allow", MethodUris(path, stage));
        }

        if (policy.Get("AwsAccountBlacklist") is { } accountDeny && !SamValue.IsNull(accountDeny))
        {
            AddIamStatement(accountDeny, "Deny", MethodUris(path, stage));
        }

        if (policy.Get("IpRangeWhitelist") is { } ipAllow && !SamValue.IsNull(ipAllow))
        {
            AddIpStatements(ipAllow, "NotIpAddress", MethodUris(path, stage));
        }

        if (policy.Get("IpRangeBlacklist") is { } ipDeny && !SamValue.IsNull(ipDeny))
        {
            AddIpStatements(ipDeny, "IpAddress", MethodUris(path, stage));
        }

        var vpcDeny = policy.Get("SourceVpcBlacklist");
        if (!AllStrings(vpcDeny))
        {
            throw SamException.Template("SourceVpcBlacklist must be a list of strings. Use IntrinsicVpcBlacklist instead for values that use Intrinsic Functions", vpcDeny);
        }

        var resources = MethodUris(path, stage);
        AddVpcStatements(vpcDeny, policy.Get("IntrinsicVpcBlacklist"), policy.Get("IntrinsicVpceBlacklist"), "StringEquals", resources);
        var vpcAllow = policy.Get("SourceVpcWhitelist");
        if (!AllStrings(vpcAllow))
        {
            throw SamException.Template("SourceVpcWhitelist must be a list of strings. Use IntrinsicVpcWhitelist instead for values that use Intrinsic Functions", vpcAllow);
        }

        AddVpcStatements(vpcAllow, policy.Get("IntrinsicVpcWhitelist"), policy.Get("IntrinsicVpceWhitelist"), "StringNotEquals", resources);
        Doc.Set(PolicyKey, _resourcePolicy);
    }

    private static bool AllStrings(SamValue? list) => list is null || SamValue.IsNull(list) || (list is SamList l && l.All(x => x.AsString is not null)) || list.AsString is not null;

    public void AddCustomStatements(SamValue? statements)
    {
        if (statements is null || SamValue.IsNull(statements))
        {
            return;
        }

        _resourcePolicy.Set("Version", "2012-10-17");
        if (_resourcePolicy.Get("Statement") is not { } existing || SamValue.IsNull(existing))
        {
            _resourcePolicy.Set("Statement", statements);
        }
        else
        {
            var list = existing as SamList ?? new SamList([existing]);
            foreach (var s in statements as SamList ?? new SamList([statements]))
            {
                if (!list.Any(x => SamJson.Canonical(x) == SamJson.Canonical(s)))
                {
                    list.Add(s);
                }
            }

            _resourcePolicy.Set("Statement", list);
        }

        Doc.Set(PolicyKey, _resourcePolicy);
    }

    private SamList MethodUris(string path, SamValue stage)
    {
        var methods = new List<string>();
        foreach (var item in Contents(Paths.Get(path)))
        {
            methods.AddRange(ValidatePathItem(item, path).Keys);
        }

        var trimmed = PathWithoutParameters(path, allowGreedy: true);
        var uris = new SamList();
        foreach (var m in methods)
        {
            var method = m.Equals(AnyMethod, StringComparison.OrdinalIgnoreCase) || m.Equals("any", StringComparison.OrdinalIgnoreCase) ? "*" : m.ToUpperInvariant();
            uris.Add(Fn.Sub("execute-api:/${__Stage__}/" + method + trimmed, new SamMap().Set("__Stage__", stage)));
        }

        return uris;
    }

    private void AddIamStatement(SamValue principals, string effect, SamList resources)
    {
        if (!SamValue.Truthy(principals))
        {
            return;
        }

        if (principals is not SamMap and not SamList)
        {
            throw SamException.Template($"Type of '{principals}' must be a list or dictionary", principals);
        }

        _resourcePolicy.Set("Version", "2012-10-17");
        var statement = new SamMap(principals.Origin)
            .Set("Effect", effect)
            .Set("Action", "execute-api:Invoke")
            .Set("Resource", resources)
            .Set("Principal", new SamMap().Set("AWS", principals is SamList ? principals : new SamList([principals])));
        if (_resourcePolicy.Get("Statement") is not { } existing || SamValue.IsNull(existing))
        {
            _resourcePolicy.Set("Statement", statement);
        }
        else
        {
            var list = existing as SamList ?? new SamList([existing]);
            list.Add(statement);
            _resourcePolicy.Set("Statement", list);
        }
    }

    private void AddIpStatements(SamValue ipList, string conditional, SamList resources)
    {
        if (!SamValue.Truthy(ipList))
        {
            return;
        }

        var ips = ipList as SamList ?? new SamList([ipList]);
        _resourcePolicy.Set("Version", "2012-10-17");
        var allow = new SamMap(ipList.Origin).Set("Effect", "Allow").Set("Action", "execute-api:Invoke").Set("Resource", resources).Set("Principal", "*");
        var deny = new SamMap(ipList.Origin).Set("Effect", "Deny").Set("Action", "execute-api:Invoke").Set("Resource", resources).Set("Principal", "*")
            .Set("Condition", new SamMap().Set(conditional, new SamMap().Set("aws:SourceIp", ips)));
        AppendPair(allow, deny);
    }

    private void AddVpcStatements(SamValue? endpoints, SamValue? intrinsicVpcs, SamValue? intrinsicVpces, string conditional, SamList resources)
    {
        var vpcs = new List<SamValue>();
        var vpces = new List<SamValue>();
        if (endpoints is SamList list)
        {
            foreach (var e in list)
            {
                var text = e.AsString ?? string.Empty;
                if (text.StartsWith("vpce-", StringComparison.Ordinal))
                {
                    vpces.Add(e);
                }

                if (text.StartsWith("vpc-", StringComparison.Ordinal))
                {
                    vpcs.Add(e);
                }
            }
        }

        var condition = new SamMap();
        void Extend(string key, IEnumerable<SamValue> values)
        {
            var items = values.ToList();
            if (items.Count == 0 && !condition.ContainsKey(key))
            {
                return;
            }

            condition.GetOrAdd(key, () => new SamList()).AddRange(items);
        }

        if (vpcs.Count > 0)
        {
            Extend("aws:SourceVpc", vpcs);
        }

        if (vpces.Count > 0)
        {
            Extend("aws:SourceVpce", vpces);
        }

        if (intrinsicVpcs is not null && !SamValue.IsNull(intrinsicVpcs))
        {
            Extend("aws:SourceVpc", intrinsicVpcs as SamList ?? (IEnumerable<SamValue>)[intrinsicVpcs]);
        }

        if (intrinsicVpces is not null && !SamValue.IsNull(intrinsicVpces))
        {
            Extend("aws:SourceVpce", intrinsicVpces as SamList ?? (IEnumerable<SamValue>)[intrinsicVpces]);
        }

        if (!SamValue.Truthy(condition.Get("aws:SourceVpc")) && !SamValue.Truthy(condition.Get("aws:SourceVpce")))
        {
            return;
        }

        _resourcePolicy.Set("Version", "2012-10-17");
        var origin = endpoints?.Origin ?? intrinsicVpcs?.Origin ?? intrinsicVpces?.Origin;
        var allow = new SamMap(origin).Set("Effect", "Allow").Set("Action", "execute-api:Invoke").Set("Resource", resources).Set("Principal", "*");
        var deny = new SamMap(origin).Set("Effect", "Deny").Set("Action", "execute-api:Invoke").Set("Resource", resources).Set("Principal", "*")
            .Set("Condition", new SamMap().Set(conditional, condition));
        AppendPair(allow, deny);
    }

    private void AppendPair(SamMap allow, SamMap deny)
    {
        if (_resourcePolicy.Get("Statement") is not { } existing || SamValue.IsNull(existing))
        {
            _resourcePolicy.Set("Statement", new SamList([allow, deny]));
            return;
        }

        var list = existing as SamList ?? new SamList([existing]);
        foreach (var s in new[] { allow, deny })
        {
            if (!list.Any(x => SamJson.Canonical(x) == SamJson.Canonical(s)))
            {
                list.Add(s);
            }
        }

        _resourcePolicy.Set("Statement", list);
    }

    public override SamMap Document
    {
        get
        {
            if (Doc.ContainsKey("paths"))
            {
                Doc.Set("paths", Paths);
            }

            if (_securityDefinitions.Count > 0)
            {
                Doc.Set(SecurityDefinitionsKey, _securityDefinitions);
            }

            if (_gatewayResponses.Count > 0)
            {
                Doc.Set(GatewayResponsesKey, _gatewayResponses);
            }

            if (_definitions.Count > 0)
            {
                Doc.Set("definitions", _definitions);
            }

            return Doc;
        }
    }

    /// <summary>An execute-api path with a trailing slash removed (<c>/a/</c> → <c>/a</c>).</summary>
    public static string TrimTrailingSlash(string path) => TrailingSlash().Replace(path, "$1");

    [GeneratedRegex("^(.+)/$")]
    private static partial Regex TrailingSlash();
}
