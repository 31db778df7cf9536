using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::WebSocketApi → an API Gateway V2 WebSocket API with a route, Lambda proxy integration and invoke
/// permission per route, an optional $connect authorizer (and its permission), a stage and custom domain.
/// </summary>
internal sealed class WebSocketApiExpander : ISamExpander
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
        var auth = context.Parameters.Resolve(P("Auth")) as SamMap;
        var domain = context.Parameters.Resolve(P("Domain"));
        var routes = context.Parameters.Resolve(P("Routes")) as SamMap;
        var stageName = P("StageName") ?? Fn.Str("default");
        if (routes is not { Count: > 0 })
        {
            throw resource.Error("WebSocket API must have at least one route.", P("Routes"));
        }

        var ip = P("IpAddressType");
        if (ip is not null && !Fn.IsIntrinsic(ip) && ip.AsString is not ("ipv4" or "dualstack"))
        {
            throw resource.Error("IpAddressType must be 'ipv4' or 'dualstack'.", ip);
        }

        if (domain is SamMap d && SamValue.Truthy(d.Get("MutualTlsAuthentication")))
        {
            throw resource.Error("Mutual TLS domain name association is not supported for Websocket APIs.", d);
        }

        var api = resource.New(id, "AWS::ApiGatewayV2::Api", resource.ResourceAttributes());
        api.DependsOn = resource.DependsOn;
        api.Set("ApiKeySelectionExpression", P("ApiKeySelectionExpression"));
        api.Set("Description", P("Description"));
        api.Set("DisableExecuteApiEndpoint", P("DisableExecuteApiEndpoint"));
        api.Set("DisableSchemaValidation", P("DisableSchemaValidation"));
        api.Set("IpAddressType", ip);
        if (auth is { Count: > 0 } && !routes.ContainsKey("$connect"))
        {
            throw resource.Error("Authorization is only available if there is a $connect route.", auth);
        }

        api.Set("Name", P("Name") ?? Fn.Str(id));
        api.Set("RouteSelectionExpression", P("RouteSelectionExpression"));
        var tags = P("Tags") is SamMap t ? (SamMap)t.Clone() : new SamMap();
        tags.Set("websocketapi:createdBy", "SAM");
        api.Set("Tags", tags);
        api.Set("ProtocolType", "WEBSOCKET");

        var (domainResource, mappings, recordSets) = HttpApiExpander.V2Domain(resource, context, domain, "ApiMapping", new SamMap().Set("websocketapi:createdBy", "SAM"), shareRecordSets: false);
        if (stageName.AsString == "$default")
        {
            throw resource.Error("Stages cannot be named $default for WebSocket APIs.", stageName);
        }

        var prefix = stageName.AsString ?? string.Empty;
        var stage = resource.New(prefix == "default" ? id + "DefaultStage" : id + prefix + "Stage", "AWS::ApiGatewayV2::Stage", resource.PassThroughAttributes());
        stage.Set("ApiId", Fn.Ref(id));
        stage.Set("StageName", stageName);
        stage.Set("StageVariables", P("StageVariables"));
        stage.Set("AccessLogSettings", P("AccessLogSettings"));
        stage.Set("DefaultRouteSettings", P("DefaultRouteSettings"));
        stage.Set("Tags", new SamMap().Set("websocketapi:createdBy", "SAM"));
        stage.Set("AutoDeploy", SamScalar.Boolean(true));
        stage.Set("RouteSettings", P("RouteSettings"));

        var resources = new List<CfnResource> { api };
        CfnResource? authorizer = null;
        var routeIds = new List<string>();
        foreach (var (key, value) in routes)
        {
            var spec = value as SamMap ?? new SamMap();
            var clean = key is "$connect" or "$disconnect" or "$default" ? Capitalize(key[1..])
                : key.Length > 0 && key.All(char.IsLetterOrDigit) ? Capitalize(key)
                : throw resource.Error($"Route key '{key}' must be alphanumeric. Only $connect, $disconnect, and $default special routes are supported.", value);
            var baseId = id + clean;
            var route = resource.New(baseId + "Route", "AWS::ApiGatewayV2::Route", resource.PassThroughAttributes(), spec.Origin);
            route.Set("RouteKey", key);
            route.Set("ApiId", Fn.Ref(id));
            route.Set("ApiKeyRequired", spec.Get("ApiKeyRequired"));
            route.Set("ModelSelectionExpression", spec.Get("ModelSelectionExpression"));
            route.Set("OperationName", spec.Get("OperationName"));
            route.Set("RequestModels", spec.Get("RequestModels"));
            if (spec.Get("RequestParameters") is { } requestParameters && SamValue.Truthy(requestParameters))
            {
                if (key != "$connect")
                {
                    throw resource.Error("Request parameters are only supported for the $connect route in WebSocket APIs.", requestParameters);
                }

                route.Set("RequestParameters", requestParameters);
            }

            route.Set("RouteResponseSelectionExpression", spec.Get("RouteResponseSelectionExpression"));
            route.Set("Target", Fn.Join("/", [Fn.Str("integrations"), Fn.Ref(baseId + "Integration")]));
            if (auth is { Count: > 0 } && RouteAuthorizer(resource, key, route, auth) is { } a)
            {
                authorizer = a;
            }

            if (!spec.ContainsKey("FunctionArn"))
            {
                throw resource.Error("Route must have associated function.", spec);
            }

            var integration = resource.New(baseId + "Integration", "AWS::ApiGatewayV2::Integration", resource.PassThroughAttributes(), spec.Origin)
                .Set("ApiId", Fn.Ref(id))
                .Set("IntegrationType", "AWS_PROXY")
                .Set("IntegrationUri", Fn.Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FunctionArn}/invocations", new SamMap().Set("FunctionArn", spec.Get("FunctionArn")!)))
                .Set("TimeoutInMillis", spec.Get("IntegrationTimeout"));
            var sourceArn = stageName.AsString is { } stageText
                ? Fn.Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" + id + ".ApiId}/" + stageText + "/" + key)
                : Fn.Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" + id + ".ApiId}/${__StageName__}/" + key, new SamMap().Set("__StageName__", stageName));
            var permission = resource.New(baseId + "Permission", "AWS::Lambda::Permission", resource.PassThroughAttributes(), spec.Origin)
                .Set("Action", "lambda:InvokeFunction")
                .Set("FunctionName", spec.Get("FunctionArn"))
                .Set("Principal", "apigateway.amazonaws.com")
                .Set("SourceArn", sourceArn);
            resources.Add(route);
            resources.Add(integration);
            resources.Add(permission);
            routeIds.Add(route.LogicalId);
        }

        if (domainResource is not null)
        {
            resources.Add(domainResource);
        }

        resources.AddRange(mappings);
        if (recordSets is not null)
        {
            resources.Add(recordSets);
        }

        if (P("RouteSettings") is { } routeSettings && SamValue.Truthy(routeSettings) && routeIds.Count > 0)
        {
            stage.DependsOn = Fn.Strings([.. routeIds]);
        }

        resources.Add(stage);
        if (authorizer is not null)
        {
            resources.Add(authorizer);
            if (auth!.GetString("AuthType") == "CUSTOM" && !SamValue.Truthy(auth.Get("InvokeRole")) && auth.Get("AuthArn") is { } authArn && SamValue.Truthy(authArn))
            {
                resources.Add(HttpApiExpander.AuthorizerPermission(resource, id + "AuthorizerPermission", authArn, Fn.Ref(id)));
            }
        }

        Roles.Propagate(resources, P("Tags"), P("PropagateTags"), r => r.Type is "AWS::ApiGatewayV2::Stage" or "AWS::ApiGatewayV2::DomainName");
        return resources;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();

    private static CfnResource? RouteAuthorizer(SamResource resource, string routeKey, CfnResource route, SamMap auth)
    {
        var type = auth.Get("AuthType")?.AsString?.ToUpperInvariant();
        if (type is null)
        {
            throw resource.Error("AuthType must be specified for additional auth configurations.", auth);
        }

        if (type is not ("NONE" or "AWS_IAM" or "CUSTOM"))
        {
            throw resource.Error("AuthType is not one of AWS_IAM, CUSTOM or NONE.", auth.Get("AuthType"));
        }

        if (type == "CUSTOM" && !SamValue.Truthy(auth.Get("AuthArn")))
        {
            throw resource.Error("AuthArn must be specified if AuthType is CUSTOM.", auth);
        }

        if (type is "AWS_IAM" or "NONE" && auth.Count > 1)
        {
            throw resource.Error($"No additional configurations supported for AuthType {type}.", auth);
        }

        if (routeKey != "$connect")
        {
            return null;
        }

        switch (auth.GetString("AuthType"))
        {
            case "CUSTOM":
                var name = resource.LogicalId + "ConnectAuthorizer";
                var authorizer = resource.New(name, "AWS::ApiGatewayV2::Authorizer", resource.PassThroughAttributes(), auth.Origin)
                    .Set("ApiId", Fn.Ref(resource.LogicalId));
                if (auth.ContainsKey("InvokeRole"))
                {
                    authorizer.Set("AuthorizerCredentialsArn", auth.Get("InvokeRole"));
                }

                authorizer.Set("AuthorizerType", "REQUEST");
                authorizer.Set("AuthorizerUri", Fn.Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthArn}/invocations", new SamMap().Set("AuthArn", auth.Get("AuthArn")!)));
                authorizer.Set("IdentitySource", auth.Get("IdentitySource"));
                authorizer.Set("Name", SamValue.Truthy(auth.Get("Name")) ? auth.Get("Name") : Fn.Str(name));
                route.Set("AuthorizationType", "CUSTOM");
                route.Set("AuthorizerId", Fn.Ref(name));
                return authorizer;
            case "AWS_IAM":
                route.Set("AuthorizationType", "AWS_IAM");
                return null;
            default:
                route.Set("AuthorizationType", "NONE");
                return null;
        }
    }
}
