using Scanner.CloudFormation.Sam.Values;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::GraphQLApi → the AppSync API and schema, its CloudWatch logging role, API keys, cache, domain
/// name, DynamoDB and Lambda data sources (each with a role and the connector policies SAM derives for it), pipeline
/// functions and resolvers, and a NONE data source when a function or resolver asks for one. Lambda authorizers get
/// connector-generated invoke permissions.
/// </summary>
internal sealed class GraphQLApiExpander : ISamExpander
{
    private const string DefaultResolverCode = "\nexport function request(ctx) {\n    return {};\n}\n\nexport function response(ctx) {\n    return ctx.prev.result;\n}\n";

    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>();

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        SamSchema.ValidateResource(resource.LogicalId, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode);
        var properties = resource.Properties;
        if (GraphQLModel.Properties.FirstError(properties, string.Empty) is { } invalid)
        {
            throw resource.Error($"Property '{invalid.Path}' is invalid.", invalid.At);
        }

        return new Expansion(resource, context).Run();
    }

    /// <summary>One GraphQLApi's expansion: the data source names and function ids resolvers refer to.</summary>
    private sealed class Expansion(SamResource resource, SamContext context)
    {
        private readonly Dictionary<string, SamValue> _dataSourceNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SamValue> _functionIds = new(StringComparer.Ordinal);
        private CfnResource? _noneDataSource;

        private string Id => resource.LogicalId;

        private SamMap ApiId => Fn.GetAtt(Id, "ApiId");

        private static SamValue? P(SamMap? map, string name) => map?.Get(name) is { } v && !SamValue.IsNull(v) ? v : null;

        private static bool Set(SamMap? map, string name) => P(map, name) is { } v && SamValue.Truthy(v);

        private CfnResource New(string logicalId, string type, SamValue? dependsOn = null)
        {
            var r = resource.New(logicalId, type, resource.ResourceAttributes());
            r.DependsOn = dependsOn ?? resource.DependsOn;
            return r;
        }

        public List<CfnResource> Run()
        {
            var properties = resource.Properties;
            var api = New(Id, "AWS::AppSync::GraphQLApi");
            api.Set("Name", P(properties, "Name") is { } name && SamValue.Truthy(name) ? name : Fn.Str(Id));
            foreach (var passed in new[] { "Visibility", "OwnerContact" })
            {
                if (Set(properties, passed))
                {
                    api.Set(passed, P(properties, passed));
                }
            }

            api.Set("XrayEnabled", P(properties, "XrayEnabled"));
            foreach (var passed in new[] { "IntrospectionConfig", "QueryDepthLimit", "ResolverCountLimit" })
            {
                if (Set(properties, passed))
                {
                    api.Set(passed, P(properties, passed));
                }
            }

            var authorizerArns = Auth(api, (SamMap)properties.Get("Auth")!);
            var connectors = new List<CfnResource>();
            for (var i = 0; i < authorizerArns.Count; i++)
            {
                connectors.AddRange(ConnectorExpander.Internal(
                    resource,
                    context,
                    $"{Id}ToLambdaAuthConnector{i + 1}",
                    new SamMap().Set("Type", "AWS::AppSync::GraphQLApi").Set("Arn", Fn.Ref(Id)).Set("ResourceId", Fn.GetAtt(Id, "ApiId")),
                    new SamMap().Set("Type", "AWS::Lambda::Function").Set("Arn", authorizerArns[i].Clone()),
                    Fn.Strings("Write")));
            }

            var tags = P(properties, "Tags") is SamMap t ? (SamMap)t.Clone() : new SamMap();
            tags.Set("graphqlapi:createdBy", "SAM");
            api.Set("Tags", new SamList(Roles.Tags(tags)));
            var role = Logging(api, properties.Get("Logging"));

            var schema = New($"{Id}Schema", "AWS::AppSync::GraphQLSchema");
            var inline = P(properties, "SchemaInline");
            var uri = P(properties, "SchemaUri");
            if (!SamValue.Truthy(inline) && !SamValue.Truthy(uri))
            {
                throw resource.Error("One of 'SchemaInline' or 'SchemaUri' must be set.");
            }

            if (SamValue.Truthy(inline) && SamValue.Truthy(uri))
            {
                throw resource.Error("Both 'SchemaInline' and 'SchemaUri' cannot be defined at the same time.");
            }

            schema.Set("ApiId", ApiId).Set("Definition", inline).Set("DefinitionS3Location", uri);

            var result = new List<CfnResource> { api, schema };
            result.AddRange(connectors);
            if (role is not null)
            {
                result.Add(role);
            }

            if (P(properties, "ApiKeys") is SamMap { Count: > 0 } keys)
            {
                foreach (var (relativeId, value) in keys)
                {
                    var key = value as SamMap;
                    result.Add(New(Id + relativeId, "AWS::AppSync::ApiKey")
                        .Set("ApiId", ApiId)
                        .Set("ApiKeyId", P(key, "ApiKeyId"))
                        .Set("Description", P(key, "Description"))
                        .Set("Expires", P(key, "ExpiresOn")));
                }
            }

            if (P(properties, "Cache") is SamMap { Count: > 0 } cache)
            {
                var c = New($"{Id}ApiCache", "AWS::AppSync::ApiCache").Set("ApiId", ApiId);
                foreach (var cacheProperty in new[] { "ApiCachingBehavior", "Type", "Ttl", "AtRestEncryptionEnabled", "TransitEncryptionEnabled" })
                {
                    c.Set(cacheProperty, P(cache, cacheProperty));
                }

                result.Add(c);
            }

            if (P(properties, "DataSources") is SamMap { Count: > 0 } dataSources)
            {
                result.AddRange(DataSources(P(dataSources, "DynamoDb") as SamMap, "DynamoDB"));
                result.AddRange(DataSources(P(dataSources, "Lambda") as SamMap, "Lambda"));
            }

            if (P(properties, "DomainName") is SamMap { Count: > 0 } domain)
            {
                var domainName = New($"{Id}DomainName", "AWS::AppSync::DomainName")
                    .Set("CertificateArn", P(domain, "CertificateArn"))
                    .Set("DomainName", P(domain, "DomainName"))
                    .Set("Description", P(domain, "Description"));
                var association = New($"{Id}DomainNameApiAssociation", "AWS::AppSync::DomainNameApiAssociation")
                    .Set("ApiId", ApiId)
                    .Set("DomainName", domainName.RefValue());
                result.Add(domainName);
                result.Add(association);
            }

            if (P(properties, "Functions") is SamMap { Count: > 0 } functions)
            {
                result.AddRange(Functions(functions));
            }

            if (P(properties, "Resolvers") is SamMap { Count: > 0 } resolvers)
            {
                result.AddRange(Resolvers(resolvers, schema.LogicalId));
            }

            if (_noneDataSource is not null)
            {
                result.Add(_noneDataSource);
            }

            return result;
        }

        /// <summary>Sets AuthenticationType, the default provider's config and AdditionalAuthenticationProviders; returns the Lambda authorizers' ARNs.</summary>
        private List<SamValue> Auth(CfnResource api, SamMap auth)
        {
            var lambdaArns = new List<SamValue>();
            var (name, config) = Authorizer(auth, null);
            api.Set("AuthenticationType", auth.Get("Type"));
            if (name is not null && config is not null)
            {
                api.Set(name, config);
                if (name == "LambdaAuthorizerConfig")
                {
                    lambdaArns.Add(config.Get("AuthorizerUri")!);
                }
            }

            if (P(auth, "Additional") is SamList { Count: > 0 } additional)
            {
                var providers = new SamList();
                for (var i = 0; i < additional.Count; i++)
                {
                    var item = (SamMap)additional[i];
                    var (n, c) = Authorizer(item, i);
                    var provider = new SamMap(item.Origin).Set("AuthenticationType", item.Get("Type")!);
                    if (n is not null && c is not null)
                    {
                        provider.Set(n, c);
                        if (n == "LambdaAuthorizerConfig")
                        {
                            lambdaArns.Add(c.Get("AuthorizerUri")!);
                        }
                    }

                    providers.Add(provider);
                }

                api.Set("AdditionalAuthenticationProviders", providers);
            }

            return lambdaArns;
        }

        private (string? Name, SamMap? Config) Authorizer(SamMap auth, int? index)
        {
            var defined = auth.Where(e => e.Key != "Additional" && !SamValue.IsNull(e.Value)).ToList();
            if (defined.Count > 2)
            {
                throw resource.Error($"{(index is null or 0 ? "'Auth'" : $"'Auth.Additional.{index}'")} has more than one authentication configuration defined.", auth);
            }

            var (property, configName, label) = auth.GetString("Type") switch
            {
                "AWS_LAMBDA" => ("LambdaAuthorizer", "LambdaAuthorizerConfig", "AWS_LAMBDA"),
                "OPENID_CONNECT" => ("OpenIDConnect", "OpenIDConnectConfig", "OPENID_CONNECT"),
                "AMAZON_COGNITO_USER_POOLS" => ("UserPool", "UserPoolConfig", "AMAZON_COGNITO_USER_POOLS"),
                _ => (null, null, null),
            };
            if (property is null)
            {
                return (null, null);
            }

            if (P(auth, property) is not SamMap config)
            {
                throw resource.Error($"'{property}' must be defined if type is '{label}'.", auth);
            }

            var result = new SamMap(config.Origin);
            foreach (var (k, v) in config)
            {
                if (!SamValue.IsNull(v) && !(index is not null && property == "UserPool" && k == "DefaultAction"))
                {
                    result.Set(k, v);
                }
            }

            return (configName, result);
        }

        /// <summary>LogConfig and, unless Logging is false or names a role, the CloudWatch role AppSync logs with.</summary>
        private CfnResource? Logging(CfnResource api, SamValue? logging)
        {
            if (logging is SamScalar { BooleanValue: false })
            {
                return null;
            }

            var config = new SamMap(logging?.Origin);
            if (logging is SamMap map)
            {
                if (Set(map, "ExcludeVerboseContent"))
                {
                    config.Set("ExcludeVerboseContent", map.Get("ExcludeVerboseContent")!);
                }

                config.Set("FieldLogLevel", P(map, "FieldLogLevel") is { } level && SamValue.Truthy(level) ? level : Fn.Str("ALL"));
                if (P(map, "CloudWatchLogsRoleArn") is { } roleArn && SamValue.Truthy(roleArn))
                {
                    config.Set("CloudWatchLogsRoleArn", roleArn);
                    api.Set("LogConfig", config);
                    return null;
                }
            }
            else
            {
                config.Set("FieldLogLevel", "ALL");
            }

            var role = New($"{Id}CloudWatchRole", "AWS::IAM::Role")
                .Set("AssumeRolePolicyDocument", Roles.AssumeRolePolicy("appsync.amazonaws.com"))
                .Set("ManagedPolicyArns", Fn.List(Roles.AwsManagedPolicyArn("service-role/AWSAppSyncPushToCloudWatchLogs")));
            config.Set("CloudWatchLogsRoleArn", role.GetAtt("Arn"));
            api.Set("LogConfig", config);
            return role;
        }

        /// <summary>
        /// The DynamoDB (<paramref name="kind"/> "DynamoDB") or Lambda data sources: each gets, unless it names its
        /// ServiceRoleArn, a role AppSync assumes and the connector policy from that role to the table or function.
        /// </summary>
        private IEnumerable<CfnResource> DataSources(SamMap? sources, string kind)
        {
            foreach (var (relativeId, value) in sources ?? new SamMap())
            {
                var source = (SamMap)value;
                var dataSourceId = $"{Id}{relativeId}{kind}DataSource";
                var dataSource = New(dataSourceId, "AWS::AppSync::DataSource")
                    .Set("Name", P(source, "Name") is { } n && SamValue.Truthy(n) ? n : Fn.Str(relativeId))
                    .Set("Type", kind == "DynamoDB" ? "AMAZON_DYNAMODB" : "AWS_LAMBDA")
                    .Set("ApiId", ApiId)
                    .Set("Description", P(source, "Description"));
                SamMap destination;
                SamList permissions;
                if (kind == "DynamoDB")
                {
                    var region = P(source, "Region") is { } r && SamValue.Truthy(r) ? r : Fn.Ref("AWS::Region");
                    var config = new SamMap(source.Origin).Set("AwsRegion", region.Clone()).SetIf("TableName", P(source, "TableName"));
                    foreach (var flag in new[] { "UseCallerCredentials", "Versioned" })
                    {
                        if (Set(source, flag))
                        {
                            config.Set(flag, source.Get(flag)!);
                        }
                    }

                    config.SetIf("DeltaSyncConfig", P(source, "DeltaSync") as SamMap);
                    dataSource.Set("DynamoDBConfig", config);
                    var tableArn = P(source, "TableArn") is { } arn && SamValue.Truthy(arn)
                        ? arn.Clone()
                        : Fn.Sub("arn:${AWS::Partition}:dynamodb:${__Region__}:${AWS::AccountId}:table/${__TableName__}", new SamMap().Set("__TableName__", P(source, "TableName")?.Clone() ?? SamScalar.Null()).Set("__Region__", region.Clone()));
                    destination = new SamMap().Set("Type", "AWS::DynamoDB::Table").Set("Arn", tableArn);
                    permissions = P(source, "Permissions") is SamList { Count: > 0 } given ? given : Fn.Strings("Read", "Write");
                }
                else
                {
                    var functionArn = P(source, "FunctionArn");
                    dataSource.Set("LambdaConfig", new SamMap(source.Origin).SetIf("LambdaFunctionArn", functionArn));
                    destination = new SamMap().Set("Type", "AWS::Lambda::Function").SetIf("Arn", functionArn?.Clone());
                    permissions = Fn.Strings("Write");
                }

                var generated = new List<CfnResource> { dataSource };
                if (P(source, "ServiceRoleArn") is { } serviceRole && SamValue.Truthy(serviceRole))
                {
                    dataSource.Set("ServiceRoleArn", serviceRole);
                }
                else
                {
                    var role = New($"{dataSourceId}Role", "AWS::IAM::Role").Set("AssumeRolePolicyDocument", Roles.AssumeRolePolicy("appsync.amazonaws.com"));
                    dataSource.Set("ServiceRoleArn", role.GetAtt("Arn"));
                    generated.Add(role);
                    generated.AddRange(ConnectorExpander.Internal(
                        resource,
                        context,
                        $"{dataSourceId}To{(kind == "DynamoDB" ? "Table" : "Lambda")}Connector",
                        new SamMap().Set("Type", "AWS::AppSync::DataSource").Set("Arn", dataSource.GetAtt("DataSourceArn")).Set("RoleName", role.RefValue()),
                        destination,
                        permissions));
                }

                _dataSourceNames[relativeId] = dataSource.GetAtt("Name");
                foreach (var g in generated)
                {
                    yield return g;
                }
            }
        }

        private List<CfnResource> Functions(SamMap functions)
        {
            var result = new List<CfnResource>();
            foreach (var (relativeId, value) in functions)
            {
                var function = (SamMap)value;
                if (Set(function, "Id"))
                {
                    if (function.Count(e => !SamValue.IsNull(e.Value)) != 1)
                    {
                        throw Error(relativeId, "'Id' cannot be defined with other properties in Function.", functions);
                    }

                    _functionIds[relativeId] = function.Get("Id")!;
                    continue;
                }

                var configuration = New(Id + relativeId, "AWS::AppSync::FunctionConfiguration")
                    .Set("ApiId", ApiId)
                    .Set("Name", P(function, "Name") is { } n && SamValue.Truthy(n) ? n : Fn.Str(relativeId));
                var inline = P(function, "InlineCode");
                var uri = P(function, "CodeUri");
                if (SamValue.Truthy(inline) && SamValue.Truthy(uri))
                {
                    throw Error(relativeId, "Both 'InlineCode' and 'CodeUri' cannot be defined at the same time.", functions);
                }

                if (!SamValue.Truthy(inline) && !SamValue.Truthy(uri))
                {
                    throw Error(relativeId, "One of 'InlineCode' or 'CodeUri' must be set.", functions);
                }

                configuration.Set("Code", SamValue.Truthy(inline) ? inline : null).Set("CodeS3Location", SamValue.Truthy(inline) ? null : uri);
                configuration.Set("DataSourceName", DataSourceName(relativeId, P(function, "DataSource"), functions));
                configuration.Set("MaxBatchSize", P(function, "MaxBatchSize")).Set("Description", P(function, "Description"));
                configuration.Set("Runtime", Runtime(relativeId, function, functions));
                if (P(function, "Sync") is SamMap sync)
                {
                    configuration.Set("SyncConfig", WithoutNulls(sync));
                }

                _functionIds[relativeId] = configuration.GetAtt("FunctionId");
                result.Add(configuration);
            }

            return result;
        }

        private SamValue DataSourceName(string relativeId, SamValue? dataSource, SamMap owner)
        {
            if (dataSource is null || !SamValue.Truthy(dataSource))
            {
                throw Error(relativeId, "'DataSource' must be set.", owner);
            }

            if (dataSource.AsString is not { } name)
            {
                return dataSource;
            }

            if (name.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                _noneDataSource ??= New($"{Id}NoneDataSource", "AWS::AppSync::DataSource").Set("ApiId", ApiId).Set("Name", $"{Id}NoneDataSource").Set("Type", "NONE");
                return _noneDataSource.GetAtt("Name");
            }

            return _dataSourceNames.TryGetValue(name, out var known)
                ? known.Clone()
                : throw Error(relativeId, $"Either define DataSource '{name}' in 'DataSources' or use intrinsic function like GetAtt, ImportValue, Sub or another one to reference a DataSource defined outside of this GraphQLApi resource.", owner);
        }

        private SamMap Runtime(string relativeId, SamMap owner, SamMap container) =>
            P(owner, "Runtime") is SamMap runtime && runtime.Count > 0
                ? new SamMap(runtime.Origin).SetIf("Name", P(runtime, "Name")).SetIf("RuntimeVersion", P(runtime, "Version"))
                : throw Error(relativeId, $"'Runtime' must be defined as a property in {relativeId}.", container);

        private List<CfnResource> Resolvers(SamMap resolvers, string schemaId)
        {
            var result = new List<CfnResource>();
            foreach (var (typeName, value) in resolvers)
            {
                var byField = (SamMap)value;
                foreach (var (relativeId, r) in byField)
                {
                    var definition = (SamMap)r;
                    var resolver = New(Id + typeName + relativeId, "AWS::AppSync::Resolver", Fn.Strings(schemaId));
                    var inline = P(definition, "InlineCode");
                    var uri = P(definition, "CodeUri");
                    if (SamValue.Truthy(uri) && SamValue.Truthy(inline))
                    {
                        throw Error(relativeId, "Both 'InlineCode' and 'CodeUri' cannot be defined at the same time.", byField);
                    }

                    if (!SamValue.Truthy(inline) && !SamValue.Truthy(uri))
                    {
                        resolver.Set("Code", DefaultResolverCode).Set("Runtime", new SamMap().Set("Name", "APPSYNC_JS").Set("RuntimeVersion", "1.0.0"));
                    }
                    else
                    {
                        resolver.Set("Code", inline).Set("CodeS3Location", uri).Set("Runtime", Runtime(relativeId, definition, byField));
                    }

                    resolver.Set("ApiId", ApiId)
                        .Set("FieldName", P(definition, "FieldName") is { } f && SamValue.Truthy(f) ? f : Fn.Str(relativeId))
                        .Set("TypeName", SamScalar.String(typeName, resolvers.KeyNode(typeName)));
                    if (P(definition, "Pipeline") is not SamList { Count: > 0 } pipeline)
                    {
                        throw Error(relativeId, $"Resolver '{relativeId}' must have Pipeline defined. Unit resolvers are not supported. If you need a Unit resolver you can use AppSync resource.", byField);
                    }

                    var ids = new SamList(pipeline.Origin);
                    foreach (var step in pipeline)
                    {
                        var functionName = step.AsString ?? SamJson.Canonical(step);
                        ids.Add(_functionIds.TryGetValue(functionName, out var functionId)
                            ? functionId.Clone()
                            : throw Error(relativeId, $"Function '{functionName}' does not exist.", byField));
                    }

                    resolver.Set("Kind", "PIPELINE").Set("PipelineConfig", new SamMap().Set("Functions", ids));
                    if (P(definition, "Caching") is SamMap caching)
                    {
                        resolver.Set("CachingConfig", WithoutNulls(caching));
                    }

                    if (Set(definition, "MaxBatchSize"))
                    {
                        resolver.Set("MaxBatchSize", definition.Get("MaxBatchSize"));
                    }

                    result.Add(resolver);
                }
            }

            return result;
        }

        private static SamMap WithoutNulls(SamMap map)
        {
            var result = new SamMap(map.Origin);
            foreach (var (k, v) in map)
            {
                if (!SamValue.IsNull(v))
                {
                    result.Set(k, v is SamMap m && !m.IsIntrinsic ? WithoutNulls(m) : v);
                }
            }

            return result;
        }

        /// <summary>SAM names a function's or resolver's relative id as the invalid resource; the finding points at its key.</summary>
        private SamException Error(string relativeId, string message, SamMap container) =>
            new SamException(message, container.KeyNode(relativeId) ?? resource.Written?.KeyNode, SamErrorKind.Resource, relativeId);
    }
}

