using System.Security.Cryptography;
using System.Text;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam;

/// <summary>
/// Expands AWS::Serverless-2016-10-31 resources into the CloudFormation resources SAM deploys, so that rules see
/// what will really exist (a function's execution role, its API stage, its event permissions…). Generated
/// resources reuse the nodes written in the template (spans point at the SAM definition); values SAM synthesizes
/// carry the span of the SAM construct they come from. SAM's own metadata (e.g. cfn_nag suppressions) is copied
/// onto every resource generated from a SAM resource, as cfn-nag does.
/// Deliberately not expanded: policy templates (their statements are SAM data; they become named, empty inline
/// policies so rules can tell they exist), Connectors, GraphQL APIs and websocket APIs (kept as written).
/// </summary>
internal sealed class SamTransform
{
    private const string LambdaBasicExecution = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private const string LambdaVpcAccess = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";
    private const string XrayWriteOnly = "arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess";

    private static readonly string[] FunctionPassThrough =
    [
        "Handler", "Runtime", "MemorySize", "Timeout", "Description", "Environment", "VpcConfig", "KmsKeyArn",
        "ReservedConcurrentExecutions", "Layers", "FunctionName", "Architectures", "EphemeralStorage", "FileSystemConfigs",
        "ImageConfig", "PackageType", "CodeSigningConfigArn", "SnapStart", "RuntimeManagementConfig", "LoggingConfig",
        "RecursiveLoop",
    ];

    private static readonly string[] StagePassThrough =
    [
        "AccessLogSetting", "MethodSettings", "TracingEnabled", "CacheClusterEnabled", "CacheClusterSize", "Variables",
        "CanarySetting", "Description",
    ];

    private readonly MappingNode? _globals;
    private readonly List<Resource> _output = [];
    private readonly HashSet<string> _ids;
    private bool _implicitApi;
    private Resource? _firstApiSource;
    private Resource? _implicitHttpApi;

    private SamTransform(MappingNode? globals, IEnumerable<Resource> resources)
    {
        _globals = globals;
        _ids = resources.Select(r => r.LogicalId).ToHashSet(StringComparer.Ordinal);
    }

    public static IReadOnlyList<Resource> Expand(MappingNode root, IReadOnlyList<Resource> resources)
    {
        var transform = new SamTransform(root.Get("Globals") as MappingNode, resources);
        foreach (var resource in resources)
        {
            transform.ExpandResource(resource);
        }

        transform.AddImplicitApi();
        transform.AddImplicitHttpApi();
        return transform._output;
    }

    private void ExpandResource(Resource resource)
    {
        switch (resource.Type)
        {
            case "AWS::Serverless::Function":
                ExpandFunction(resource);
                break;
            case "AWS::Serverless::Api":
                ExpandRestApi(resource, resource.LogicalId, resource.Properties);
                break;
            case "AWS::Serverless::HttpApi":
                ExpandHttpApi(resource, resource.LogicalId, Merged(resource, "HttpApi"));
                break;
            case "AWS::Serverless::SimpleTable":
                ExpandSimpleTable(resource);
                break;
            case "AWS::Serverless::LayerVersion":
                ExpandLayer(resource);
                break;
            case "AWS::Serverless::StateMachine":
                ExpandStateMachine(resource);
                break;
            case "AWS::Serverless::Application":
                ExpandApplication(resource);
                break;
            default:
                _output.Add(resource);
                break;
        }
    }

