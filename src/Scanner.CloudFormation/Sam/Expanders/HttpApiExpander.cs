using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Api;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::HttpApi → the API Gateway V2 HTTP API (OpenAPI body with CORS, JWT/Lambda/IAM authorizers,
/// tags), its stage, authorizer permissions, custom domain with API mappings and Route 53 records.
/// </summary>
internal sealed partial class HttpApiExpander : ISamExpander
{
    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Stage"] = "AWS::ApiGatewayV2::Stage",
        ["DomainName"] = "AWS::ApiGatewayV2::DomainName",
    };

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        SamSchema.ValidateResource(resource.LogicalId, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode);
        var properties = resource.Properties;
        SamValue? P(string name) => properties.Get(name) is { } v && !SamValue.IsNull(v) ? v : null;
        var id = resource.LogicalId;
        var body = P("DefinitionBody");
        var tags = P("Tags") as SamMap;
        var stageName = P("StageName") is { } sn && SamValue.Truthy(sn) ? sn : Fn.Str("$default");
        var auth = P("Auth") as SamMap;
        var api = resource.New(id, "AWS::ApiGatewayV2::Api", resource.ResourceAttributes());
        api.DependsOn = resource.DependsOn;
        if (P("DefinitionUri") is not null && body is not null)
        {
            throw resource.Error("Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
        }

        var cors = context.Parameters.Resolve(P("CorsConfiguration"));
        if (cors is not null && SamValue.Truthy(cors))
        {
            body = AddCors(resource, body, cors);
        }

        var authorizers = new Dictionary<string, Authorizer>(StringComparer.Ordinal);
        var functionAuthorizers = new List<(string Name, SamValue FunctionArn, SamValue? Enable)>();
        if (auth is { Count: > 0 })
        {
            body = AddAuth(resource, body, auth, authorizers, functionAuthorizers);
        }

        body = AddTags(resource, body, tags);
        if (P("FailOnWarnings") is { } warnings && SamValue.Truthy(warnings))
        {
            api.Set("FailOnWarnings", warnings);
        }

        if (P("DisableExecuteApiEndpoint") is { } disable)
        {
            if (body is null || !SamValue.Truthy(body))
            {
                throw resource.Error("DisableExecuteApiEndpoint works only within 'DefinitionBody' property.", disable);
            }

            var editor = new OpenApi(body);
            editor.AddEndpointConfig(disable);
            body = editor.Document;
        }

        if (P("Name") is { } name && SamValue.Truthy(name))
        {
            body = SetInfo(resource, body, name, "Name", "title", (e, v) => e.AddTitle(v), existing => Fn.RefName(existing) != "AWS::StackName");
        }

        if (P("Description") is { } description && SamValue.Truthy(description))
        {
            body = SetInfo(resource, body, description, "Description", "description", (e, v) => e.AddDescription(v), existing => existing is not null && SamValue.Truthy(existing));
        }

        if (P("FailOnWarnings") is { } fail && SamValue.Truthy(fail) && body is SamMap b && b.GetMap("paths") is { } paths && paths.Get("$default") is { } defaultPath)
        {
            paths.Remove("$default");
            paths.Set("/$default", defaultPath);
        }

        if (P("DefinitionUri") is { } uri && SamValue.Truthy(uri))
        {
            api.Set("BodyS3Location", S3Locations.Map(resource, "DefinitionUri", uri));
        }
        else if (body is not null && SamValue.Truthy(body))
        {
            api.Set("Body", body);
        }
        else
        {
            throw resource.Error("'DefinitionUri' or 'DefinitionBody' are required properties of an 'AWS::Serverless::HttpApi'. Add a value for one of these properties or add a 'HttpApi' event to an 'AWS::Serverless::Function'.");
        }

        var resources = new List<CfnResource> { api };
        var domainTags = new SamMap().Set("httpapi:createdBy", "SAM");
        var (domain, mappings, route53) = V2Domain(resource, context, context.Parameters.Resolve(P("Domain")), "ApiMapping", domainTags);
        foreach (var (authorizerName, arn, enable) in functionAuthorizers)
        {
            if (enable is null || !SamValue.Truthy(enable))
            {
                continue;
            }

            resources.Add(AuthorizerPermission(resource, id + authorizerName + "AuthorizerPermission", arn, Fn.Ref(id)));
        }

        if (domain is not null)
        {
            resources.Add(domain);
        }

        resources.AddRange(mappings);
        if (route53 is not null)
        {
            resources.Add(route53);
        }

        var stage = Stage(resource, stageName, P, tags);
        resources.Add(stage);
        if (body is not null && tags is { Count: > 0 })
        {
            foreach (var r in resources.Where(r => r.Type is "AWS::ApiGatewayV2::Stage" or "AWS::ApiGatewayV2::DomainName"))
            {
                r.Set("Tags", tags);
            }
        }

        return resources;
    }

    private static CfnResource Stage(SamResource resource, SamValue stageName, Func<string, SamValue?> p, SamMap? tags)
    {
        var id = resource.LogicalId;
        var prefix = stageName.AsString ?? string.Empty;
        var stageId = prefix.Length > 0 && prefix.All(char.IsLetterOrDigit) ? id + prefix + "Stage"
            : prefix == "$default" ? id + "ApiGatewayDefaultStage"
            : id + "Stage" + (prefix.Length > 0 ? SamJson.HashText(prefix) : string.Empty);
        var stage = resource.New(stageId, "AWS::ApiGatewayV2::Stage", resource.PassThroughAttributes());
        stage.Set("ApiId", Fn.Ref(id));
        stage.Set("StageName", stageName);
        stage.Set("StageVariables", p("StageVariables"));
        stage.Set("AccessLogSettings", p("AccessLogSettings"));
        stage.Set("DefaultRouteSettings", p("DefaultRouteSettings"));
        stage.Set("Tags", tags);
        stage.Set("AutoDeploy", SamScalar.Boolean(true));
        stage.Set("RouteSettings", p("RouteSettings"));
        return stage;
    }

    private static SamValue? AddCors(SamResource resource, SamValue? body, SamValue cors)
    {
        if (body is null || !SamValue.Truthy(body))
        {
            throw resource.Error("Cors works only with inline OpenApi specified in 'DefinitionBody' property.", cors);
        }

        SamValue? origins = null, headers = null, methods = null, expose = null, maxAge = null, credentials = null;
        if (cors is SamScalar { Kind: Syntax.ScalarKind.Boolean })
        {
            origins = Fn.Strings("*");
        }
        else if (Fn.IsIntrinsic(cors))
        {
            origins = cors;
        }
        else if (cors is SamMap map)
        {
            foreach (var key in map.Keys)
            {
                if (key is not ("AllowMethods" or "AllowHeaders" or "AllowOrigins" or "MaxAge" or "ExposeHeaders" or "AllowCredentials"))
                {
                    throw resource.Error($"Invalid key '{key}' for 'Cors' property.", map);
                }
            }

            origins = map.Get("AllowOrigins");
            headers = map.Get("AllowHeaders");
            methods = map.Get("AllowMethods");
            expose = map.Get("ExposeHeaders");
            maxAge = map.Get("MaxAge");
            credentials = map.Get("AllowCredentials");
        }
        else
        {
            throw resource.Error("Invalid value for 'Cors' property.", cors);
        }

        if (!OpenApi.IsValid(body))
        {
            throw resource.Error("Unable to add Cors configuration because 'DefinitionBody' does not contain a valid OpenApi definition.", cors);
        }

        if (credentials is SamScalar { BooleanValue: true } && origins is SamList { Count: 1 } o && o[0].AsString == "*")
        {
            throw resource.Error("Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is \"'*'\" or not set.", cors);
        }

        var editor = new OpenApi(body);
        editor.AddCors(origins, headers, methods, expose, maxAge, credentials);
        return editor.Document;
    }

    private static SamValue? AddAuth(SamResource resource, SamValue? body, SamMap auth, Dictionary<string, Authorizer> authorizers, List<(string, SamValue, SamValue?)> functionAuthorizers)
    {
        if (body is null || !SamValue.Truthy(body))
        {
            throw resource.Error("Auth works only with inline OpenApi specified in the 'DefinitionBody' property.", auth);
        }

        if (auth.Keys.Any(k => k is not ("Authorizers" or "DefaultAuthorizer" or "EnableIamAuthorizer")))
        {
            throw resource.Error("Invalid value for 'Auth' property", auth);
        }

        if (!OpenApi.IsValid(body))
        {
            throw resource.Error("Unable to add Auth configuration because 'DefinitionBody' does not contain a valid OpenApi definition.", auth);
        }

        var editor = new OpenApi(body);
        foreach (var (name, authorizer) in V2Authorizers(resource, auth.Get("Authorizers"), auth.Get("EnableIamAuthorizer") is SamScalar { BooleanValue: true }, functionAuthorizers))
        {
            authorizers[name] = authorizer;
        }

        editor.AddAuthorizers(authorizers);
        var defaultAuthorizer = auth.Get("DefaultAuthorizer");
        if (defaultAuthorizer is not null && SamValue.Truthy(defaultAuthorizer) && !Fn.IsNoValue(defaultAuthorizer))
        {
            var name = defaultAuthorizer.AsString ?? throw resource.Error("Property 'Auth.DefaultAuthorizer' should be a string.", defaultAuthorizer);
            if (!authorizers.ContainsKey(name))
            {
                throw resource.Error($"Unable to set DefaultAuthorizer because '{name}' was not defined in 'Authorizers'.", defaultAuthorizer);
            }

            foreach (var path in editor.PathNames())
            {
                editor.SetPathDefaultAuthorizer(path, name, authorizers);
            }
        }

        return editor.Document;
    }

    /// <summary>API Gateway V2 authorizers (SAM's ApiGatewayV2Authorizer): JWT, Lambda (REQUEST) or IAM, as OpenAPI security schemes.</summary>
    public static IEnumerable<(string Name, Authorizer Authorizer)> V2Authorizers(SamResource resource, SamValue? config, bool enableIam, List<(string, SamValue, SamValue?)> functionAuthorizers)
    {
        var result = new List<(string, Authorizer)>();
        if (enableIam)
        {
            result.Add(("AWS_IAM", new Authorizer("AWS_IAM", null, new SamMap().Set("type", "apiKey").Set("name", "Authorization").Set("in", "header").Set("x-amazon-apigateway-authtype", "awsSigv4"))));
        }

        if (config is null || !SamValue.Truthy(config))
        {
            return result;
        }

        if (config is not SamMap map)
        {
            throw resource.Error("Property 'Auth.Authorizers' should be a map.", config);
        }

        foreach (var (name, value) in map)
        {
            if (value is not SamMap a)
            {
                throw resource.Error($"Property 'Auth.Authorizers.{name}' should be a map.", value);
            }

            if (a.ContainsKey("OpenIdConnectUrl"))
            {
                throw resource.Error($"'OpenIdConnectUrl' is no longer a supported property for authorizer '{name}'. Please refer to the AWS SAM documentation.", a);
            }

            result.Add((name, V2Authorizer(resource, name, a, functionAuthorizers)));
        }

        return result;
    }

    private static Authorizer V2Authorizer(SamResource resource, string name, SamMap a, List<(string, SamValue, SamValue?)> functionAuthorizers)
    {
        SamValue? Get(string key) => a.Get(key) is { } v && !SamValue.IsNull(v) ? v : null;
        var scopes = Get("AuthorizationScopes");
        var jwtValue = Get("JwtConfiguration");
        SamMap? jwt = null;
        if (jwtValue is not null && SamValue.Truthy(jwtValue))
        {
            if (jwtValue is not SamMap jm)
            {
                throw resource.Error("Property 'JwtConfiguration' should be a map.", jwtValue);
            }

            jwt = new SamMap(jm.Origin);
            foreach (var (k, v) in jm)
            {
                jwt.Set(k.ToLowerInvariant(), v);
            }
        }

        var type = jwt is not null ? "JWT" : "REQUEST";
        if (scopes is not null && scopes is not SamList)
        {
            throw resource.Error("AuthorizationScopes must be a list.", scopes);
        }

        var properties = new (string Key, string Display, string Kind, string AllowedFor)[]
        {
            ("AuthorizationScopes", "AuthorizationScopes", "JWT", "OAuth2 Authorizer"),
            ("JwtConfiguration", "JwtConfiguration", "JWT", "OAuth2 Authorizer"),
            ("IdentitySource", "IdentitySource", "JWT", "OAuth2 Authorizer. For Lambda Authorizer, use the 'Identity' property instead"),
            ("FunctionArn", "FunctionArn", "REQUEST", "Lambda Authorizer"),
            ("FunctionInvokeRole", "FunctionInvokeRole", "REQUEST", "Lambda Authorizer"),
            ("Identity", "Identity", "REQUEST", "Lambda Authorizer"),
            ("AuthorizerPayloadFormatVersion", "AuthorizerPayloadFormatVersion", "REQUEST", "Lambda Authorizer"),
            ("EnableSimpleResponses", "EnableSimpleResponses", "REQUEST", "Lambda Authorizer"),
            ("EnableFunctionDefaultPermissions", "EnableFunctionDefaultPermissions", "REQUEST", "Lambda Authorizer"),
        };
        foreach (var (key, display, kind, allowedFor) in properties)
        {
            var present = key == "JwtConfiguration" ? jwt is not null : Get(key) is not null;
            if (present && kind != type)
            {
                throw resource.Error($"{display} is only supported for {allowedFor}.", a.Get(key));
            }
        }

        SamMap definition;
        if (type == "JWT")
        {
            if (!SamValue.Truthy(Get("IdentitySource")))
            {
                throw resource.Error($"{name} OAuth2 Authorizer must define 'IdentitySource'.", a);
            }

            definition = new SamMap(a.Origin)
                .Set("type", "oauth2")
                .Set("x-amazon-apigateway-authorizer", new SamMap().Set("jwtConfiguration", jwt!).Set("identitySource", Get("IdentitySource")!).Set("type", "jwt"));
        }
        else
        {
            if (!SamValue.Truthy(Get("FunctionArn")))
            {
                throw resource.Error($"{name} Lambda Authorizer must define 'FunctionArn'.", a);
            }

            if (!SamValue.Truthy(Get("AuthorizerPayloadFormatVersion")))
            {
                throw resource.Error($"{name} Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'.", a);
            }

            if (Get("EnableFunctionDefaultPermissions") is { } enable && enable is not SamScalar { Kind: Syntax.ScalarKind.Boolean })
            {
                throw resource.Error($"Property 'Authorizers.{name}.EnableFunctionDefaultPermissions' should be a boolean.", enable);
            }

            var authorizer = new SamMap().Set("type", "request")
                .Set("authorizerUri", Fn.Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations", new SamMap().Set("__FunctionArn__", Get("FunctionArn")!)));
            if (Get("FunctionInvokeRole") is { } role && SamValue.Truthy(role) && role.AsString != "NONE")
            {
                authorizer.Set("authorizerCredentials", role);
            }

            if (Get("Identity") is { } identity && SamValue.Truthy(identity))
            {
                if (identity is not SamMap identityMap)
                {
                    throw resource.Error($"Property 'Auth.Authorizers.{name}.Identity' should be a map.", identity);
                }

                if (identityMap.Get("ReauthorizeEvery") is { } ttl && !SamValue.IsNull(ttl))
                {
                    authorizer.Set("authorizerResultTtlInSeconds", ttl);
                }

                var sources = new SamList();
                foreach (var (prefix, key) in new[] { ("$request.header.", "Headers"), ("$request.querystring.", "QueryStrings"), ("$stageVariables.", "StageVariables"), ("$context.", "Context") })
                {
                    if (identityMap.Get(key) is not { } values || !SamValue.Truthy(values))
                    {
                        continue;
                    }

                    var path = $"Authorizers.{name}.Identity.{key}";
                    if (values is not SamList list)
                    {
                        throw resource.Error($"Property '{path}' should be a list.", values);
                    }

                    for (var i = 0; i < list.Count; i++)
                    {
                        sources.Add(Fn.Str(prefix + (list[i].AsString ?? throw resource.Error($"Property '{path}[{i}]' should be a string.", list[i]))));
                    }
                }

                authorizer.Set("identitySource", sources);
            }

            authorizer.Set("authorizerPayloadFormatVersion", Get("AuthorizerPayloadFormatVersion")!);
            if (Get("EnableSimpleResponses") is { } simple && SamValue.Truthy(simple))
            {
                authorizer.Set("enableSimpleResponses", simple);
            }

            definition = new SamMap(a.Origin).Set("type", "apiKey").Set("name", "Unused").Set("in", "header").Set("x-amazon-apigateway-authorizer", authorizer);
            functionAuthorizers.Add((name, Get("FunctionArn")!, Get("EnableFunctionDefaultPermissions")));
        }

        return new Authorizer(name, scopes, definition);
    }

    private static SamValue? AddTags(SamResource resource, SamValue? body, SamMap? tags)
    {
        if (tags is { Count: > 0 } && (body is null || !SamValue.Truthy(body)))
        {
            throw resource.Error("Tags works only with inline OpenApi specified in the 'DefinitionBody' property.", tags);
        }

        if (body is null || !SamValue.Truthy(body))
        {
            return body;
        }

        if (tags is { Count: > 0 } && !OpenApi.IsValid(body))
        {
            throw resource.Error("Unable to add `Tags` because 'DefinitionBody' does not contain a valid OpenApi definition.", tags);
        }

        if (!OpenApi.IsValid(body))
        {
            return body;
        }

        var all = tags is null ? new SamMap() : (SamMap)tags.Clone();
        all.Set("httpapi:createdBy", "SAM");
        var editor = new OpenApi(body);
        editor.AddTags(all);
        return editor.Document;
    }

    private static SamValue? SetInfo(SamResource resource, SamValue? body, SamValue value, string property, string key, Action<OpenApi, SamValue> set, Func<SamValue?, bool> conflict)
    {
        if (body is null || !SamValue.Truthy(body))
        {
            throw resource.Error($"{property} works only with inline OpenApi specified in the 'DefinitionBody' property.", value);
        }

        var info = (body as SamMap)?.Get("info");
        if (info is not null && !SamValue.IsNull(info) && info is not SamMap)
        {
            throw resource.Error($"Invalid 'DefinitionBody': The value of 'info' should be a map.{(property == "Description" ? "'" : string.Empty)}", info);
        }

        if (conflict((info as SamMap)?.Get(key)))
        {
            throw resource.Error($"Unable to set {property} because it is already defined within inline OpenAPI specified in the 'DefinitionBody' property.", value);
        }

        var editor = new OpenApi(body);
        set(editor, value);
        return editor.Document;
    }

    public static CfnResource AuthorizerPermission(SamResource resource, string logicalId, SamValue functionArn, SamValue apiId) =>
        resource.New(logicalId, "AWS::Lambda::Permission", resource.PassThroughAttributes())
            .Set("Action", "lambda:InvokeFunction")
            .Set("FunctionName", functionArn)
            .Set("Principal", "apigateway.amazonaws.com")
            .Set("SourceArn", Fn.Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*", new SamMap().Set("__ApiId__", apiId)));

    /// <summary>SAM's API Gateway V2 custom domain: the domain name, API mappings and Route 53 records (REGIONAL only).</summary>
    public static (CfnResource? Domain, List<CfnResource> Mappings, CfnResource? RecordSetGroup) V2Domain(SamResource resource, SamContext context, SamValue? domainValue, string mappingSuffix, SamMap? domainTags, bool shareRecordSets = true)
    {
        if (domainValue is null || SamValue.IsNull(domainValue))
        {
            return (null, [], null);
        }

        var id = resource.LogicalId;
        if (domainValue is not SamMap domain)
        {
            throw resource.Error("Property 'Domain' should be a map.", domainValue);
        }

        var domainName = domain.Get("DomainName");
        var certificate = domain.Get("CertificateArn");
        if (domainName is null || SamValue.IsNull(domainName) || certificate is null || SamValue.IsNull(certificate))
        {
            throw resource.Error("Custom Domains only works if both DomainName and CertificateArn are provided.", domain);
        }

        var config = new SamMap().Set("CertificateArn", certificate);
        var domainId = "ApiGatewayDomainNameV2" + SamJson.Hash(domainName);
        domain.Set("ApiDomainName", domainId);
        var resourceDomain = resource.New(domainId, "AWS::ApiGatewayV2::DomainName", resource.PassThroughAttributes(), domain.Origin);
        resourceDomain.Set("DomainName", domainName);
        if (domainTags is not null)
        {
            resourceDomain.Set("Tags", domainTags);
        }

        var endpoint = domain.Get("EndpointConfiguration");
        if (endpoint is null || SamValue.IsNull(endpoint))
        {
            endpoint = Fn.Str("REGIONAL");
            domain.Set("EndpointConfiguration", "REGIONAL");
        }
        else if (endpoint.AsString != "REGIONAL")
        {
            throw resource.Error("EndpointConfiguration for Custom Domains must be one of ['REGIONAL'].", endpoint);
        }

        config.Set("EndpointType", endpoint);
        if (domain.Get("OwnershipVerificationCertificateArn") is { } ownership && SamValue.Truthy(ownership))
        {
            config.Set("OwnershipVerificationCertificateArn", ownership);
        }

        if (domain.Get("SecurityPolicy") is { } policy && SamValue.Truthy(policy))
        {
            config.Set("SecurityPolicy", policy);
        }

        resourceDomain.Set("DomainNameConfigurations", Fn.List(config));
        if (domain.Get("MutualTlsAuthentication") is { } mtls && SamValue.Truthy(mtls))
        {
            if (mtls is not SamMap mtlsMap)
            {
                throw resource.Error("MutualTlsAuthentication must be a map with at least one of the following fields ['TruststoreUri', 'TruststoreVersion'].", mtls);
            }

            var invalid = mtlsMap.Keys.Where(k => k is not ("TruststoreUri" or "TruststoreVersion")).Order(StringComparer.Ordinal).ToList();
            if (invalid.Count > 0)
            {
                throw SamException.Resource(string.Join(",", invalid), "Available MutualTlsAuthentication fields are ['TruststoreUri', 'TruststoreVersion'].", mtls);
            }

            resourceDomain.Set("MutualTlsAuthentication", mtlsMap.PickTruthy("TruststoreUri", "TruststoreVersion"));
        }

        var mappings = new List<CfnResource>();
        var basePath = domain.Get("BasePath");
        List<SamValue>? paths = basePath switch
        {
            SamScalar { IsString: true } s when s.Text.Length > 0 => [s],
            SamList { Count: > 0 } l => l.Items.ToList(),
            _ => null,
        };
        if (paths is null)
        {
            mappings.Add(resource.New(id + mappingSuffix, "AWS::ApiGatewayV2::ApiMapping", resource.PassThroughAttributes(), domain.Origin)
                .Set("DomainName", Fn.Ref(domainId))
                .Set("ApiId", Fn.Ref(id))
                .Set("Stage", Fn.Ref(id + ".Stage")));
        }
        else
        {
            foreach (var path in paths)
            {
                if (path.AsString is not { } text)
                {
                    throw resource.Error("Basepath must be a string.", path);
                }

                if (InvalidBasePath().IsMatch(text))
                {
                    throw resource.Error("Invalid Basepath name provided.", path);
                }

                mappings.Add(resource.New(id + BasePathSeparators().Replace(text, string.Empty) + mappingSuffix, "AWS::ApiGatewayV2::ApiMapping", resource.PassThroughAttributes(), domain.Origin)
                    .Set("DomainName", Fn.Ref(domainId))
                    .Set("ApiId", Fn.Ref(id))
                    .Set("Stage", Fn.Ref(id + ".Stage"))
                    .Set("ApiMappingKey", SamScalar.String(text.Trim('/'), path.Origin)));
            }
        }

        CfnResource? group = null;
        if (domain.Get("Route53") is { } route53Value && !SamValue.IsNull(route53Value))
        {
            if (route53Value is not SamMap route53)
            {
                throw resource.Error("Property 'Domain.Route53' should be a map.", route53Value);
            }

            var zone = route53.Get("HostedZoneId") is { } z && !SamValue.IsNull(z) ? z : route53.Get("HostedZoneName") is { } zn && !SamValue.IsNull(zn) ? zn : null;
            if (zone is null)
            {
                throw resource.Error("HostedZoneId or HostedZoneName is required to enable Route53 support on Custom Domains.", route53);
            }

            var groupId = "RecordSetGroup" + SamJson.Hash(zone);
            // SAM shares record set groups between REST and HTTP APIs (not WebSocket APIs, which start afresh).
            var groups = shareRecordSets ? context.SharedState("route53-record-set-groups", () => new Dictionary<string, CfnResource>(StringComparer.Ordinal)) : [];
            if (!groups.TryGetValue(groupId, out group))
            {
                group = resource.New(groupId, "AWS::Route53::RecordSetGroup", resource.PassThroughAttributes(), route53.Origin);
                if (route53.ContainsKey("HostedZoneId"))
                {
                    group.Set("HostedZoneId", route53.Get("HostedZoneId"));
                }
                else if (route53.ContainsKey("HostedZoneName"))
                {
                    group.Set("HostedZoneName", route53.Get("HostedZoneName"));
                }

                group.Set("RecordSets", new SamList());
                groups[groupId] = group;
            }

            if (domain.GetString("EndpointConfiguration") != "REGIONAL")
            {
                throw resource.Error("Only REGIONAL endpoint is supported on HTTP APIs.", route53);
            }

            foreach (var type in route53.Get("IpV6") is SamScalar { BooleanValue: true } ? new[] { "A", "AAAA" } : ["A"])
            {
                var target = new SamMap();
                if (route53.Get("EvaluateTargetHealth") is { } health && !SamValue.IsNull(health))
                {
                    target.Set("EvaluateTargetHealth", health);
                }

                target.Set("HostedZoneId", Fn.GetAtt(domainId, "RegionalHostedZoneId")).Set("DNSName", Fn.GetAtt(domainId, "RegionalDomainName"));
                var record = new SamMap().Set("Name", domainName).Set("Type", type).Set("AliasTarget", target);
                record.SetIf("Region", route53.Get("Region") is { } r && !SamValue.IsNull(r) ? r : null);
                record.SetIf("SetIdentifier", route53.Get("SetIdentifier") is { } si && !SamValue.IsNull(si) ? si : null);
                group.Properties.GetList("RecordSets")!.Add(record);
            }
        }

        return (resourceDomain, mappings, group);
    }

    [GeneratedRegex(@"[^0-9a-zA-Z/\-_]+")]
    private static partial Regex InvalidBasePath();

    [GeneratedRegex(@"[\-_/]+")]
    private static partial Regex BasePathSeparators();
}