/// <summary>
/// The pydantic model SAM validates GraphQLApi properties with (extra keys forbidden, fields checked in declaration
/// order); the first failure is reported as <c>Property 'path' is invalid.</c>.
/// </summary>
internal abstract class GraphQLModel
{
    private static readonly GraphQLModel Any = new AnyShape();
    private static readonly GraphQLModel Str = new StrShape();
    private static readonly GraphQLModel Bool = new BoolShape();
    private static readonly GraphQLModel Dict = new DictShape(Any);

    private static readonly GraphQLModel Runtime = Model(("Name", Any, true), ("Version", Any, true));
    private static readonly GraphQLModel Sync = Model(
        ("ConflictDetection", Any, true),
        ("ConflictHandler", Any, false),
        ("LambdaConflictHandlerConfig", Model(("LambdaConflictHandlerArn", Any, true)), false));

    private static readonly (string, GraphQLModel, bool)[] AuthorizerFields =
    [
        ("Type", new LiteralShape("AWS_IAM", "API_KEY", "AWS_LAMBDA", "OPENID_CONNECT", "AMAZON_COGNITO_USER_POOLS"), true),
        ("LambdaAuthorizer", Model(("AuthorizerResultTtlInSeconds", Any, false), ("AuthorizerUri", Any, true), ("IdentityValidationExpression", Any, false)), false),
        ("OpenIDConnect", Model(("AuthTTL", Any, false), ("ClientId", Any, false), ("IatTTL", Any, false), ("Issuer", Any, false)), false),
        ("UserPool", Model(("AppIdClientRegex", Any, false), ("AwsRegion", Any, false), ("DefaultAction", Any, false), ("UserPoolId", Any, true)), false),
    ];

