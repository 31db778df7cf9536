using Scanner.CloudFormation.Sam.Values;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam;

/// <summary>
/// The properties SAM accepts on each AWS::Serverless type and event source, and the value types it checks before
/// transforming (SAM's <c>property_types</c>): an unknown property, a missing required one or a value of the wrong
/// type is an error. Kinds: <c>m</c> map of maps, <c>M</c> map of strings, <c>P</c> map of integers, <c>s</c> string, <c>b</c> boolean,
/// <c>i</c> integer, <c>l</c>/<c>L</c>/<c>I</c> list of strings/maps/integers, <c>e</c> empty list; flags:
/// <c>!</c> required, <c>*</c> passed through unchecked, <c>~</c> intrinsic functions not accepted.
/// </summary>
internal static partial class SamSchema
{
    public static bool IsKnownResourceType(string type) => ResourceSpecs.ContainsKey(type);

    public static bool IsKnownFunctionEvent(string type) => FunctionEventSpecs.ContainsKey(type);

    public static bool IsKnownStateMachineEvent(string type) => StateMachineEventSpecs.ContainsKey(type);

    /// <summary>SAM's from_dict validation of a resource's Properties.</summary>
    public static void ValidateResource(string logicalId, string type, SamValue? properties, SyntaxNode? at) =>
        Validate(ResourceSpecs, logicalId, type, properties, at);

    /// <summary>The same for an event source (errors name the function id + event id, as SAM does).</summary>
    public static void ValidateFunctionEvent(string logicalId, string type, SamValue? properties, SyntaxNode? at) =>
        Validate(FunctionEventSpecs, logicalId, type, properties, at);

    public static void ValidateStateMachineEvent(string logicalId, string type, SamValue? properties, SyntaxNode? at) =>
        Validate(StateMachineEventSpecs, logicalId, type, properties, at);

    /// <summary>The properties SAM declares for a type (for passing through everything it knows).</summary>
    public static IEnumerable<string> PropertyNames(string type) =>
        ResourceSpecs.TryGetValue(type, out var specs) ? specs.Select(s => s.Name) : [];

    private static void Validate(Dictionary<string, PropertySpec[]> table, string logicalId, string type, SamValue? properties, SyntaxNode? at)
    {
        if (!table.TryGetValue(type, out var specs))
        {
            return;
        }

        if (properties is not null && properties is not SamMap && !SamValue.IsNull(properties))
        {
            throw new SamException("Properties of a resource must be an object.", properties.Origin ?? at, SamErrorKind.Resource, logicalId);
        }

        var map = properties as SamMap;
        if (map is not null)
        {
            foreach (var (name, value) in map)
            {
                if (!specs.Any(s => s.Name == name))
                {
                    throw new SamException($"property {name} not defined for resource of type {type}", map.KeyNode(name) ?? value.Origin ?? at, SamErrorKind.Resource, logicalId);
                }
            }
        }

        foreach (var spec in specs)
        {
            var value = map?.Get(spec.Name);
            if (spec.SupportsIntrinsics && value is SamMap { Count: 1 })
            {
                continue;
            }

            if (SamValue.IsNull(value))
            {
                if (spec.Required)
                {
                    throw new SamException($"Missing required property '{spec.Name}'.", map?.Origin ?? at, SamErrorKind.Resource, logicalId);
                }

                continue;
            }

            if (!spec.Accepts(value!))
            {
                var message = spec.Expected switch
                {
                    "map" => $"Property '{spec.Name}' should be a map.",
                    "string" => $"Property '{spec.Name}' should be a string.",
                    { } e when e.StartsWith("enum:", StringComparison.Ordinal) => $"Property '{spec.Name}' should be a {EnumDescription(e[5..].Split(','))}.", // SAM's words: "should be a one of the strings: …"
                    _ => $"Type of property '{spec.Name}' is invalid.",
                };
                throw new SamException(message, value!.Origin ?? at, SamErrorKind.Resource, logicalId);
            }
        }
    }

    private static string EnumDescription(string[] values) => values.Length switch
    {
        1 => $"the string '{values[0]}'",
        2 => $"one of the strings: '{values[0]}' or '{values[1]}'",
        _ => "one of the strings: " + string.Join(", ", values[..^1].Select(v => $"'{v}'")) + $", or '{values[^1]}'",
    };

