using Scanner.CloudFormation.Sam.Api;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::Api → the REST API (its OpenAPI body with CORS, authorizers, API keys, resource policy, gateway
/// responses and models as SAM writes them), a deployment and stage, authorizer permissions, custom domain with base
/// path mappings and Route 53 records, and usage plans with API keys.
/// </summary>
internal sealed class RestApiExpander : ISamExpander
{
    private static readonly string[] AuthProperties =
        ["Authorizers", "DefaultAuthorizer", "InvokeRole", "AddDefaultAuthorizerToCorsPreflight", "AddApiKeyRequiredToCorsPreflight", "ApiKeyRequired", "ResourcePolicy", "UsagePlan"];

    private static readonly string[] CorsProperties = ["AllowMethods", "AllowHeaders", "AllowOrigin", "MaxAge", "AllowCredentials"];

    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Stage"] = "AWS::ApiGateway::Stage",
        ["Deployment"] = "AWS::ApiGateway::Deployment",
        ["DomainName"] = "AWS::ApiGateway::DomainName",
        ["DomainNameV2"] = "AWS::ApiGateway::DomainNameV2",
        ["UsagePlan"] = "AWS::ApiGateway::UsagePlan",
        ["UsagePlanKey"] = "AWS::ApiGateway::UsagePlanKey",
        ["ApiKey"] = "AWS::ApiGateway::ApiKey",
    };

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        SamSchema.ValidateResource(resource.LogicalId, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode);
        var generator = new Generator(resource, context);
        var resources = generator.Generate();
        Roles.Propagate(resources, generator.Tags, resource.Properties.Get("PropagateTags"), r => FunctionExpander.TakesTags(r.Type));
        return resources;
    }

    /// <summary>SAM's ApiGenerator for one API.</summary>
    private sealed class Generator
    {
        private readonly SamResource _resource;
        private readonly SamContext _context;
        private readonly SamMap _properties;
        private readonly string _id;
        private SamValue? _body;
        private readonly SamMap? _auth;
        private readonly SamValue? _domain;

        public Generator(SamResource resource, SamContext context)
        {
            _resource = resource;
            _context = context;
            _properties = resource.Properties;
            _id = resource.LogicalId;
            _body = P("DefinitionBody");
            _auth = context.Parameters.Resolve(P("Auth")) as SamMap;
            _domain = context.Parameters.Resolve(P("Domain"));
            Tags = P("Tags");
        }

        public SamValue? Tags { get; }

        private SamValue? P(string name) => _properties.Get(name) is { } v && !SamValue.IsNull(v) ? v : null;

        private SamException Error(string message, SamValue? at = null) => _resource.Error(message, at);

        public List<CfnResource> Generate()
        {
            var restApi = RestApi();
            var resources = new List<CfnResource> { restApi };
            var privateDomain = _domain is SamMap d && d.GetString("EndpointConfiguration") == "PRIVATE";
            var domainResources = privateDomain ? DomainV2() : Domain();
            var deployment = _resource.New(_id + "Deployment", "AWS::ApiGateway::Deployment", _resource.PassThroughAttributes());
            deployment.Set("RestApiId", Fn.Ref(_id));
            if (P("OpenApiVersion") is null)
            {
                deployment.Set("StageName", "Stage");
            }

            var swagger = restApi.Properties.Get("Body") ?? restApi.Properties.Get("BodyS3Location");
            var stage = Stage(deployment, swagger);
            resources.Add(deployment);
            resources.Add(stage);
            resources.AddRange(AuthorizerPermissions());
            resources.AddRange(domainResources);
            resources.AddRange(UsagePlan(stage));
            return resources;
        }

        private CfnResource RestApi()
        {
            if (P("DefinitionUri") is not null && _body is not null)
            {
                throw Error("Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
            }

            if (P("DefinitionUri") is not null && P("MergeDefinitions") is SamScalar { BooleanValue: true })
            {
                throw Error("Cannot set 'MergeDefinitions' to True when using `DefinitionUri`.");
            }

            if (P("OpenApiVersion") is { } version && !System.Text.RegularExpressions.Regex.IsMatch(version is SamScalar s ? s.Text : SamJson.Canonical(version), @"\A[2-3](\.\d)(\.\d)?$"))
            {
                throw Error("The OpenApiVersion value must be of the format '3.0.0'.", version);
            }

            var api = _resource.New(_id, "AWS::ApiGateway::RestApi", _resource.ResourceAttributes());
            api.DependsOn = _resource.DependsOn;
            api.Set("BinaryMediaTypes", _context.Parameters.Resolve(P("BinaryMediaTypes")));
            api.Set("MinimumCompressionSize", P("MinimumCompressionSize"));
            if (P("EndpointConfiguration") is { } endpoint && SamValue.Truthy(endpoint))
            {
                SetEndpointConfiguration(api, endpoint);
            }

            AddCors();
            AddAuth();
            AddGatewayResponses();
            AddBinaryMediaTypes();
            AddModels();
            if (P("FailOnWarnings") is { } warnings && SamValue.Truthy(warnings))
            {
                api.Set("FailOnWarnings", warnings);
            }

            if (P("DisableExecuteApiEndpoint") is { } disable)
            {
                if (_body is null || !SamValue.Truthy(_body))
                {
                    throw Error("DisableExecuteApiEndpoint works only within 'DefinitionBody' property.", disable);
                }

                var editor = new Swagger(_body);
                editor.AddDisableExecuteApiEndpoint(disable);
                _body = editor.Document;
            }

            if (P("DefinitionUri") is { } uri && SamValue.Truthy(uri))
            {
                api.Set("BodyS3Location", S3Locations.Map(_resource, "DefinitionUri", uri));
            }
            else if (_body is SamMap body && body.Count > 0)
            {
                _body = OpenApiPostProcess(body);
                api.Set("Body", _body);
            }

            foreach (var (property, name) in new[] { ("Name", "Name"), ("Description", "Description"), ("Mode", "Mode"), ("ApiKeySourceType", "ApiKeySourceType"), ("Policy", "Policy"), ("SecurityPolicy", "SecurityPolicy"), ("EndpointAccessMode", "EndpointAccessMode") })
            {
                if (P(property) is { } value && SamValue.Truthy(value))
                {
                    api.Set(name, value);
                }
            }

            return api;
        }

        private void SetEndpointConfiguration(CfnResource api, SamValue value)
        {
            if (value is SamMap map && SamValue.Truthy(map.Get("Type")))
            {
                var type = map.Get("Type")!;
                api.Set("Parameters", new SamMap().Set("endpointConfigurationTypes", type));
                var configuration = new SamMap().Set("Types", Fn.List(type));
                if (map.ContainsKey("VPCEndpointIds") && map.ContainsKey("VpcEndpointIds"))
                {
                    throw Error("'VPCEndpointIds' and 'VpcEndpointIds' cannot be used together in EndpointConfiguration.", map);
                }

                if (map.ContainsKey("VPCEndpointIds") || map.ContainsKey("VpcEndpointIds"))
                {
                    var ids = map.Get("VPCEndpointIds");
                    configuration.Set("VpcEndpointIds", SamValue.Truthy(ids) ? ids! : map.Get("VpcEndpointIds") ?? SamScalar.Null());
                }

                if (map.ContainsKey("IpAddressType"))
                {
                    configuration.Set("IpAddressType", map.Get("IpAddressType")!);
                }

                api.Set("EndpointConfiguration", configuration);
            }
            else
            {
                api.Set("EndpointConfiguration", new SamMap().Set("Types", Fn.List(value)));
                api.Set("Parameters", new SamMap().Set("endpointConfigurationTypes", value));
            }
        }

        private CfnResource Stage(CfnResource deployment, SamValue? swagger)
        {
            var stageName = P("StageName");
            var prefix = stageName?.AsString ?? string.Empty;
            var stageId = prefix.Length > 0 && prefix.All(char.IsLetterOrDigit) ? _id + prefix + "Stage" : _id + "Stage" + (prefix.Length > 0 ? SamJson.HashText(prefix) : string.Empty);
            var stage = _resource.New(stageId, "AWS::ApiGateway::Stage", _resource.PassThroughAttributes());
            stage.Set("RestApiId", Fn.Ref(_id));
            stage.Set("StageName", stageName);
            stage.Set("CacheClusterEnabled", P("CacheClusterEnabled"));
            stage.Set("CacheClusterSize", P("CacheClusterSize"));
            stage.Set("Variables", P("Variables"));
            stage.Set("MethodSettings", P("MethodSettings"));
            stage.Set("AccessLogSetting", P("AccessLogSetting"));
            stage.Set("CanarySetting", P("CanarySetting"));
            stage.Set("TracingEnabled", P("TracingEnabled"));
            if (swagger is not null && SamValue.Truthy(swagger))
            {
                var hashInput = SamJson.Canonical(swagger);
                if (P("OpenApiVersion") is { } version)
                {
                    hashInput += "||" + (version.AsString ?? SamJson.Canonical(version));
                }

                if (_domain is not null && SamValue.Truthy(_domain))
                {
                    hashInput += "||" + SamJson.Canonical(_domain);
                }

                if (P("AlwaysDeploy") is SamScalar { BooleanValue: true })
                {
                    // SAM hashes the current time: a new deployment on every transform.
                    hashInput = "always-deploy";
                }

                var digest = SamJson.Sha1Hex(hashInput);
                deployment.LogicalId += digest[..10];
                deployment.Set("Description", $"RestApi deployment id: {digest}");
            }

            stage.Set("DeploymentId", Fn.Ref(deployment.LogicalId));
            if (Tags is SamMap tags)
            {
                stage.Set("Tags", new SamList(Roles.Tags(tags)));
            }

            return stage;
        }

        private void AddCors()
        {
            var cors = P("Cors");
            if (cors is null || !SamValue.Truthy(cors))
            {
                return;
            }

            if (_body is null || !SamValue.Truthy(_body))
            {
                throw Error("Cors works only with inline Swagger specified in 'DefinitionBody' property.", cors);
            }

            SamValue? allowOrigin = Fn.Str("'*'");
            SamValue? allowHeaders = null;
            SamValue? allowMethods = null;
            SamValue? maxAge = null;
            SamValue? allowCredentials = null;
            if (cors.AsString is not null || Fn.IsIntrinsic(cors))
            {
                allowOrigin = cors;
            }
            else if (cors is SamMap map)
            {
                foreach (var key in map.Keys)
                {
                    if (!CorsProperties.Contains(key))
                    {
                        throw Error($"Invalid key '{key}' for 'Cors' property.", map);
                    }
                }

                if (map.ContainsKey("AllowOrigin"))
                {
                    allowOrigin = map.Get("AllowOrigin");
                }

                allowHeaders = map.Get("AllowHeaders");
                allowMethods = map.Get("AllowMethods");
                maxAge = map.Get("MaxAge");
                allowCredentials = map.Get("AllowCredentials");
            }
            else
            {
                throw Error("Invalid value for 'Cors' property", cors);
            }

            if (!Swagger.IsValid(_body))
            {
                throw Error("Unable to add Cors configuration because 'DefinitionBody' does not contain a valid Swagger definition.", cors);
            }

            if (allowCredentials is SamScalar { BooleanValue: true } && allowOrigin?.AsString == "'*'")
            {
                throw Error("Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is \"'*'\" or not set", cors);
            }

            var editor = new Swagger(_body);
            var processed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in editor.PathNames())
            {
                var normalized = path == "/" ? path : path.TrimEnd('/');
                if (!processed.Add(normalized))
                {
                    continue;
                }

                try
                {
                    editor.AddCors(path, allowOrigin, allowHeaders, allowMethods, maxAge, allowCredentials);
                }
                catch (SamException e) when (e.Kind == SamErrorKind.Template)
                {
                    throw Error(e.FullMessage, cors); // SAM: "Resource with id [A] is invalid. Structure of the SAM template is invalid. …"
                }
            }

            _body = editor.Document;
        }

        private void AddAuth()
        {
            if (_auth is null || _auth.Count == 0)
            {
                return;
            }

            if (_body is null || !SamValue.Truthy(_body))
            {
                throw Error("Auth works only with inline Swagger specified in 'DefinitionBody' property.", P("Auth"));
            }

            if (!_auth.Keys.All(AuthProperties.Contains))
            {
                throw Error("Invalid value for 'Auth' property", P("Auth"));
            }

            if (!Swagger.IsValid(_body))
            {
                throw Error("Unable to add Auth configuration because 'DefinitionBody' does not contain a valid Swagger definition.", P("Auth"));
            }

            var editor = new Swagger(_body);
            var defaultAuthorizer = _auth.Get("DefaultAuthorizer");
            var authorizers = Authorizers(_auth.Get("Authorizers"), defaultAuthorizer?.AsString);
            if (authorizers is { Count: > 0 })
            {
                editor.AddAuthorizers(authorizers);
                SetDefaultAuthorizer(editor, authorizers, defaultAuthorizer, _auth.Get("AddDefaultAuthorizerToCorsPreflight"));
            }

            if (_auth.Get("ApiKeyRequired") is { } apiKey && SamValue.Truthy(apiKey))
            {
                editor.AddApiKeySecurityDefinition();
                var preflight = _auth.Get("AddApiKeyRequiredToCorsPreflight") is not { } p || SamValue.Truthy(p);
                foreach (var path in editor.PathNames())
                {
                    editor.SetPathDefaultApiKeyRequired(path, preflight);
                }
            }

            if (_auth.Get("ResourcePolicy") is { } policy && SamValue.Truthy(policy))
            {
                if (policy is not SamMap policyMap)
                {
                    throw SamException.Template("ResourcePolicy must be a map (ResourcePolicyStatement).", policy);
                }

                foreach (var path in editor.PathNames())
                {
                    editor.AddResourcePolicy(policyMap, path, P("StageName") ?? SamScalar.Null());
                }

                if (policyMap.Get("CustomStatements") is { } custom && SamValue.Truthy(custom))
                {
                    editor.AddCustomStatements(custom);
                }
            }

            _body = OpenApiPostProcess(editor.Document);
        }

        private void SetDefaultAuthorizer(Swagger editor, Dictionary<string, Authorizer> authorizers, SamValue? defaultAuthorizer, SamValue? addToPreflight)
        {
            if (defaultAuthorizer is null || !SamValue.Truthy(defaultAuthorizer))
            {
                return;
            }

            if (defaultAuthorizer.AsString is not { } name)
            {
                throw Error("DefaultAuthorizer is not a string.", defaultAuthorizer);
            }

            if (!authorizers.ContainsKey(name) && name != "AWS_IAM")
            {
                throw Error($"Unable to set DefaultAuthorizer because '{name}' was not defined in 'Authorizers'.", defaultAuthorizer);
            }

            var preflight = addToPreflight is not { } a || SamValue.Truthy(a);
            foreach (var path in editor.PathNames())
            {
                editor.SetPathDefaultAuthorizer(path, name, authorizers, preflight);
            }
        }

        /// <summary>SAM's authorizers: the AWS_IAM default and every entry of Auth.Authorizers, with the security scheme each becomes.</summary>
        private Dictionary<string, Authorizer>? Authorizers(SamValue? config, string? defaultAuthorizer)
        {
            var result = new Dictionary<string, Authorizer>(StringComparer.Ordinal);
            if (defaultAuthorizer == "AWS_IAM")
            {
                result["AWS_IAM"] = new Authorizer("AWS_IAM", new SamList(), new SamMap()
                    .Set("type", "apiKey").Set("name", "Authorization").Set("in", "header").Set("x-amazon-apigateway-authtype", "awsSigv4"));
            }

            if (config is null || !SamValue.Truthy(config))
            {
                return result.Count > 0 ? result : null;
            }

            if (config is not SamMap map)
            {
                throw Error("Property 'Auth.Authorizers' should be a map.", config);
            }

            foreach (var (name, value) in map)
            {
                if (value is not SamMap authorizer)
                {
                    throw Error($"Property 'Auth.Authorizers.{name}' should be a map.", value);
                }

                result[name] = RestAuthorizer(name, authorizer);
            }

            return result;
        }

        private Authorizer RestAuthorizer(string name, SamMap config)
        {
            var payloadType = config.Get("FunctionPayloadType");
            var payload = payloadType?.AsString;
            if (payloadType is not null && !SamValue.IsNull(payloadType) && payload is not ("TOKEN" or "REQUEST"))
            {
                throw Error($"{name} Authorizer has invalid 'FunctionPayloadType': {payload ?? SamJson.Canonical(payloadType)}.", payloadType);
            }

            var identity = config.Get("Identity");
            if (payload == "REQUEST" && MissingIdentitySource(name, identity))
            {
                throw Error($"{name} Authorizer must specify Identity with at least one of Headers, QueryStrings, StageVariables, or Context.", config);
            }

            var scopes = config.Get("AuthorizationScopes");
            if (scopes is not null && !SamValue.IsNull(scopes) && scopes is not SamList)
            {
                throw Error($"Property 'Authorizers.{name}.AuthorizationScopes' should be a list.", scopes);
            }

            var disable = config.Get("DisableFunctionDefaultPermissions");
            if (disable is not null && !SamValue.IsNull(disable) && disable is not SamScalar { Kind: Syntax.ScalarKind.Boolean })
            {
                throw Error($"Property 'Authorizers.{name}.DisableFunctionDefaultPermissions' should be a boolean.", disable);
            }

            var userPool = config.Get("UserPoolArn");
            var functionArn = config.Get("FunctionArn");
            var type = userPool is not null && SamValue.Truthy(userPool) ? "COGNITO_USER_POOLS" : "LAMBDA";
            var definition = new SamMap(config.Origin).Set("type", "apiKey");
            if (identity is not null && SamValue.Truthy(identity) && identity is not SamMap)
            {
                throw Error("Auth.Authorizers.<Authorizer>.Identity must be a dict (LambdaTokenAuthorizationIdentity, LambdaRequestAuthorizationIdentity or CognitoAuthorizationIdentity).", identity);
            }

            var identityMap = identity as SamMap;
            var header = type == "LAMBDA" && payload == "REQUEST" ? Fn.Str("Unused") : identityMap?.Get("Header") is { } h && SamValue.Truthy(h) ? h : Fn.Str("Authorization");
            definition.Set("name", header).Set("in", "header").Set("x-amazon-apigateway-authtype", type == "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom");
            SamMap? authorizer = null;
            if (type == "COGNITO_USER_POOLS")
            {
                authorizer = new SamMap().Set("type", "cognito_user_pools").Set("providerARNs", userPool is SamList ? userPool : Fn.List(userPool!));
            }
            else
            {
                authorizer = new SamMap().Set("type", payload == "REQUEST" ? "request" : "token");
                authorizer.Set("authorizerUri", Fn.Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations", new SamMap().Set("__FunctionArn__", functionArn ?? SamScalar.Null())));
                if (identityMap?.Get("ReauthorizeEvery") is { } ttl && !SamValue.IsNull(ttl))
                {
                    authorizer.Set("authorizerResultTtlInSeconds", ttl);
                }

                if (config.Get("FunctionInvokeRole") is { } role && SamValue.Truthy(role) && role.AsString != "NONE")
                {
                    authorizer.Set("authorizerCredentials", role);
                }

                if (payload == "REQUEST" && IdentitySource(name, identityMap) is { Length: > 0 } source)
                {
                    authorizer.Set("identitySource", source);
                }
            }

            if ((type == "COGNITO_USER_POOLS" || payload is null or "TOKEN") && identityMap?.Get("ValidationExpression") is { } validation && SamValue.Truthy(validation))
            {
                authorizer.Set("identityValidationExpression", validation);
            }

            definition.Set("x-amazon-apigateway-authorizer", authorizer);
            var result = new Authorizer(name, scopes is SamList s ? s : new SamList(), definition);
            _functionAuthorizers[name] = (functionArn, disable is SamScalar { BooleanValue: true });
            return result;
        }

        private readonly Dictionary<string, (SamValue? FunctionArn, bool DisablePermissions)> _functionAuthorizers = new(StringComparer.Ordinal);

        private bool MissingIdentitySource(string name, SamValue? identity)
        {
            if (identity is null || !SamValue.Truthy(identity))
            {
                return true;
            }

            if (identity is not SamMap map)
            {
                throw Error($"Property 'Authorizer.{name}.Identity' should be a map.", identity);
            }

            var missing = !SamValue.Truthy(map.Get("Headers")) && !SamValue.Truthy(map.Get("QueryStrings")) && !SamValue.Truthy(map.Get("StageVariables")) && !SamValue.Truthy(map.Get("Context"));
            var ttl = map.Get("ReauthorizeEvery");
            if (ttl is null || SamValue.IsNull(ttl))
            {
                return missing;
            }

            var value = ttl is SamScalar s ? s.IntegerValue ?? ScalarIntegerText(s) : null;
            return value is null ? missing : value > 0 && missing;
        }

        private static long? ScalarIntegerText(SamScalar s) => long.TryParse(s.Text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

        private string IdentitySource(string name, SamMap? identity)
        {
            if (identity is null)
            {
                return string.Empty;
            }

            var items = new List<string>();
            foreach (var (key, prefix) in new[] { ("Headers", "method.request.header."), ("QueryStrings", "method.request.querystring."), ("StageVariables", "stageVariables."), ("Context", "context.") })
            {
                if (identity.Get(key) is not { } values || !SamValue.Truthy(values))
                {
                    continue;
                }

                var path = $"Auth.Authorizers.{name}.Identity.{key}";
                if (values is not SamList list)
                {
                    throw Error($"Property '{path}' should be a list.", values);
                }

                for (var i = 0; i < list.Count; i++)
                {
                    items.Add(prefix + (list[i].AsString ?? throw Error($"Property '{path}[{i}]' should be a string.", list[i])));
                }
            }

            return string.Join(", ", items);
        }

        private IEnumerable<CfnResource> AuthorizerPermissions()
        {
            if (_auth is null || _auth.Count == 0)
            {
                yield break;
            }

            _functionAuthorizers.Clear();
            var authorizers = Authorizers(_auth.Get("Authorizers"), null);
            if (authorizers is null)
            {
                yield break;
            }

            foreach (var (name, _) in authorizers)
            {
                if (!_functionAuthorizers.TryGetValue(name, out var info) || info.FunctionArn is null || !SamValue.Truthy(info.FunctionArn) || info.DisablePermissions)
                {
                    continue;
                }

                yield return _resource.New(_id + name + "AuthorizerPermission", "AWS::Lambda::Permission", _resource.PassThroughAttributes())
                    .Set("Action", "lambda:InvokeFunction")
                    .Set("FunctionName", info.FunctionArn)
                    .Set("Principal", "apigateway.amazonaws.com")
                    .Set("SourceArn", Fn.Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*", new SamMap().Set("__ApiId__", Fn.Ref(_id))));
            }
        }

        private void AddGatewayResponses()
        {
            var responses = P("GatewayResponses");
            if (responses is null || !SamValue.Truthy(responses))
            {
                return;
            }

            if (_body is null || !SamValue.Truthy(_body))
            {
                throw Error("GatewayResponses works only with inline Swagger specified in 'DefinitionBody' property.", responses);
            }

            var map = (SamMap)responses;
            foreach (var (key, value) in map)
            {
                if (Fn.IsIntrinsic(value))
                {
                    throw Error("Unable to set GatewayResponses attribute because intrinsic functions are not supported for this field.", value);
                }

                if (value is not SamMap response)
                {
                    throw Error($"Invalid property type '{PythonTypeName(value)}' for GatewayResponses. Expected an object of type 'GatewayResponse'.", value);
                }

                foreach (var k in response.Keys)
                {
                    if (k is not ("ResponseParameters" or "ResponseTemplates" or "StatusCode"))
                    {
                        throw Error($"Invalid property '{k}' in 'GatewayResponses' property '{key}'.", response);
                    }
                }
            }

            if (!Swagger.IsValid(_body))
            {
                throw Error("Unable to add Auth configuration because 'DefinitionBody' does not contain a valid Swagger definition.", responses);
            }

            var editor = new Swagger(_body);
            var generated = new SamMap();
            foreach (var (type, value) in map)
            {
                var response = (SamMap)value;
                var parameters = response.Get("ResponseParameters") ?? new SamMap();
                var templates = response.Get("ResponseTemplates") ?? new SamMap();
                if (SamValue.Truthy(parameters) && parameters is not SamMap)
                {
                    throw Error($"Property 'GatewayResponses.{type}.ResponseParameters' should be a map.", parameters);
                }

                var parameterMap = parameters as SamMap ?? new SamMap();
                foreach (var k in parameterMap.Keys)
                {
                    if (k is not ("Headers" or "Paths" or "QueryStrings"))
                    {
                        throw Error($"Invalid gateway response parameter '{k}'", parameterMap);
                    }
                }

                var status = response.Get("StatusCode");
                var statusText = status is null || SamValue.IsNull(status) ? null : status is SamScalar s ? s.Text : SamJson.Canonical(status);
                if (statusText is not null && SamValue.Truthy(status) && !System.Text.RegularExpressions.Regex.IsMatch(statusText, "^[0-9]{1,3}$"))
                {
                    throw Error("Property 'StatusCode' must be numeric", status);
                }

                var prefixed = new SamMap();
                foreach (var (property, prefix) in new[] { ("Headers", "header."), ("Paths", "path."), ("QueryStrings", "querystring.") })
                {
                    var values = parameterMap.Get(property) ?? new SamMap();
                    if (values is not SamMap v)
                    {
                        throw Error($"Property 'ResponseParameters.{property}' should be a map.", values);
                    }

                    foreach (var (k, val) in v)
                    {
                        prefixed.Set("gatewayresponse." + prefix + k, val);
                    }
                }

                var swagger = new SamMap(response.Origin).Set("responseParameters", prefixed).Set("responseTemplates", SamValue.Truthy(templates) ? templates : new SamMap());
                if (statusText is not null)
                {
                    swagger.Set("statusCode", SamScalar.String(statusText, status!.Origin));
                }

                generated.Set(type, swagger);
            }

            if (generated.Count > 0)
            {
                editor.AddGatewayResponses(generated);
            }

            _body = editor.Document;
        }

        private static string PythonTypeName(SamValue value) => value switch
        {
            SamList => "list",
            SamScalar { Kind: Syntax.ScalarKind.Boolean } => "bool",
            SamScalar { Kind: Syntax.ScalarKind.Integer } => "int",
            SamScalar { Kind: Syntax.ScalarKind.Float } => "float",
            SamScalar { Kind: Syntax.ScalarKind.Null } => "NoneType",
            _ => "str",
        };

        private void AddBinaryMediaTypes()
        {
            var types = _context.Parameters.Resolve(P("BinaryMediaTypes"));
            if (types is null || !SamValue.Truthy(types) || _body is null || !SamValue.Truthy(_body))
            {
                return;
            }

            var editor = new Swagger(_body);
            editor.AddBinaryMediaTypes(types);
            _body = editor.Document;
        }

        private void AddModels()
        {
            var models = P("Models");
            if (models is null || !SamValue.Truthy(models))
            {
                return;
            }

            if (_body is null || !SamValue.Truthy(_body))
            {
                throw Error("Models works only with inline Swagger specified in 'DefinitionBody' property.", models);
            }

            if (!Swagger.IsValid(_body))
            {
                throw Error("Unable to add Models definitions because 'DefinitionBody' does not contain a valid Swagger definition.", models);
            }

            if (models is not SamMap map || !map.Values.All(m => m is SamMap))
            {
                throw Error("Invalid value for 'Models' property", models);
            }

            var editor = new Swagger(_body);
            editor.AddModels(map);
            _body = OpenApiPostProcess(editor.Document);
        }

        /// <summary>With OpenApiVersion 3, Swagger 2 sections move under components (SAM's _openapi_postprocess).</summary>
        private SamMap OpenApiPostProcess(SamMap body)
        {
            if (body.Get("swagger") is { } s && !SamValue.IsNull(s))
            {
                return body;
            }

            var version = body.Get("openapi") is { } v && !SamValue.IsNull(v) && P("OpenApiVersion") is null ? v : P("OpenApiVersion");
            if (version is null || !ApiDocument.IsOpenApi3(version is SamScalar vs ? vs.Text : null))
            {
                return body;
            }

            foreach (var (from, to) in new[] { ("securityDefinitions", "securitySchemes"), ("definitions", "schemas") })
            {
                if (body.Get(from) is { } section && SamValue.Truthy(section))
                {
                    var components = body.Get("components") as SamMap is { Count: > 0 } c ? c : new SamMap();
                    components.Set(to, section);
                    body.Set("components", components);
                    body.Remove(from);
                }
            }

            if (body.Get("paths") is { } pathsValue && SamValue.Truthy(pathsValue))
            {
                if (pathsValue is not SamMap paths)
                {
                    throw SamException.Template("Value of paths must be a dictionary according to Swagger spec.", pathsValue);
                }

                foreach (var (path, item) in paths)
                {
                    var pathItem = ApiDocument.ValidatePathItem(item, path);
                    if (pathItem.Get("options") is not { } options || !SamValue.Truthy(options))
                    {
                        continue;
                    }

                    if (options is not SamMap optionsMap)
                    {
                        throw SamException.Template($"Value of options method for path {path} must be a dictionary according to Swagger spec.", options);
                    }

                    optionsMap.Remove("produces");
                    optionsMap.Remove("consumes");
                    if (optionsMap.Get("responses") is { } responses)
                    {
                        var headers = (responses as SamMap)?.GetMap("200")?.Get("headers");
                        if (responses is not SamMap || ((SamMap)responses).Get("200") is { } r200 && r200 is not SamMap)
                        {
                            throw SamException.Template($"Invalid responses in options method for path {path}: It should be a map.", responses);
                        }

                        if (headers is null || !SamValue.Truthy(headers))
                        {
                            continue;
                        }

                        if (headers is not SamMap headerMap)
                        {
                            throw SamException.Template($"Value of response's headers in options method for path {path} must be a dictionary according to Swagger spec.", headers);
                        }

                        foreach (var (header, value) in headerMap.ToList())
                        {
                            headerMap.Set(header, new SamMap().Set("schema", value));
                        }
                    }
                }
            }

            return body;
        }

        private List<CfnResource> Domain()
        {
            var result = new List<CfnResource>();
            if (_domain is null)
            {
                return result;
            }

            if (_domain is not SamMap domain)
            {
                throw Error("Property 'Domain' should be a map.", _domain);
            }

            var domainName = domain.Get("DomainName") is { } dn && !SamValue.IsNull(dn) ? dn : throw Error("Property 'Domain.DomainName' is required.", domain);
            var certificate = domain.Get("CertificateArn") is { } cert && !SamValue.IsNull(cert) ? cert : throw Error("Property 'Domain.CertificateArn' is required.", domain);
            var domainId = "ApiGatewayDomainName" + SamJson.Hash(domainName);
            domain.Set("ApiDomainName", domainId);
            var resource = _resource.New(domainId, "AWS::ApiGateway::DomainName", _resource.PassThroughAttributes(), domain.Origin);
            resource.Set("DomainName", domainName);
            var endpoint = domain.Get("EndpointConfiguration");
            if (endpoint is null || SamValue.IsNull(endpoint))
            {
                endpoint = Fn.Str("REGIONAL");
                domain.Set("EndpointConfiguration", "REGIONAL");
            }
            else if (endpoint.AsString is not ("EDGE" or "REGIONAL" or "PRIVATE"))
            {
                throw Error("EndpointConfiguration for Custom Domains must be one of ['EDGE', 'REGIONAL', 'PRIVATE'].", endpoint);
            }

            resource.Set(endpoint.AsString == "REGIONAL" ? "RegionalCertificateArn" : "CertificateArn", certificate);
            var configuration = new SamMap().Set("Types", Fn.List(endpoint));
            if (domain.Get("IpAddressType") is { } ip && SamValue.Truthy(ip))
            {
                configuration.Set("IpAddressType", ip);
            }

            resource.Set("EndpointConfiguration", configuration);
            if (domain.Get("MutualTlsAuthentication") is { } mtls && SamValue.Truthy(mtls))
            {
                if (mtls is not SamMap mtlsMap)
                {
                    throw Error("Property 'Domain.MutualTlsAuthentication' should be a map.", mtls);
                }

                if (mtlsMap.Keys.Any(k => k is not ("TruststoreUri" or "TruststoreVersion")))
                {
                    throw Error("Available Domain.MutualTlsAuthentication fields are ['TruststoreUri', 'TruststoreVersion'].", mtls);
                }

                resource.Set("MutualTlsAuthentication", mtlsMap.PickTruthy("TruststoreUri", "TruststoreVersion"));
            }

            OptionalDomainProperties(domain, resource);
            result.Add(resource);
            result.AddRange(BasePathMappings(domain, domainId, v2: false));
            result.AddRange(RecordSets(domain, domainId, domainId));
            return result;
        }

        private List<CfnResource> DomainV2()
        {
            var result = new List<CfnResource>();
            if (_domain is not SamMap domain)
            {
                throw Error("Property 'Domain' should be a map.", _domain);
            }

            var domainName = domain.Get("DomainName") is { } dn && !SamValue.IsNull(dn) ? dn : throw Error("Property 'Domain.DomainName' is required.", domain);
            var certificate = domain.Get("CertificateArn") is { } cert && !SamValue.IsNull(cert) ? cert : throw Error("Property 'Domain.CertificateArn' is required.", domain);
            var domainId = "ApiGatewayDomainNameV2" + SamJson.Hash(domainName);
            var resource = _resource.New(domainId, "AWS::ApiGateway::DomainNameV2", _resource.PassThroughAttributes(), domain.Origin);
            resource.Set("DomainName", domainName);
            resource.Set("CertificateArn", certificate);
            var configuration = new SamMap().Set("Types", Fn.List(domain.Get("EndpointConfiguration")!));
            if (domain.Get("IpAddressType") is { } ip && SamValue.Truthy(ip))
            {
                configuration.Set("IpAddressType", ip);
            }

            resource.Set("EndpointConfiguration", configuration);
            OptionalDomainProperties(domain, resource);
            result.Add(resource);
            result.AddRange(BasePathMappings(domain, domainId, v2: true));
            if (domain.Get("AccessAssociation") is { } association && !SamValue.IsNull(association))
            {
                if (association is not SamMap associationMap)
                {
                    throw Error("Property 'Domain.AccessAssociation' should be a map.", association);
                }

                var endpointId = associationMap.Get("VpcEndpointId") ?? SamScalar.Null();
                var id = "DomainNameAccessAssociation" + SamJson.Hash(Fn.List(endpointId, Fn.Str(domainId)));
                result.Add(_resource.New(id, "AWS::ApiGateway::DomainNameAccessAssociation", _resource.PassThroughAttributes(), association.Origin)
                    .Set("DomainNameArn", Fn.Ref(domainId))
                    .Set("AccessAssociationSourceType", "VPCE")
                    .Set("AccessAssociationSource", endpointId));
            }

            result.AddRange(RecordSets(domain, domainId, domainId, domainName));
            return result;
        }

        private void OptionalDomainProperties(SamMap domain, CfnResource resource)
        {
            foreach (var name in new[] { "SecurityPolicy", "EndpointAccessMode", "Policy", "OwnershipVerificationCertificateArn" })
            {
                if (domain.Get(name) is { } value && SamValue.Truthy(value))
                {
                    resource.Set(name, value);
                }
            }
        }

        private IEnumerable<CfnResource> BasePathMappings(SamMap domain, string domainId, bool v2)
        {
            var basePath = domain.Get("BasePath");
            List<SamValue>? paths = basePath switch
            {
                SamScalar { IsString: true } s when s.Text.Length > 0 => [s],
                SamList { Count: > 0 } l => l.Items.ToList(),
                _ => null,
            };
            var normalize = domain.Get("NormalizeBasePath") is not { } n || SamValue.Truthy(n);
            var type = v2 ? "AWS::ApiGateway::BasePathMappingV2" : "AWS::ApiGateway::BasePathMapping";
            if (paths is null)
            {
                yield return Mapping(_id + "BasePathMapping", null);
                yield break;
            }

            for (var i = 0; i < paths.Count; i++)
            {
                if (paths[i].AsString is null)
                {
                    throw Error($"Property 'Domain.BasePath[{i}]' should be a string.", paths[i]);
                }
            }

            foreach (var path in paths)
            {
                var text = path.AsString!;
                var alphanumeric = new string(text.Where(char.IsLetterOrDigit).ToArray());
                yield return Mapping(_id + alphanumeric + "BasePathMapping", normalize ? SamScalar.String(alphanumeric, path.Origin) : path);
            }

            CfnResource Mapping(string id, SamValue? path)
            {
                var mapping = _resource.New(id, type, _resource.PassThroughAttributes(), domain.Origin);
                if (v2)
                {
                    mapping.Set("DomainNameArn", Fn.Ref(domainId));
                }
                else
                {
                    mapping.Set("DomainName", Fn.Ref(domainId));
                }

                mapping.Set("RestApiId", Fn.Ref(_id));
                mapping.Set("Stage", Fn.Ref(_id + ".Stage"));
                mapping.Set("BasePath", path);
                return mapping;
            }
        }

        /// <summary>Route 53 alias records for the custom domain: one record set group per hosted zone, shared by the template's APIs.</summary>
        private IEnumerable<CfnResource> RecordSets(SamMap domain, string domainId, string aliasDomainId, SamValue? recordDomainName = null)
        {
            if (domain.Get("Route53") is not { } route53Value || SamValue.IsNull(route53Value))
            {
                yield break;
            }

            if (route53Value is not SamMap route53)
            {
                throw Error("Property 'Domain.Route53' should be a map.", route53Value);
            }

            var zone = route53.Get("HostedZoneId") is { } z && !SamValue.IsNull(z) ? z : route53.Get("HostedZoneName") is { } zn && !SamValue.IsNull(zn) ? zn : null;
            if (zone is null)
            {
                throw Error("HostedZoneId or HostedZoneName is required to enable Route53 support on Custom Domains.", route53);
            }

            var groupId = "RecordSetGroup" + SamJson.Hash(zone);
            var groups = _context.SharedState("route53-record-set-groups", () => new Dictionary<string, CfnResource>(StringComparer.Ordinal));
            if (route53.Get("SeparateRecordSetGroup") is { } separate && SamValue.Truthy(separate))
            {
                if (separate is not SamScalar { Kind: Syntax.ScalarKind.Boolean })
                {
                    throw Error("Property 'Domain.Route53.SeparateRecordSetGroup' should be a boolean.", separate);
                }

                var single = _resource.New("RecordSetGroup" + SamJson.Hash(Fn.List(zone, domain.Get("DomainName") ?? SamScalar.Null())), "AWS::Route53::RecordSetGroup", _resource.PassThroughAttributes(), route53.Origin);
                SetZone(single, route53);
                single.Set("RecordSets", new SamList(RecordSetsFor(domain, recordDomainName is null ? aliasDomainId : aliasDomainId, route53)));
                yield return single;
                yield break;
            }

            if (!groups.TryGetValue(groupId, out var group))
            {
                group = _resource.New(groupId, "AWS::Route53::RecordSetGroup", _resource.PassThroughAttributes(), route53.Origin);
                SetZone(group, route53);
                group.Set("RecordSets", new SamList());
                groups[groupId] = group;
            }

            group.Properties.GetList("RecordSets")!.AddRange(RecordSetsFor(domain, aliasDomainId, route53));
            yield return group;
        }

        private static void SetZone(CfnResource group, SamMap route53)
        {
            if (route53.ContainsKey("HostedZoneId"))
            {
                group.Set("HostedZoneId", route53.Get("HostedZoneId"));
            }

            if (route53.ContainsKey("HostedZoneName"))
            {
                group.Set("HostedZoneName", route53.Get("HostedZoneName"));
            }
        }

        private static List<SamValue> RecordSetsFor(SamMap domain, string domainId, SamMap route53)
        {
            var target = new SamMap();
            if (route53.Get("EvaluateTargetHealth") is { } health && !SamValue.IsNull(health))
            {
                target.Set("EvaluateTargetHealth", health);
            }

            switch (domain.GetString("EndpointConfiguration"))
            {
                case "REGIONAL":
                    target.Set("HostedZoneId", Fn.GetAtt(domainId, "RegionalHostedZoneId"));
                    target.Set("DNSName", Fn.GetAtt(domainId, "RegionalDomainName"));
                    break;
                case "EDGE":
                    if (route53.Get("DistributionDomainName") is null || SamValue.IsNull(route53.Get("DistributionDomainName")))
                    {
                        route53.Set("DistributionDomainName", Fn.GetAtt(domainId, "DistributionDomainName"));
                    }

                    target.Set("HostedZoneId", "Z2FDTNDATAQYW2");
                    target.Set("DNSName", route53.Get("DistributionDomainName")!);
                    break;
                default:
                    target.Set("HostedZoneId", route53.Get("VpcEndpointHostedZoneId") ?? SamScalar.Null());
                    target.Set("DNSName", route53.Get("VpcEndpointDomainName") ?? SamScalar.Null());
                    break;
            }

            var records = new List<SamValue>();
            foreach (var type in route53.Get("IpV6") is SamScalar { BooleanValue: true } ? new[] { "A", "AAAA" } : ["A"])
            {
                var record = new SamMap().Set("Name", domain.Get("DomainName") ?? SamScalar.Null()).Set("Type", type).Set("AliasTarget", target.Clone());
                record.SetIf("Region", route53.Get("Region") is { } r && !SamValue.IsNull(r) ? r : null);
                record.SetIf("SetIdentifier", route53.Get("SetIdentifier") is { } si && !SamValue.IsNull(si) ? si : null);
                records.Add(record);
            }

            return records;
        }

        private IEnumerable<CfnResource> UsagePlan(CfnResource stage)
        {
            if (_auth is null || _auth.Count == 0 || _auth.Get("UsagePlan") is not { } planValue || SamValue.IsNull(planValue))
            {
                yield break;
            }

            if (planValue is not SamMap plan)
            {
                throw Error("'UsagePlan' must be a dictionary", planValue);
            }

            if (plan.Keys.Any(k => k is not ("CreateUsagePlan" or "Description" or "Quota" or "Tags" or "Throttle" or "UsagePlanName")))
            {
                throw Error("Invalid property for 'UsagePlan'", plan);
            }

            var create = plan.Get("CreateUsagePlan");
            if (create is null || SamValue.IsNull(create))
            {
                throw Error("'CreateUsagePlan' is a required field for UsagePlan.", plan);
            }

            if (create.AsString is not ("SHARED" or "PER_API" or "NONE"))
            {
                throw Error("'CreateUsagePlan' accepts one of ['SHARED', 'PER_API', 'NONE'].", create);
            }

            if (create.AsString == "NONE")
            {
                yield break;
            }

            CfnResource usagePlan;
            CfnResource apiKey;
            CfnResource planKey;
            var apiStage = new SamMap().Set("ApiId", Fn.Ref(_id)).Set("Stage", Fn.Ref(stage.LogicalId));
            if (create.AsString == "PER_API")
            {
                var planId = _id + "UsagePlan";
                usagePlan = _resource.New(planId, "AWS::ApiGateway::UsagePlan", _resource.PassThroughAttributes(), plan.Origin);
                usagePlan.DependsOn = Fn.Strings(_id);
                usagePlan.Set("ApiStages", Fn.List(apiStage));
                apiKey = _resource.New(_id + "ApiKey", "AWS::ApiGateway::ApiKey", _resource.PassThroughAttributes(), plan.Origin);
                apiKey.DependsOn = Fn.Strings(planId);
                apiKey.Set("Enabled", SamScalar.Boolean(true));
                apiKey.Set("StageKeys", Fn.List(new SamMap().Set("RestApiId", Fn.Ref(_id)).Set("StageName", Fn.Ref(stage.LogicalId))));
                planKey = _resource.New(_id + "UsagePlanKey", "AWS::ApiGateway::UsagePlanKey", _resource.PassThroughAttributes(), plan.Origin);
            }
            else
            {
                var shared = _context.SharedState("shared-usage-plan", () => new SharedUsagePlan());
                if (!shared.DependsOn.Contains(_id))
                {
                    shared.DependsOn.Add(_id);
                }

                var attributes = shared.CombinedAttributes(_resource.PassThroughAttributes(), _context);
                usagePlan = _resource.New("ServerlessUsagePlan", "AWS::ApiGateway::UsagePlan", attributes, plan.Origin);
                usagePlan.DependsOn = new SamList(shared.DependsOn.Select(d => (SamValue)Fn.Str(d)));
                if (!shared.ApiStages.Any(s => SamJson.Canonical(s) == SamJson.Canonical(apiStage)))
                {
                    shared.ApiStages.Add(apiStage);
                }

                usagePlan.Set("ApiStages", new SamList(shared.ApiStages));
                apiKey = _resource.New("ServerlessApiKey", "AWS::ApiGateway::ApiKey", shared.CombinedAttributes(_resource.PassThroughAttributes(), _context), plan.Origin);
                apiKey.DependsOn = Fn.Strings("ServerlessUsagePlan");
                apiKey.Set("Enabled", SamScalar.Boolean(true));
                var stageKey = new SamMap().Set("RestApiId", Fn.Ref(_id)).Set("StageName", Fn.Ref(stage.LogicalId));
                if (!shared.StageKeys.Any(s => SamJson.Canonical(s) == SamJson.Canonical(stageKey)))
                {
                    shared.StageKeys.Add(stageKey);
                }

                apiKey.Set("StageKeys", new SamList(shared.StageKeys));
                planKey = _resource.New("ServerlessUsagePlanKey", "AWS::ApiGateway::UsagePlanKey", shared.CombinedAttributes(_resource.PassThroughAttributes(), _context), plan.Origin);
            }

            planKey.DependsOn = Fn.Strings(apiKey.LogicalId);
            planKey.Set("KeyId", Fn.Ref(apiKey.LogicalId));
            planKey.Set("KeyType", "API_KEY");
            planKey.Set("UsagePlanId", Fn.Ref(usagePlan.LogicalId));
            foreach (var name in new[] { "UsagePlanName", "Description", "Quota", "Tags", "Throttle" })
            {
                if (plan.Get(name) is { } value && SamValue.Truthy(value))
                {
                    usagePlan.Set(name, value);
                }
            }

            yield return usagePlan;
            yield return apiKey;
            yield return planKey;
        }
    }

    /// <summary>SAM's shared usage plan: one plan, key and plan key for every API with CreateUsagePlan SHARED.</summary>
    private sealed class SharedUsagePlan
    {
        private const string ConditionName = "SharedUsagePlanCondition";
        private readonly List<string> _conditions = [];
        private bool _anyWithoutCondition;
        private string? _deletionPolicy;
        private string? _updateReplacePolicy;

        public List<string> DependsOn { get; } = [];

        public List<SamValue> ApiStages { get; } = [];

        public List<SamValue> StageKeys { get; } = [];

        public SamMap CombinedAttributes(SamMap attributes, SamContext context)
        {
            if (attributes.GetString("DeletionPolicy") is { } deletion && (_deletionPolicy is null || deletion == "Retain"))
            {
                _deletionPolicy = deletion;
            }

            if (attributes.GetString("UpdateReplacePolicy") is { } replace
                && (_updateReplacePolicy is null || replace == "Retain" || (replace == "Snapshot" && _updateReplacePolicy == "Delete")))
            {
                _updateReplacePolicy = replace;
            }

            SetCondition(attributes.GetString("Condition"), context);
            var result = new SamMap();
            if (_deletionPolicy is not null)
            {
                result.Set("DeletionPolicy", _deletionPolicy);
            }

            if (_updateReplacePolicy is not null)
            {
                result.Set("UpdateReplacePolicy", _updateReplacePolicy);
            }

            if (_conditions.Count > 0 && !_anyWithoutCondition)
            {
                result.Set("Condition", ConditionName);
            }

            return result;
        }

        private void SetCondition(string? condition, SamContext context)
        {
            if (_anyWithoutCondition)
            {
                return;
            }

            if (condition is not null && !_conditions.Contains(condition))
            {
                if (context.Template.GetMap("Conditions") is null)
                {
                    throw SamException.Template("Can't have condition without having 'Conditions' section in the template");
                }

                _conditions.Add(condition);
                context.Conditions.Set(ConditionName, _conditions.Count == 1 ? Fn.Str(condition) : Fn.Or(_conditions.Select(c => (SamValue)Fn.Condition(c))));
            }
            else if (condition is null)
            {
                _anyWithoutCondition = true;
                context.Template.GetMap("Conditions")?.Remove(ConditionName);
            }
        }
    }
}