    public static readonly GraphQLModel Properties = Model(
        ("Auth", Model([.. AuthorizerFields, ("Additional", new ListShape(Model(AuthorizerFields)), false)]), true),
        ("Tags", Dict, false),
        ("Name", Any, false),
        ("XrayEnabled", Bool, false),
        ("SchemaInline", Any, false),
        ("SchemaUri", Any, false),
        ("Logging", new UnionShape(Model(("CloudWatchLogsRoleArn", Any, false), ("ExcludeVerboseContent", Any, false), ("FieldLogLevel", Any, false)), Bool), false),
        ("DataSources", Model(
            ("DynamoDb", new DictShape(Model(
                ("TableName", Any, true),
                ("ServiceRoleArn", Any, false),
                ("TableArn", Any, false),
                ("Permissions", new ListShape(new LiteralShape("Read", "Write")), false),
                ("Name", Any, false),
                ("Description", Any, false),
                ("Region", Any, false),
                ("DeltaSync", Model(("BaseTableTTL", Any, true), ("DeltaSyncTableName", Any, true), ("DeltaSyncTableTTL", Any, true)), false),
                ("UseCallerCredentials", Any, false),
                ("Versioned", Any, false))), false),
            ("Lambda", new DictShape(Model(("FunctionArn", Any, true), ("ServiceRoleArn", Any, false), ("Name", Any, false), ("Description", Any, false))), false)), false),
        ("Functions", new DictShape(Model(
            ("DataSource", new UnionShape(Dict, Str), false),
            ("Runtime", Runtime, false),
            ("InlineCode", Any, false),
            ("CodeUri", Any, false),
            ("Description", Any, false),
            ("MaxBatchSize", Any, false),
            ("Name", Str, false),
            ("Id", Any, false),
            ("Sync", Sync, false))), false),
        ("Resolvers", new DictShape(new DictShape(Model(
            ("FieldName", Str, false),
            ("Caching", Model(("Ttl", Any, true), ("CachingKeys", new ListShape(Any), false)), false),
            ("InlineCode", Any, false),
            ("CodeUri", Any, false),
            ("MaxBatchSize", Any, false),
            ("Pipeline", new ListShape(Str), false),
            ("Runtime", Runtime, false),
            ("Sync", Sync, false)))), false),
        ("ApiKeys", new DictShape(Model(("ApiKeyId", Any, false), ("Description", Any, false), ("ExpiresOn", Any, false))), false),
        ("DomainName", Model(("CertificateArn", Any, true), ("DomainName", Any, true), ("Description", Any, false)), false),
        ("Cache", Model(("ApiCachingBehavior", Any, true), ("Ttl", Any, true), ("Type", Any, true), ("AtRestEncryptionEnabled", Any, false), ("TransitEncryptionEnabled", Any, false)), false),
        ("Visibility", Any, false),
        ("OwnerContact", Any, false),
        ("IntrospectionConfig", Any, false),
        ("QueryDepthLimit", Any, false),
        ("ResolverCountLimit", Any, false));