    private static PropertySpec S(string name, string flags, string kinds, string? expected = null) =>
        new(name, flags.Contains('!', StringComparison.Ordinal), !flags.Contains('~', StringComparison.Ordinal), flags.Contains('*', StringComparison.Ordinal), kinds, expected);

    internal sealed record PropertySpec(string Name, bool Required, bool SupportsIntrinsics, bool PassThrough, string Kinds, string? Expected)
    {
        public bool Accepts(SamValue value)
        {
            if (PassThrough)
            {
                return true;
            }

            if (Expected?.StartsWith("enum:", StringComparison.Ordinal) == true)
            {
                return value.AsString is { } s && Expected[5..].Split(',').Contains(s, StringComparer.Ordinal);
            }

            switch (value)
            {
                case SamMap map:
                    if (map.Count == 0)
                    {
                        return Has('m') || Has('M');
                    }

                    return map.Values.All(v => v switch
                    {
                        SamMap => Has('m'),
                        SamScalar { Kind: ScalarKind.String } => Has('M'),
                        SamScalar { Kind: ScalarKind.Integer or ScalarKind.Boolean } => Has('P'),
                        _ => Has('m') && Has('M') && Has('P'),
                    });
                case SamList list:
                    if (list.Count == 0)
                    {
                        return Has('e');
                    }

                    return list.All(item => item switch
                    {
                        SamScalar { Kind: ScalarKind.String } => Has('l') || Has('I'),
                        SamMap => Has('L') || Has('I'),
                        SamScalar { Kind: ScalarKind.Integer } => Has('I'),
                        _ => Has('I') && Has('l') && Has('L'),
                    });
                case SamScalar s:
                    return s.Kind switch
                    {
                        ScalarKind.String => Has('s'),
                        ScalarKind.Boolean => Has('b'),
                        ScalarKind.Integer => Has('i'),
                        ScalarKind.Float => Has('f'),
                        _ => Has('n'),
                    };
                default:
                    return false;
            }
        }