    private void ExpandFunction(Resource fn)
    {
        var id = fn.LogicalId;
        var f = new SyntaxFactory(fn.TypeNode);
        var props = Merged(fn, "Function");
        var properties = new List<(string, SyntaxNode?)>();
        foreach (var name in FunctionPassThrough)
        {
            properties.Add((name, props.GetValueOrDefault(name)));
        }

        properties.Add(("Code", CodeFrom(f, props)));
        if (props.GetValueOrDefault("Tracing") is { } tracing)
        {
            properties.Add(("TracingConfig", f.Map(("Mode", tracing))));
        }

        if (props.GetValueOrDefault("DeadLetterQueue") is MappingNode dlq)
        {
            properties.Add(("DeadLetterConfig", f.Map(("TargetArn", dlq.Get("TargetArn")))));
        }

        properties.Add(("Tags", Tags(f, props.GetValueOrDefault("Tags"))));
        var role = props.GetValueOrDefault("Role");
        properties.Add(("Role", role ?? f.GetAtt(id + "Role", "Arn")));
        Add(fn, id, "AWS::Lambda::Function", f.Map(properties), fn.TypeNode);

        if (role is null)
        {
            AddFunctionRole(fn, props);
        }

        if (props.GetValueOrDefault("DeploymentPreference") is MappingNode && props.ContainsKey("AutoPublishAlias") && !_ids.Contains("CodeDeployServiceRole"))
        {
            // Gradual deployments: one CodeDeploy service role per template, shared by every function that uses them.
            Add(fn, "CodeDeployServiceRole", "AWS::IAM::Role", f.Map(
                ("AssumeRolePolicyDocument", DefaultTrust(f, "codedeploy.amazonaws.com")),
                ("ManagedPolicyArns", f.List(f.Sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda")))), fn.TypeNode);
        }

        if (props.GetValueOrDefault("AutoPublishAlias") is ScalarNode alias)
        {
            var versionId = id + "Version" + Hash(fn.Node);
            Add(fn, versionId, "AWS::Lambda::Version", f.Map(("FunctionName", f.Ref(id))), fn.TypeNode);
            Add(fn, id + "Alias" + alias.Text, "AWS::Lambda::Alias",
                f.Map(("Name", alias), ("FunctionName", f.Ref(id)), ("FunctionVersion", f.GetAtt(versionId, "Version"))), alias);
        }

        if (props.GetValueOrDefault("Events") is MappingNode events)
        {
            foreach (var e in events.UniqueEntries)
            {
                if (e.Value is MappingNode ev)
                {
                    ExpandEvent(fn, e.Key.Text, ev);
                }
            }
        }
    }

    private void AddFunctionRole(Resource fn, IReadOnlyDictionary<string, SyntaxNode> props)
    {
        var id = fn.LogicalId;
        var f = new SyntaxFactory(fn.TypeNode);
        var managed = new List<SyntaxNode> { f.Sub(LambdaBasicExecution) };
        if (props.ContainsKey("VpcConfig"))
        {
            managed.Add(f.Sub(LambdaVpcAccess));
        }

        if (props.ContainsKey("Tracing"))
        {
            managed.Add(f.Sub(XrayWriteOnly));
        }

        var inline = ReadPolicies(id, props.GetValueOrDefault("Policies"), managed);
        var trust = props.GetValueOrDefault("AssumeRolePolicyDocument") ?? DefaultTrust(f, "lambda.amazonaws.com");
        var role = f.Map(
            ("AssumeRolePolicyDocument", trust),
            ("ManagedPolicyArns", f.List(managed)),
            ("Policies", inline.Count > 0 ? f.List(inline) : null),
            ("PermissionsBoundary", props.GetValueOrDefault("PermissionsBoundary")),
            ("Path", props.GetValueOrDefault("RolePath")),
            ("Tags", Tags(f, props.GetValueOrDefault("Tags"))));
        Add(fn, id + "Role", "AWS::IAM::Role", role, fn.TypeNode);
    }

    /// <summary>
    /// SAM's Policies property: names and ARNs of managed policies go to <paramref name="managed"/>; policy documents
    /// become inline policies named &lt;Id&gt;RolePolicy&lt;i&gt;; a policy template becomes a named, statement-free
    /// policy (its statements are SAM's data).
    /// </summary>
    private static List<SyntaxNode> ReadPolicies(string id, SyntaxNode? policies, List<SyntaxNode> managed)
    {
        var inline = new List<SyntaxNode>();
        var items = policies switch
        {
            SequenceNode s => s.Items,
            null => [],
            _ => [policies],
        };
        foreach (var item in items)
        {
            var f = new SyntaxFactory(item);
            switch (item)
            {
                case ScalarNode name:
                    managed.Add(name.Text.StartsWith("arn:", StringComparison.Ordinal) ? name : f.Sub("arn:${AWS::Partition}:iam::aws:policy/" + name.Text));
                    break;
                case IntrinsicNode intrinsic:
                    managed.Add(intrinsic);
                    break;
                case MappingNode document when document.ContainsKey("Statement"):
                    inline.Add(f.Map(("PolicyName", f.String($"{id}RolePolicy{inline.Count}")), ("PolicyDocument", document)));
                    break;
                case MappingNode template when template.Count == 1:
                    inline.Add(f.Map(("PolicyName", f.String($"{id}RolePolicy{inline.Count}")), ("PolicyTemplate", template.Entries[0].Key)));
                    break;
            }
        }

        return inline;
    }

    private void ExpandEvent(Resource fn, string name, MappingNode ev)
    {
        var type = (ev.Get("Type") as ScalarNode)?.Text;
        var props = ev.Get("Properties") as MappingNode;
        var f = new SyntaxFactory(ev);
        var id = fn.LogicalId;
        SyntaxNode? Prop(string key) => props?.Get(key);
        MappingNode Permission(string principal, SyntaxNode? sourceArn) => f.Map(
            ("Action", f.String("lambda:InvokeFunction")),
            ("FunctionName", f.Ref(id)),
            ("Principal", f.String(principal)),
            ("SourceArn", sourceArn));

        switch (type)
        {
            case "Api":
                if (Prop("RestApiId") is null)
                {
                    _implicitApi = true;
                    _firstApiSource ??= fn;
                }

                Add(fn, $"{id}{name}PermissionProd", "AWS::Lambda::Permission", Permission("apigateway.amazonaws.com", null), ev);
                break;
            case "HttpApi":
                if (Prop("ApiId") is null)
                {
                    _implicitHttpApi ??= fn;
                }

                Add(fn, $"{id}{name}Permission", "AWS::Lambda::Permission", Permission("apigateway.amazonaws.com", null), ev);
                break;
            case "S3":
                Add(fn, $"{id}{name}Permission", "AWS::Lambda::Permission", Permission("s3.amazonaws.com", null), ev);
                break;
            case "SNS":
                Add(fn, $"{id}{name}Permission", "AWS::Lambda::Permission", Permission("sns.amazonaws.com", Prop("Topic")), ev);
                Add(fn, id + name, "AWS::SNS::Subscription",
                    f.Map(("Endpoint", f.GetAtt(id, "Arn")), ("Protocol", f.String("lambda")), ("TopicArn", Prop("Topic")), ("FilterPolicy", Prop("FilterPolicy"))), ev);
                break;
            case "ScheduleV2":
                // EventBridge Scheduler invokes the function through a role SAM creates unless RoleArn is given.
                Add(fn, id + name, "AWS::Scheduler::Schedule", f.Map(
                    ("ScheduleExpression", Prop("ScheduleExpression")),
                    ("FlexibleTimeWindow", Prop("FlexibleTimeWindow") ?? f.Map(("Mode", f.String("OFF")))),
                    ("State", Prop("State")),
                    ("Target", f.Map(("Arn", f.GetAtt(id, "Arn")), ("RoleArn", Prop("RoleArn") ?? f.GetAtt(id + name + "Role", "Arn"))))), ev);
                if (Prop("RoleArn") is null)
                {
                    Add(fn, id + name + "Role", "AWS::IAM::Role", f.Map(
                        ("AssumeRolePolicyDocument", DefaultTrust(f, "scheduler.amazonaws.com")),
                        ("Policies", f.List(f.Map(
                            ("PolicyName", f.String(id + name + "LambdaPolicy")),
                            ("PolicyDocument", f.Map(("Statement", f.List(f.Map(
                                ("Action", f.String("lambda:InvokeFunction")),
                                ("Effect", f.String("Allow")),
                                ("Resource", f.GetAtt(id, "Arn")))))))))),
                        ("PermissionsBoundary", Prop("PermissionsBoundary"))), ev);
                }

                break;
            case "Schedule" or "CloudWatchEvent" or "EventBridgeRule":
                Add(fn, $"{id}{name}Permission", "AWS::Lambda::Permission", Permission("events.amazonaws.com", f.GetAtt(id + name, "Arn")), ev);
                Add(fn, id + name, "AWS::Events::Rule", f.Map(
                    ("ScheduleExpression", Prop("Schedule")),
                    ("EventPattern", Prop("Pattern")),
                    ("EventBusName", Prop("EventBusName")),
                    ("State", Prop("Enabled") is ScalarNode { BooleanValue: false } ? f.String("DISABLED") : Prop("State")),
                    ("Targets", f.List(f.Map(("Arn", f.GetAtt(id, "Arn")), ("Id", f.String(id + name + "LambdaTarget")))))), ev);
                break;
            case "SQS" or "Kinesis" or "DynamoDB" or "MSK" or "MQ" or "SelfManagedKafka" or "DocumentDB":
                Add(fn, id + name, "AWS::Lambda::EventSourceMapping", f.Map(
                    ("EventSourceArn", Prop("Queue") ?? Prop("Stream") ?? Prop("Broker")),
                    ("FunctionName", f.Ref(id)),
                    ("BatchSize", Prop("BatchSize")),
                    ("StartingPosition", Prop("StartingPosition")),
                    ("Enabled", Prop("Enabled"))), ev);
                break;
            case "IoTRule":
                Add(fn, $"{id}{name}Permission", "AWS::Lambda::Permission", Permission("iot.amazonaws.com", null), ev);
                break;
            case "CloudWatchLogs":
                Add(fn, $"{id}{name}Permission", "AWS::Lambda::Permission", Permission("logs.amazonaws.com", null), ev);
                break;
            case "Cognito":
                Add(fn, $"{id}CognitoPermission", "AWS::Lambda::Permission", Permission("cognito-idp.amazonaws.com", null), ev);
                break;
            case "AlexaSkill":
                Add(fn, $"{id}{name}Permission", "AWS::Lambda::Permission", Permission("alexa-appkit.amazon.com", null), ev);
                break;
        }
    }

    private void AddImplicitApi()
    {
        if (!_implicitApi || _firstApiSource is null || _ids.Contains("ServerlessRestApi"))
        {
            return;
        }

        var globals = _globals?.Get("Api") as MappingNode;
        ExpandRestApi(_firstApiSource, "ServerlessRestApi", globals, implicitStageName: "Prod");
    }

    private void AddImplicitHttpApi()
    {
        if (_implicitHttpApi is null || _ids.Contains("ServerlessHttpApi"))
        {
            return;
        }

        ExpandHttpApi(_implicitHttpApi, "ServerlessHttpApi", ToDictionary(_globals?.Get("HttpApi") as MappingNode));
    }

    private void ExpandRestApi(Resource source, string id, MappingNode? written, string? implicitStageName = null)
    {
        var f = new SyntaxFactory(source.TypeNode);
        var props = implicitStageName is null ? Merged(source, "Api") : ToDictionary(written);
        var endpoint = props.GetValueOrDefault("EndpointConfiguration") switch
        {
            ScalarNode s => f.Map(("Types", f.List(s))),
            MappingNode m => f.Map(("Types", m.Get("Type") is { } t ? f.List(t) : null), ("VpcEndpointIds", m.Get("VPCEndpointIds"))),
            _ => null,
        };
        // Auth.ResourcePolicy.CustomStatements become the API's resource policy, as SAM writes them into Policy.
        var customStatements = Resource.Navigate(props.GetValueOrDefault("Auth"), "ResourcePolicy.CustomStatements");
        var policy = customStatements is null
            ? null
            : new SyntaxFactory(customStatements).Map(("Version", f.String("2012-10-17")), ("Statement", customStatements));
        Add(source, id, "AWS::ApiGateway::RestApi", f.Map(
            ("Name", props.GetValueOrDefault("Name")),
            ("Policy", policy),
            ("Body", props.GetValueOrDefault("DefinitionBody")),
            ("BodyS3Location", props.GetValueOrDefault("DefinitionUri")),
            ("EndpointConfiguration", endpoint),
            ("BinaryMediaTypes", props.GetValueOrDefault("BinaryMediaTypes")),
            ("MinimumCompressionSize", props.GetValueOrDefault("MinimumCompressionSize")),
            ("DisableExecuteApiEndpoint", props.GetValueOrDefault("DisableExecuteApiEndpoint")),
            ("Tags", Tags(f, props.GetValueOrDefault("Tags")))), source.TypeNode);

        var stageNameNode = props.GetValueOrDefault("StageName");
        var stageName = (stageNameNode as ScalarNode)?.Text ?? implicitStageName ?? "Stage";
        var deploymentId = id + "Deployment" + Hash(written ?? source.Node);
        Add(source, deploymentId, "AWS::ApiGateway::Deployment",
            f.Map(("RestApiId", f.Ref(id)), ("Description", f.String($"RestApi deployment id: {deploymentId}"))), source.TypeNode);

        var stage = new List<(string, SyntaxNode?)>
        {
            ("DeploymentId", f.Ref(deploymentId)),
            ("RestApiId", f.Ref(id)),
            ("StageName", stageNameNode ?? f.String(stageName)),
        };
        foreach (var name in StagePassThrough)
        {
            stage.Add((name, props.GetValueOrDefault(name)));
        }

        Add(source, id + Sanitize(stageName) + "Stage", "AWS::ApiGateway::Stage", f.Map(stage), source.TypeNode);
    }

    private void ExpandHttpApi(Resource api, string id, Dictionary<string, SyntaxNode> props)
    {
        var f = new SyntaxFactory(api.TypeNode);
        Add(api, id, "AWS::ApiGatewayV2::Api", f.Map(
            ("Name", props.GetValueOrDefault("Name")),
            ("Body", props.GetValueOrDefault("DefinitionBody")),
            ("BodyS3Location", props.GetValueOrDefault("DefinitionUri")),
            ("ProtocolType", props.ContainsKey("DefinitionBody") || props.ContainsKey("DefinitionUri") ? null : f.String("HTTP")),
            ("DisableExecuteApiEndpoint", props.GetValueOrDefault("DisableExecuteApiEndpoint")),
            ("Tags", props.GetValueOrDefault("Tags"))), api.TypeNode);
        var stageName = props.GetValueOrDefault("StageName");
        var stageId = id + (stageName is ScalarNode s ? Sanitize(s.Text) + "Stage" : "ApiGatewayDefaultStage");
        Add(api, stageId, "AWS::ApiGatewayV2::Stage", f.Map(
            ("ApiId", f.Ref(id)),
            ("StageName", stageName ?? f.String("$default")),
            ("AutoDeploy", f.Boolean(true)),
            ("AccessLogSettings", props.GetValueOrDefault("AccessLogSettings")),
            ("DefaultRouteSettings", props.GetValueOrDefault("DefaultRouteSettings")),
            ("RouteSettings", props.GetValueOrDefault("RouteSettings")),
            ("StageVariables", props.GetValueOrDefault("StageVariables"))), api.TypeNode);
    }

    private void ExpandSimpleTable(Resource table)
    {
        var f = new SyntaxFactory(table.TypeNode);
        var props = Merged(table, "SimpleTable");
        var key = props.GetValueOrDefault("PrimaryKey") as MappingNode;
        var keyName = key?.Get("Name") ?? f.String("id");
        var keyType = key?.Get("Type") is ScalarNode t
            ? new SyntaxFactory(t).String(t.Text switch { "String" => "S", "Number" => "N", "Binary" => "B", _ => t.Text })
            : f.String("S");
        var throughput = props.GetValueOrDefault("ProvisionedThroughput");
        Add(table, table.LogicalId, "AWS::DynamoDB::Table", f.Map(
            ("TableName", props.GetValueOrDefault("TableName")),
            ("AttributeDefinitions", f.List(f.Map(("AttributeName", keyName), ("AttributeType", keyType)))),
            ("KeySchema", f.List(f.Map(("AttributeName", keyName), ("KeyType", f.String("HASH"))))),
            ("ProvisionedThroughput", throughput),
            ("BillingMode", throughput is null ? f.String("PAY_PER_REQUEST") : null),
            ("SSESpecification", props.GetValueOrDefault("SSESpecification")),
            ("PointInTimeRecoverySpecification", props.GetValueOrDefault("PointInTimeRecoverySpecification")),
            ("Tags", Tags(f, props.GetValueOrDefault("Tags"), addCreatedBy: false))), table.TypeNode);
    }

    private void ExpandLayer(Resource layer)
    {
        var f = new SyntaxFactory(layer.TypeNode);
        var props = Merged(layer, "LayerVersion");
        var content = props.GetValueOrDefault("ContentUri") is { } uri ? S3Object(uri) ?? uri : null;
        Add(layer, layer.LogicalId + Hash(layer.Node), "AWS::Lambda::LayerVersion", f.Map(
            ("LayerName", props.GetValueOrDefault("LayerName") ?? f.String(layer.LogicalId)),
            ("Description", props.GetValueOrDefault("Description")),
            ("Content", content),
            ("CompatibleRuntimes", props.GetValueOrDefault("CompatibleRuntimes")),
            ("CompatibleArchitectures", props.GetValueOrDefault("CompatibleArchitectures")),
            ("LicenseInfo", props.GetValueOrDefault("LicenseInfo"))), layer.TypeNode);
    }

    private void ExpandStateMachine(Resource machine)
    {
        var f = new SyntaxFactory(machine.TypeNode);
        var props = Merged(machine, "StateMachine");
        var role = props.GetValueOrDefault("Role");
        Add(machine, machine.LogicalId, "AWS::StepFunctions::StateMachine", f.Map(
            ("StateMachineName", props.GetValueOrDefault("Name")),
            ("StateMachineType", props.GetValueOrDefault("Type")),
            ("Definition", props.GetValueOrDefault("Definition")),
            ("DefinitionS3Location", props.GetValueOrDefault("DefinitionUri")),
            ("DefinitionSubstitutions", props.GetValueOrDefault("DefinitionSubstitutions")),
            ("LoggingConfiguration", props.GetValueOrDefault("Logging")),
            ("TracingConfiguration", props.GetValueOrDefault("Tracing")),
            ("RoleArn", role ?? f.GetAtt(machine.LogicalId + "Role", "Arn")),
            ("Tags", Tags(f, props.GetValueOrDefault("Tags")))), machine.TypeNode);
        if (role is null)
        {
            var managed = new List<SyntaxNode>();
            var policies = ReadPolicies(machine.LogicalId, props.GetValueOrDefault("Policies"), managed);
            Add(machine, machine.LogicalId + "Role", "AWS::IAM::Role", f.Map(
                ("AssumeRolePolicyDocument", DefaultTrust(f, "states.amazonaws.com")),
                ("ManagedPolicyArns", f.List(managed)),
                ("Policies", policies.Count > 0 ? f.List(policies) : null),
                ("PermissionsBoundary", props.GetValueOrDefault("PermissionsBoundary")),
                ("Path", props.GetValueOrDefault("RolePath"))), machine.TypeNode);
        }
    }

    private void ExpandApplication(Resource app)
    {
        var f = new SyntaxFactory(app.TypeNode);
        var props = Merged(app, "Application");
        var location = props.GetValueOrDefault("Location");
        Add(app, app.LogicalId, "AWS::CloudFormation::Stack", f.Map(
            ("TemplateURL", location is ScalarNode ? location : null),
            ("Parameters", props.GetValueOrDefault("Parameters")),
            ("NotificationARNs", props.GetValueOrDefault("NotificationARNs")),
            ("TimeoutInMinutes", props.GetValueOrDefault("TimeoutInMinutes")),
            ("Tags", props.GetValueOrDefault("Tags"))), app.TypeNode);
    }

    private void Add(Resource source, string logicalId, string type, MappingNode properties, SyntaxNode typeOrigin)
    {
        var f = new SyntaxFactory(source.Node);
        var node = f.Map(
            ("Type", new SyntaxFactory(typeOrigin).String(type)),
            ("Properties", properties),
            ("Metadata", source.Metadata),
            ("Condition", source.Node.Get("Condition")),
            ("DependsOn", source.Node.Get("DependsOn")));
        var key = new ScalarNode(source.KeyNode.Span, source.KeyNode.Path, logicalId, ScalarKind.String, ScalarStyle.Plain);
        _ids.Add(logicalId);
        _output.Add(new Resource(key, node, (ScalarNode)node.Get("Type")!, source));
    }

    /// <summary>The resource's properties with Globals.&lt;section&gt; filled in where the resource does not set them.</summary>
    private Dictionary<string, SyntaxNode> Merged(Resource resource, string globalsSection)
    {
        var result = ToDictionary(resource.Properties);
        if (_globals?.Get(globalsSection) is MappingNode globals)
        {
            foreach (var e in globals.UniqueEntries)
            {
                result.TryAdd(e.Key.Text, e.Value);
            }
        }

        return result;
    }

    private static Dictionary<string, SyntaxNode> ToDictionary(MappingNode? map) =>
        map?.UniqueEntries.ToDictionary(e => e.Key.Text, e => e.Value, StringComparer.Ordinal) ?? new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);

    private static SyntaxNode? CodeFrom(SyntaxFactory f, IReadOnlyDictionary<string, SyntaxNode> props)
    {
        if (props.GetValueOrDefault("InlineCode") is { } inline)
        {
            return f.Map(("ZipFile", inline));
        }

        if (props.GetValueOrDefault("ImageUri") is { } image)
        {
            return f.Map(("ImageUri", image));
        }

        return props.GetValueOrDefault("CodeUri") is { } uri ? S3Object(uri) ?? f.Map(("ZipFile", uri)) : null;
    }

    /// <summary>SAM's <c>s3://bucket/key</c> or <c>{Bucket, Key, Version}</c> as CloudFormation's {S3Bucket, S3Key, S3ObjectVersion}.</summary>
    private static MappingNode? S3Object(SyntaxNode uri)
    {
        var f = new SyntaxFactory(uri);
        switch (uri)
        {
            case ScalarNode s when s.Text.StartsWith("s3://", StringComparison.Ordinal):
                var rest = s.Text["s3://".Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                return slash < 0
                    ? f.Map(("S3Bucket", f.String(rest)), ("S3Key", f.String(string.Empty)))
                    : f.Map(("S3Bucket", f.String(rest[..slash])), ("S3Key", f.String(rest[(slash + 1)..])));
            case MappingNode m:
                return f.Map(("S3Bucket", m.Get("Bucket")), ("S3Key", m.Get("Key")), ("S3ObjectVersion", m.Get("Version")));
            default:
                return null;
        }
    }

    /// <summary>SAM tags are a map; CloudFormation's are a list of {Key, Value}, plus SAM's lambda:createdBy tag.</summary>
    private static SequenceNode Tags(SyntaxFactory f, SyntaxNode? samTags, bool addCreatedBy = true)
    {
        var list = new List<SyntaxNode>();
        if (addCreatedBy)
        {
            list.Add(f.Map(("Key", f.String("lambda:createdBy")), ("Value", f.String("SAM"))));
        }

        if (samTags is MappingNode map)
        {
            foreach (var e in map.UniqueEntries)
            {
                list.Add(new SyntaxFactory(e.Key).Map(("Key", e.Key), ("Value", e.Value)));
            }
        }

        return f.List(list);
    }

    private static MappingNode DefaultTrust(SyntaxFactory f, string service) => f.Map(
        ("Version", f.String("2012-10-17")),
        ("Statement", f.List(f.Map(
            ("Action", f.List(f.String("sts:AssumeRole"))),
            ("Effect", f.String("Allow")),
            ("Principal", f.Map(("Service", f.List(f.String(service)))))))));

    /// <summary>SAM appends a content hash to some ids; ours is stable for the same text (10 hex digits, like SAM's).</summary>
    private static string Hash(SyntaxNode node)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(node.Path + "@" + node.Span.Start + ":" + node.Span.End));
        return Convert.ToHexString(bytes)[..10].ToLowerInvariant();
    }

    private static string Sanitize(string name) => new(name.Where(char.IsLetterOrDigit).ToArray());
}