    /// <summary>The first invalid path (dotted, as pydantic's <c>loc</c>) and the value there, or null.</summary>
    public abstract (string Path, SamValue? At)? FirstError(SamValue? value, string path);

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static ModelShape Model(params (string Name, GraphQLModel Shape, bool Required)[] fields) => new(fields);

    private sealed class AnyShape : GraphQLModel
    {
        public override (string, SamValue?)? FirstError(SamValue? value, string path) => null;
    }

    private sealed class StrShape : GraphQLModel
    {
        public override (string, SamValue?)? FirstError(SamValue? value, string path) =>
            value is SamScalar { Kind: ScalarKind.String or ScalarKind.Integer or ScalarKind.Float } ? null : (path, value);
    }

    private sealed class BoolShape : GraphQLModel
    {
        public override (string, SamValue?)? FirstError(SamValue? value, string path) => value switch
        {
            SamScalar { Kind: ScalarKind.Boolean } => null,
            SamScalar { Kind: ScalarKind.Integer } i when i.IntegerValue is 0 or 1 => null,
            SamScalar { IsString: true } s when s.Text.ToLowerInvariant() is "0" or "1" or "true" or "false" or "yes" or "no" or "on" or "off" or "t" or "f" or "y" or "n" => null,
            _ => (path, value),
        };
    }