        private bool Has(char kind) => Kinds.Contains(kind, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, PropertySpec[]> ResourceSpecs = new(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Api"] =
        [
            S("__MANAGE_SWAGGER", "", "b"),
            S("Name", "", "mMPs"),
            S("StageName", "!", "mMPs"),
            S("Tags", "", "mMP", "map"),
            S("PropagateTags", "", "b"),
            S("DefinitionBody", "", "mMP", "map"),
            S("DefinitionUri", "", "mMPs"),
            S("MergeDefinitions", "~", "b"),
            S("CacheClusterEnabled", "", "b"),
            S("CacheClusterSize", "", "s", "string"),
            S("Variables", "", "mMP", "map"),
            S("EndpointConfiguration", "", "mMPs"),
            S("MethodSettings", "", "lLIe"),
            S("BinaryMediaTypes", "", "lLIe"),
            S("MinimumCompressionSize", "", "bi"),
            S("Cors", "", "mMPs"),
            S("Auth", "", "mMP", "map"),
            S("GatewayResponses", "", "mMP", "map"),
            S("AccessLogSetting", "", "mMP", "map"),
            S("CanarySetting", "", "mMP", "map"),
            S("TracingEnabled", "", "b"),
            S("OpenApiVersion", "", "s", "string"),
            S("Models", "", "mMP", "map"),
            S("Domain", "", "mMP", "map"),
            S("FailOnWarnings", "", "b"),
            S("Description", "", "s", "string"),
            S("Mode", "", "s", "string"),
            S("DisableExecuteApiEndpoint", "", "b"),
            S("ApiKeySourceType", "", "s", "string"),
            S("AlwaysDeploy", "~", "b"),
            S("Policy", "", "mMPs"),
            S("SecurityPolicy", "", "s", "string"),
            S("EndpointAccessMode", "", "s", "string"),
        ],
        ["AWS::Serverless::Application"] =
        [
            S("Location", "!", "mMPs"),
            S("TemplateUrl", "", "s", "string"),
            S("Parameters", "", "mMP", "map"),
            S("NotificationARNs", "", "lLe"),
            S("Tags", "", "mMP", "map"),
            S("TimeoutInMinutes", "", "bi"),
        ],
        ["AWS::Serverless::CapacityProvider"] =
        [
            S("CapacityProviderName", "~", "mMPs"),
            S("VpcConfig", "!~", "mMP", "map"),
            S("OperatorRole", "~", "mMPs"),
            S("Tags", "~", "mMP", "map"),
            S("PropagateTags", "~", "b"),
            S("InstanceRequirements", "~", "mMP", "map"),
            S("ScalingConfig", "~", "mMP", "map"),
            S("KmsKeyArn", "~", "mMPs"),
        ],
        ["AWS::Serverless::Connector"] =
        [
            S("Source", "!", "mMP"),
            S("Destination", "!", "mMPLe"),
            S("Permissions", "!", "le"),
        ],
        ["AWS::Serverless::Function"] =
        [
            S("FunctionName", "", "mMPs"),
            S("Handler", "*", ""),
            S("Runtime", "*", ""),
            S("CodeUri", "*", ""),
            S("ImageUri", "*", ""),
            S("PackageType", "*", ""),
            S("InlineCode", "*", ""),
            S("DeadLetterQueue", "", "mMP", "map"),
            S("Description", "*", ""),
            S("MemorySize", "*", ""),
            S("Timeout", "*", ""),
            S("VpcConfig", "*", ""),
            S("Role", "", "s", "string"),
            S("AssumeRolePolicyDocument", "", "mMP", "map"),
            S("Policies", "", "mMPslLe"),
            S("RolePath", "*", ""),
            S("PermissionsBoundary", "", "s", "string"),
            S("Environment", "", "m"),
            S("Events", "", "m"),
            S("Tags", "", "mMP", "map"),
            S("PropagateTags", "", "b"),
            S("Tracing", "", "mMPs"),
            S("KmsKeyArn", "*", ""),
            S("DeploymentPreference", "", "mMP", "map"),
            S("ReservedConcurrentExecutions", "*", ""),
            S("Layers", "", "lLe"),
            S("EventInvokeConfig", "", "mMP", "map"),
            S("EphemeralStorage", "*", ""),
            S("AutoPublishAlias", "", "s"),
            S("AutoPublishCodeSha256", "", "s"),
            S("AutoPublishAliasAllProperties", "~", "b"),
            S("VersionDescription", "*", ""),
            S("ProvisionedConcurrencyConfig", "*", ""),
            S("FileSystemConfigs", "*", ""),
            S("ImageConfig", "*", ""),
            S("CodeSigningConfigArn", "*", ""),
            S("Architectures", "*", ""),
            S("SnapStart", "", "mMP", "map"),
            S("FunctionUrlConfig", "", "mMP", "map"),
            S("RuntimeManagementConfig", "*", ""),
            S("LoggingConfig", "*", ""),
            S("RecursiveLoop", "*", ""),
            S("SourceKMSKeyArn", "*", ""),
            S("CapacityProviderConfig", "", "mMP", "map"),
            S("FunctionScalingConfig", "", "mMP", "map"),
            S("VersionDeletionPolicy", "", "", "enum:Delete,Retain"),
            S("PublishToLatestPublished", "*", ""),
            S("TenancyConfig", "*", ""),
            S("DurableConfig", "", "mMP", "map"),
        ],
        ["AWS::Serverless::GraphQLApi"] =
        [
            S("Name", "*", ""),
            S("Tags", "~", "mMP", "map"),
            S("XrayEnabled", "*", ""),
            S("Auth", "!~", "mMP", "map"),
            S("SchemaInline", "~", "s", "string"),
            S("SchemaUri", "~", "s", "string"),
            S("Logging", "~", "mMPb"),
            S("DataSources", "~", "mMP", "map"),
            S("Functions", "~", "mMP", "map"),
            S("Resolvers", "~", "mMP", "map"),
            S("ApiKeys", "~", "mMP", "map"),
            S("DomainName", "~", "mMP", "map"),
            S("Cache", "~", "mMP", "map"),
            S("Visibility", "*", ""),
            S("OwnerContact", "*", ""),
            S("IntrospectionConfig", "*", ""),
            S("QueryDepthLimit", "*", ""),
            S("ResolverCountLimit", "*", ""),
        ],
        ["AWS::Serverless::HttpApi"] =
        [
            S("__MANAGE_SWAGGER", "", "b"),
            S("Name", "*", ""),
            S("StageName", "", "mMPs"),
            S("Tags", "", "mMP", "map"),
            S("PropagateTags", "", "b"),
            S("DefinitionBody", "", "mMP", "map"),
            S("DefinitionUri", "", "mMPs"),
            S("StageVariables", "", "mMP", "map"),
            S("CorsConfiguration", "", "mMPb"),
            S("AccessLogSettings", "", "mMP", "map"),
            S("DefaultRouteSettings", "", "mMP", "map"),
            S("Auth", "", "mMP", "map"),
            S("RouteSettings", "", "mMP", "map"),
            S("Domain", "", "mMP", "map"),
            S("FailOnWarnings", "", "b"),
            S("Description", "", "s", "string"),
            S("DisableExecuteApiEndpoint", "", "b"),
        ],
        ["AWS::Serverless::LayerVersion"] =
        [
            S("LayerName", "", "mMPs"),
            S("Description", "", "s", "string"),
            S("PublishLambdaVersion", "", "b"),
            S("ContentUri", "!", "mMPs"),
            S("CompatibleArchitectures", "", "lLe"),
            S("CompatibleRuntimes", "", "lLe"),
            S("LicenseInfo", "", "s", "string"),
            S("RetentionPolicy", "", "s", "string"),
        ],
        ["AWS::Serverless::SimpleTable"] =
        [
            S("PointInTimeRecoverySpecification", "*", ""),
            S("PrimaryKey", "", "M"),
            S("ProvisionedThroughput", "", "mP"),
            S("TableName", "", "mMPs"),
            S("Tags", "", "mMP", "map"),
            S("SSESpecification", "", "mMP", "map"),
        ],
        ["AWS::Serverless::StateMachine"] =
        [
            S("Definition", "", "mMP", "map"),
            S("DefinitionUri", "", "mMPs"),
            S("Logging", "", "mMP", "map"),
            S("Role", "", "s", "string"),
            S("RolePath", "*", ""),
            S("DefinitionSubstitutions", "", "mMP", "map"),
            S("Events", "", "m"),
            S("Name", "", "s", "string"),
            S("Type", "", "s", "string"),
            S("Tags", "", "mMP", "map"),
            S("PropagateTags", "", "b"),
            S("Policies", "", "slLe"),
            S("Tracing", "", "mMP", "map"),
            S("PermissionsBoundary", "", "s", "string"),
            S("AutoPublishAlias", "*", ""),
            S("DeploymentPreference", "*", ""),
            S("UseAliasAsEventTarget", "~", "b"),
        ],
        ["AWS::Serverless::WebSocketApi"] =
        [
            S("ApiKeySelectionExpression", "", "s", "string"),
            S("AccessLogSettings", "", "mMP", "map"),
            S("Auth", "", "mMP", "map"),
            S("DefaultRouteSettings", "", "mMP", "map"),
            S("Description", "", "s", "string"),
            S("DisableExecuteApiEndpoint", "", "b"),
            S("Domain", "", "mMP", "map"),
            S("DisableSchemaValidation", "", "b"),
            S("FailOnWarnings", "", "b"),
            S("IpAddressType", "", "s", "string"),
            S("Name", "", "s", "string"),
            S("PropagateTags", "", "b"),
            S("Routes", "!", "mMP", "map"),
            S("RouteSettings", "", "mMP", "map"),
            S("RouteSelectionExpression", "!", "s", "string"),
            S("StageName", "", "mMPs"),
            S("StageVariables", "", "mMP", "map"),
            S("Tags", "", "mMP", "map"),
        ],
    };

    private static readonly Dictionary<string, PropertySpec[]> FunctionEventSpecs = new(StringComparer.Ordinal)
    {
        ["AlexaSkill"] =
        [
            S("SkillId", "", "s", "string"),
        ],
        ["Api"] =
        [
            S("Path", "!", "s", "string"),
            S("Method", "!", "s", "string"),
            S("RestApiId", "!", "s", "string"),
            S("Stage", "", "s", "string"),
            S("Auth", "", "mMP", "map"),
            S("RequestModel", "", "mMP", "map"),
            S("RequestParameters", "", "lLIe"),
            S("TimeoutInMillis", "", "bi"),
            S("ResponseTransferMode", "", "s", "string"),
        ],
        ["CloudWatchEvent"] =
        [
            S("EventBusName", "", "s", "string"),
            S("RuleName", "", "s", "string"),
            S("Pattern", "", "mMP", "map"),
            S("DeadLetterConfig", "", "mMP", "map"),
            S("RetryPolicy", "", "mMP", "map"),
            S("Input", "", "s", "string"),
            S("InputPath", "", "s", "string"),
            S("Target", "", "mMP", "map"),
            S("Enabled", "", "b"),
            S("State", "", "s", "string"),
            S("InputTransformer", "", "mMP", "map"),
        ],
        ["Cognito"] =
        [
            S("UserPool", "!", "s", "string"),
            S("Trigger", "!~", "sle"),
        ],
        ["EventBridgeRule"] =
        [
            S("EventBusName", "", "s", "string"),
            S("RuleName", "", "s", "string"),
            S("Pattern", "", "mMP", "map"),
            S("DeadLetterConfig", "", "mMP", "map"),
            S("RetryPolicy", "", "mMP", "map"),
            S("Input", "", "s", "string"),
            S("InputPath", "", "s", "string"),
            S("Target", "", "mMP", "map"),
            S("Enabled", "", "b"),
            S("State", "", "s", "string"),
            S("InputTransformer", "", "mMP", "map"),
        ],
        ["HttpApi"] =
        [
            S("Path", "", "s", "string"),
            S("Method", "", "s", "string"),
            S("ApiId", "", "s", "string"),
            S("Stage", "", "s", "string"),
            S("Auth", "", "mMP", "map"),
            S("TimeoutInMillis", "", "bi"),
            S("RouteSettings", "", "mMP", "map"),
            S("PayloadFormatVersion", "", "s", "string"),
        ],
        ["IoTRule"] =
        [
            S("Sql", "!", "s", "string"),
            S("AwsIotSqlVersion", "", "s", "string"),
        ],
        ["S3"] =
        [
            S("Bucket", "!", "s", "string"),
            S("Events", "!~", "sle"),
            S("Filter", "", "M"),
        ],
        ["SNS"] =
        [
            S("Topic", "!", "s", "string"),
            S("Region", "", "s", "string"),
            S("FilterPolicy", "*", ""),
            S("FilterPolicyScope", "*", ""),
            S("SqsSubscription", "", "mMPb"),
            S("RedrivePolicy", "", "mMP", "map"),
        ],
        ["Schedule"] =
        [
            S("Schedule", "!", "s", "string"),
            S("RuleName", "", "s", "string"),
            S("Input", "", "s", "string"),
            S("Enabled", "", "b"),
            S("State", "", "s", "string"),
            S("Name", "", "s", "string"),
            S("Description", "", "s", "string"),
            S("DeadLetterConfig", "", "mMP", "map"),
            S("RetryPolicy", "", "mMP", "map"),
        ],
        ["DocumentDB"] =
        [
            S("BatchSize", "", "bi"),
            S("StartingPosition", "*", ""),
            S("StartingPositionTimestamp", "*", ""),
            S("Enabled", "", "b"),
            S("MaximumBatchingWindowInSeconds", "", "bi"),
            S("MaximumRetryAttempts", "", "bi"),
            S("BisectBatchOnFunctionError", "", "b"),
            S("MaximumRecordAgeInSeconds", "", "bi"),
            S("DestinationConfig", "", "mMP", "map"),
            S("ParallelizationFactor", "", "bi"),
            S("Topics", "", "lLIe"),
            S("Queues", "", "lLIe"),
            S("SourceAccessConfigurations", "", "lLIe"),
            S("SecretsManagerKmsKeyId", "", "s", "string"),
            S("TumblingWindowInSeconds", "", "bi"),
            S("FunctionResponseTypes", "", "lLIe"),
            S("KafkaBootstrapServers", "", "lLIe"),
            S("FilterCriteria", "", "mMP", "map"),
            S("KmsKeyArn", "*", ""),
            S("ConsumerGroupId", "", "s", "string"),
            S("ScalingConfig", "", "mMP", "map"),
            S("ProvisionedPollerConfig", "", "mMP", "map"),
            S("SchemaRegistryConfig", "", "mMP", "map"),
            S("MetricsConfig", "", "mMP", "map"),
            S("LoggingConfig", "", "mMP", "map"),
            S("Cluster", "!*", ""),
            S("DatabaseName", "!*", ""),
            S("CollectionName", "*", ""),
            S("FullDocument", "*", ""),
        ],
        ["DynamoDB"] =
        [
            S("BatchSize", "", "bi"),
            S("StartingPosition", "!*", ""),
            S("StartingPositionTimestamp", "*", ""),
            S("Enabled", "", "b"),
            S("MaximumBatchingWindowInSeconds", "", "bi"),
            S("MaximumRetryAttempts", "", "bi"),
            S("BisectBatchOnFunctionError", "", "b"),
            S("MaximumRecordAgeInSeconds", "", "bi"),
            S("DestinationConfig", "", "mMP", "map"),
            S("ParallelizationFactor", "", "bi"),
            S("Topics", "", "lLIe"),
            S("Queues", "", "lLIe"),
            S("SourceAccessConfigurations", "", "lLIe"),
            S("SecretsManagerKmsKeyId", "", "s", "string"),
            S("TumblingWindowInSeconds", "", "bi"),
            S("FunctionResponseTypes", "", "lLIe"),
            S("KafkaBootstrapServers", "", "lLIe"),
            S("FilterCriteria", "", "mMP", "map"),
            S("KmsKeyArn", "*", ""),
            S("ConsumerGroupId", "", "s", "string"),
            S("ScalingConfig", "", "mMP", "map"),
            S("ProvisionedPollerConfig", "", "mMP", "map"),
            S("SchemaRegistryConfig", "", "mMP", "map"),
            S("MetricsConfig", "", "mMP", "map"),
            S("LoggingConfig", "", "mMP", "map"),
            S("Stream", "!*", ""),
        ],
        ["Kinesis"] =
        [
            S("BatchSize", "", "bi"),
            S("StartingPosition", "!*", ""),
            S("StartingPositionTimestamp", "*", ""),
            S("Enabled", "", "b"),
            S("MaximumBatchingWindowInSeconds", "", "bi"),
            S("MaximumRetryAttempts", "", "bi"),
            S("BisectBatchOnFunctionError", "", "b"),
            S("MaximumRecordAgeInSeconds", "", "bi"),
            S("DestinationConfig", "", "mMP", "map"),
            S("ParallelizationFactor", "", "bi"),
            S("Topics", "", "lLIe"),
            S("Queues", "", "lLIe"),
            S("SourceAccessConfigurations", "", "lLIe"),
            S("SecretsManagerKmsKeyId", "", "s", "string"),
            S("TumblingWindowInSeconds", "", "bi"),
            S("FunctionResponseTypes", "", "lLIe"),
            S("KafkaBootstrapServers", "", "lLIe"),
            S("FilterCriteria", "", "mMP", "map"),
            S("KmsKeyArn", "*", ""),
            S("ConsumerGroupId", "", "s", "string"),
            S("ScalingConfig", "", "mMP", "map"),
            S("ProvisionedPollerConfig", "", "mMP", "map"),
            S("SchemaRegistryConfig", "", "mMP", "map"),
            S("MetricsConfig", "", "mMP", "map"),
            S("LoggingConfig", "", "mMP", "map"),
            S("Stream", "!*", ""),
        ],
        ["MQ"] =
        [
            S("BatchSize", "", "bi"),
            S("StartingPosition", "*", ""),
            S("StartingPositionTimestamp", "*", ""),
            S("Enabled", "", "b"),
            S("MaximumBatchingWindowInSeconds", "", "bi"),
            S("MaximumRetryAttempts", "", "bi"),
            S("BisectBatchOnFunctionError", "", "b"),
            S("MaximumRecordAgeInSeconds", "", "bi"),
            S("DestinationConfig", "", "mMP", "map"),
            S("ParallelizationFactor", "", "bi"),
            S("Topics", "", "lLIe"),
            S("Queues", "", "lLIe"),
            S("SourceAccessConfigurations", "", "lLIe"),
            S("SecretsManagerKmsKeyId", "", "s", "string"),
            S("TumblingWindowInSeconds", "", "bi"),
            S("FunctionResponseTypes", "", "lLIe"),
            S("KafkaBootstrapServers", "", "lLIe"),
            S("FilterCriteria", "", "mMP", "map"),
            S("KmsKeyArn", "*", ""),
            S("ConsumerGroupId", "", "s", "string"),
            S("ScalingConfig", "", "mMP", "map"),
            S("ProvisionedPollerConfig", "", "mMP", "map"),
            S("SchemaRegistryConfig", "", "mMP", "map"),
            S("MetricsConfig", "", "mMP", "map"),
            S("LoggingConfig", "", "mMP", "map"),
            S("Broker", "!*", ""),
            S("DynamicPolicyName", "~", "b"),
        ],
        ["MSK"] =
        [
            S("BatchSize", "", "bi"),
            S("StartingPosition", "!*", ""),
            S("StartingPositionTimestamp", "*", ""),
            S("Enabled", "", "b"),
            S("MaximumBatchingWindowInSeconds", "", "bi"),
            S("MaximumRetryAttempts", "", "bi"),
            S("BisectBatchOnFunctionError", "", "b"),
            S("MaximumRecordAgeInSeconds", "", "bi"),
            S("DestinationConfig", "", "mMP", "map"),
            S("ParallelizationFactor", "", "bi"),
            S("Topics", "", "lLIe"),
            S("Queues", "", "lLIe"),
            S("SourceAccessConfigurations", "", "lLIe"),
            S("SecretsManagerKmsKeyId", "", "s", "string"),
            S("TumblingWindowInSeconds", "", "bi"),
            S("FunctionResponseTypes", "", "lLIe"),
            S("KafkaBootstrapServers", "", "lLIe"),
            S("FilterCriteria", "", "mMP", "map"),
            S("KmsKeyArn", "*", ""),
            S("ConsumerGroupId", "", "s", "string"),
            S("ScalingConfig", "", "mMP", "map"),
            S("ProvisionedPollerConfig", "", "mMP", "map"),
            S("SchemaRegistryConfig", "", "mMP", "map"),
            S("MetricsConfig", "", "mMP", "map"),
            S("LoggingConfig", "", "mMP", "map"),
            S("Stream", "!*", ""),
        ],
        ["SQS"] =
        [
            S("BatchSize", "", "bi"),
            S("StartingPosition", "*", ""),
            S("StartingPositionTimestamp", "*", ""),
            S("Enabled", "", "b"),
            S("MaximumBatchingWindowInSeconds", "", "bi"),
            S("MaximumRetryAttempts", "", "bi"),
            S("BisectBatchOnFunctionError", "", "b"),
            S("MaximumRecordAgeInSeconds", "", "bi"),
            S("DestinationConfig", "", "mMP", "map"),
            S("ParallelizationFactor", "", "bi"),
            S("Topics", "", "lLIe"),
            S("Queues", "", "lLIe"),
            S("SourceAccessConfigurations", "", "lLIe"),
            S("SecretsManagerKmsKeyId", "", "s", "string"),
            S("TumblingWindowInSeconds", "", "bi"),
            S("FunctionResponseTypes", "", "lLIe"),
            S("KafkaBootstrapServers", "", "lLIe"),
            S("FilterCriteria", "", "mMP", "map"),
            S("KmsKeyArn", "*", ""),
            S("ConsumerGroupId", "", "s", "string"),
            S("ScalingConfig", "", "mMP", "map"),
            S("ProvisionedPollerConfig", "", "mMP", "map"),
            S("SchemaRegistryConfig", "", "mMP", "map"),
            S("MetricsConfig", "", "mMP", "map"),
            S("LoggingConfig", "", "mMP", "map"),
            S("Queue", "!*", ""),
        ],
        ["SelfManagedKafka"] =
        [
            S("BatchSize", "", "bi"),
            S("StartingPosition", "*", ""),
            S("StartingPositionTimestamp", "*", ""),
            S("Enabled", "", "b"),
            S("MaximumBatchingWindowInSeconds", "", "bi"),
            S("MaximumRetryAttempts", "", "bi"),
            S("BisectBatchOnFunctionError", "", "b"),
            S("MaximumRecordAgeInSeconds", "", "bi"),
            S("DestinationConfig", "", "mMP", "map"),
            S("ParallelizationFactor", "", "bi"),
            S("Topics", "", "lLIe"),
            S("Queues", "", "lLIe"),
            S("SourceAccessConfigurations", "", "lLIe"),
            S("SecretsManagerKmsKeyId", "", "s", "string"),
            S("TumblingWindowInSeconds", "", "bi"),
            S("FunctionResponseTypes", "", "lLIe"),
            S("KafkaBootstrapServers", "", "lLIe"),
            S("FilterCriteria", "", "mMP", "map"),
            S("KmsKeyArn", "*", ""),
            S("ConsumerGroupId", "", "s", "string"),
            S("ScalingConfig", "", "mMP", "map"),
            S("ProvisionedPollerConfig", "", "mMP", "map"),
            S("SchemaRegistryConfig", "", "mMP", "map"),
            S("MetricsConfig", "", "mMP", "map"),
            S("LoggingConfig", "", "mMP", "map"),
        ],
        ["ScheduleV2"] =
        [
            S("PermissionsBoundary", "", "s", "string"),
            S("ScheduleExpression", "!", "s", "string"),
            S("FlexibleTimeWindow", "", "mMP", "map"),
            S("Name", "", "s", "string"),
            S("State", "", "s", "string"),
            S("Description", "", "s", "string"),
            S("StartDate", "", "s", "string"),
            S("EndDate", "", "s", "string"),
            S("ScheduleExpressionTimezone", "", "s", "string"),
            S("GroupName", "", "s", "string"),
            S("KmsKeyArn", "", "s", "string"),
            S("Input", "", "s", "string"),
            S("RoleArn", "", "s", "string"),
            S("DeadLetterConfig", "", "mMP", "map"),
            S("RetryPolicy", "", "mMP", "map"),
            S("OmitName", "~", "b"),
        ],
        ["CloudWatchLogs"] =
        [
            S("LogGroupName", "!", "s", "string"),
            S("FilterPattern", "!", "s", "string"),
        ],
    };

    private static readonly Dictionary<string, PropertySpec[]> StateMachineEventSpecs = new(StringComparer.Ordinal)
    {
        ["Api"] =
        [
            S("Path", "!", "s", "string"),
            S("Method", "!", "s", "string"),
            S("RestApiId", "!", "s", "string"),
            S("Stage", "", "s", "string"),
            S("Auth", "", "mMP", "map"),
            S("UnescapeMappingTemplate", "~", "b"),
        ],
        ["CloudWatchEvent"] =
        [
            S("EventBusName", "", "s", "string"),
            S("RuleName", "", "s", "string"),
            S("Pattern", "", "mMP", "map"),
            S("Input", "", "s", "string"),
            S("InputPath", "", "s", "string"),
            S("DeadLetterConfig", "", "mMP", "map"),
            S("RetryPolicy", "", "mMP", "map"),
            S("State", "", "s", "string"),
            S("Target", "~", "mMP", "map"),
            S("InputTransformer", "", "mMP", "map"),
        ],
        ["EventBridgeRule"] =
        [
            S("EventBusName", "", "s", "string"),
            S("RuleName", "", "s", "string"),
            S("Pattern", "", "mMP", "map"),
            S("Input", "", "s", "string"),
            S("InputPath", "", "s", "string"),
            S("DeadLetterConfig", "", "mMP", "map"),
            S("RetryPolicy", "", "mMP", "map"),
            S("State", "", "s", "string"),
            S("Target", "~", "mMP", "map"),
            S("InputTransformer", "", "mMP", "map"),
        ],
        ["Schedule"] =
        [
            S("Schedule", "!", "s", "string"),
            S("Input", "", "s", "string"),
            S("Enabled", "", "b"),
            S("State", "", "s", "string"),
            S("Name", "", "s", "string"),
            S("Description", "", "s", "string"),
            S("DeadLetterConfig", "", "mMP", "map"),
            S("RetryPolicy", "", "mMP", "map"),
            S("Target", "~", "mMP", "map"),
            S("RoleArn", "~", "s", "string"),
        ],
        ["ScheduleV2"] =
        [
            S("PermissionsBoundary", "", "s", "string"),
            S("ScheduleExpression", "!", "s", "string"),
            S("FlexibleTimeWindow", "", "mMP", "map"),
            S("Name", "", "s", "string"),
            S("State", "", "s", "string"),
            S("Description", "", "s", "string"),
            S("StartDate", "", "s", "string"),
            S("EndDate", "", "s", "string"),
            S("ScheduleExpressionTimezone", "", "s", "string"),
            S("GroupName", "", "s", "string"),
            S("KmsKeyArn", "", "s", "string"),
            S("Input", "", "s", "string"),
            S("RoleArn", "", "s", "string"),
            S("DeadLetterConfig", "", "mMP", "map"),
            S("RetryPolicy", "", "mMP", "map"),
            S("OmitName", "~", "b"),
        ],
    };

}