    private sealed class LiteralShape(params string[] values) : GraphQLModel
    {
        public override (string, SamValue?)? FirstError(SamValue? value, string path) =>
            value?.AsString is { } s && values.Contains(s) ? null : (path, value);
    }

    private sealed class ListShape(GraphQLModel item) : GraphQLModel
    {
        public override (string, SamValue?)? FirstError(SamValue? value, string path)
        {
            if (value is not SamList list)
            {
                return (path, value);
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (item.FirstError(list[i], Join(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture))) is { } e)
                {
                    return e;
                }
            }

            return null;
        }
    }

    private sealed class DictShape(GraphQLModel item) : GraphQLModel
    {
        public override (string, SamValue?)? FirstError(SamValue? value, string path)
        {
            if (value is not SamMap map)
            {
                return (path, value);
            }

            foreach (var (k, v) in map)
            {
                if (item.FirstError(v, Join(path, k)) is { } e)
                {
                    return e;
                }
            }

            return null;
        }
    }

    private sealed class UnionShape(params GraphQLModel[] members) : GraphQLModel
    {
        public override (string, SamValue?)? FirstError(SamValue? value, string path)
        {
            (string, SamValue?)? first = null;
            foreach (var member in members)
            {
                var e = member.FirstError(value, path);
                if (e is null)
                {
                    return null;
                }

                first ??= e;
            }

            return first;
        }
    }

    private sealed class ModelShape((string Name, GraphQLModel Shape, bool Required)[] fields) : GraphQLModel
    {
        public override (string, SamValue?)? FirstError(SamValue? value, string path)
        {
            if (value is not SamMap map)
            {
                return (path, value);
            }

            foreach (var (name, shape, required) in fields)
            {
                var v = map.Get(name);
                if (v is null || SamValue.IsNull(v))
                {
                    if (required)
                    {
                        return (Join(path, name), v ?? map);
                    }

                    continue;
                }

                if (shape.FirstError(v, Join(path, name)) is { } e)
                {
                    return e;
                }
            }

            foreach (var key in map.Keys)
            {
                if (!fields.Any(f => f.Name == key))
                {
                    return (Join(path, key), map.Get(key));
                }
            }

            return null;
        }
    }
}
