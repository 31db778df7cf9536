using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Api;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Events;

/// <summary>Event sources that invoke a function: each gets a Lambda permission for the source service.</summary>
internal abstract class PushEvent(string ownerId, string eventId, SamMap @event) : EventSource(ownerId, eventId, @event)
{
    /// <summary>
    /// EventBridge DeadLetterConfig: either Arn or Type (SQS), where SAM creates the queue and its policy (added to
    /// <paramref name="resources"/>). The queue's ARN, or null without DeadLetterConfig.
    /// </summary>
    protected SamValue? DeadLetterQueue(EventContext context, SamValue ruleArn, SamMap attributes, List<CfnResource> resources)
    {
        if (P("DeadLetterConfig") is not SamMap config)
        {
            return null;
        }

        ValidateDeadLetterConfig(config);
        if (config.Get("Arn") is { } arn && !SamValue.IsNull(arn))
        {
            return arn;
        }

        var queueId = config.Get("QueueLogicalId");
        if (queueId is not null && !SamValue.IsNull(queueId) && queueId.AsString is null)
        {
            throw SamException.Event(LogicalId, "QueueLogicalId must be a string", queueId);
        }

        var queue = New(context, queueId?.AsString ?? LogicalId + "Queue", "AWS::SQS::Queue", attributes);
        var policy = New(context, LogicalId + "QueuePolicy", "AWS::SQS::QueuePolicy", attributes)
            .Set("PolicyDocument", new SamMap()
                .Set("Version", "2012-10-17")
                .Set("Statement", Fn.List(new SamMap()
                    .Set("Action", "sqs:SendMessage")
                    .Set("Effect", "Allow")
                    .Set("Principal", new SamMap().Set("Service", "events.amazonaws.com"))
                    .Set("Resource", queue.GetAtt("Arn"))
                    .Set("Condition", new SamMap().Set("ArnEquals", new SamMap().Set("aws:SourceArn", ruleArn))))))
            .Set("Queues", Fn.List(queue.RefValue()));
        resources.Add(queue);
        resources.Add(policy);
        return queue.GetAtt("Arn");
    }

    private void ValidateDeadLetterConfig(SamMap config)
    {
        var hasArn = config.ContainsKey("Arn");
        var hasType = config.ContainsKey("Type");
        if (hasArn && hasType)
        {
            throw SamException.Event(LogicalId, "You can either define 'Arn' or 'Type' property of DeadLetterConfig.", config);
        }

        if (hasType && config.GetString("Type") != "SQS")
        {
            throw SamException.Event(LogicalId, "The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.", config);
        }

        if (!hasArn && !hasType)
        {
            throw SamException.Event(LogicalId, "No 'Arn' or 'Type' property provided for DeadLetterConfig.", config);
        }
    }

    /// <summary>Enabled (boolean) and State (string) cannot both be set; Enabled maps to ENABLED/DISABLED.</summary>
    protected SamValue? RuleState()
    {
        var state = P("State");
        var enabled = P("Enabled");
        if (state is not null && SamValue.Truthy(state) && enabled is not null)
        {
            throw Error("State and Enabled Properties cannot both be specified.");
        }

        if (enabled is not null)
        {
            return Fn.Str(SamValue.Truthy(enabled) ? "ENABLED" : "DISABLED");
        }

        return state is not null && SamValue.Truthy(state) ? state : null;
    }
}

/// <summary>Schedule: an EventBridge rule with a schedule expression.</summary>
internal sealed class ScheduleEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var attributes = context.Target.PassThroughAttributes();
        var rule = New(context, LogicalId, "AWS::Events::Rule", attributes);
        var resources = new List<CfnResource> { rule };
        rule.Set("ScheduleExpression", P("Schedule"));
        rule.Set("State", RuleState());
        rule.Set("Name", P("Name"));
        rule.Set("Description", P("Description"));
        var dlqArn = DeadLetterQueue(context, rule.GetAtt("Arn"), attributes, resources);

        var target = new SamMap().Set("Arn", context.Target.Arn.Clone()).Set("Id", TargetId(LogicalId, "LambdaTarget"));
        target.SetIf("Input", P("Input"));
        if (P("DeadLetterConfig") is not null)
        {
            target.Set("DeadLetterConfig", new SamMap().Set("Arn", dlqArn!));
        }

        target.SetIf("RetryPolicy", P("RetryPolicy"));
        rule.Set("Targets", Fn.List(target));
        resources.Add(Permission(context, "events.amazonaws.com", rule.GetAtt("Arn")));
        return resources;
    }
}

/// <summary>CloudWatchEvent / EventBridgeRule: an EventBridge rule with an event pattern.</summary>
internal sealed class EventBridgeRuleEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var attributes = context.Target.PassThroughAttributes();
        var rule = New(context, LogicalId, "AWS::Events::Rule", attributes);
        rule.Set("EventBusName", P("EventBusName"));
        rule.Set("EventPattern", P("Pattern"));
        rule.Set("Name", P("RuleName"));
        var resources = new List<CfnResource>();
        var dlqArn = DeadLetterQueue(context, rule.GetAtt("Arn"), attributes, resources);

        rule.Set("State", RuleState());
        var targetId = P("Target") is SamMap t && t.Get("Id") is { } id ? id : Fn.Str(TargetId(LogicalId, "LambdaTarget"));
        var target = new SamMap().Set("Arn", context.Target.Arn.Clone()).Set("Id", targetId);
        target.SetIf("Input", P("Input"));
        target.SetIf("InputPath", P("InputPath"));
        if (P("DeadLetterConfig") is not null)
        {
            target.Set("DeadLetterConfig", new SamMap().Set("Arn", dlqArn!));
        }

        target.SetIf("RetryPolicy", P("RetryPolicy"));
        target.SetIf("InputTransformer", P("InputTransformer"));
        rule.Set("Targets", Fn.List(target));
        resources.Add(rule);
        resources.Add(Permission(context, "events.amazonaws.com", rule.GetAtt("Arn")));
        return resources;
    }
}

/// <summary>S3: a permission for S3 and a notification configuration added to the bucket the template declares.</summary>
internal sealed class S3Event(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    private string _bucketId = string.Empty;
    private SamMap _bucket = new();

    public override void Link(SamContext context)
    {
        (_bucketId, _bucket) = ReferencedResource(context, "Bucket", bucket => Error("'Ref' value in S3 events is not a valid string.", bucket), "S3 events must reference an S3 bucket in the same template.");
    }

    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var permission = Permission(context, "s3.amazonaws.com", sourceAccount: Fn.Ref("AWS::AccountId"));
        if (permission.Condition is { } condition)
        {
            DependOnUsingTag(permission, condition);
        }
        else
        {
            DependOn(permission);
        }

        InjectNotificationConfiguration(context);
        var bucket = BucketResource(context);
        return [permission, bucket];
    }

    private void DependOn(CfnResource permission)
    {
        var dependsOn = _bucket.Get("DependsOn");
        var list = dependsOn switch
        {
            null => [],
            SamScalar { IsString: true } s => [s.Text],
            SamList l when l.All(x => x.AsString is not null) => l.Select(x => x.AsString!).ToList(),
            _ => throw SamException.Resource(LogicalId, "Invalid type for field 'DependsOn'. Expected a string or list of strings.", dependsOn),
        };
        var set = new List<string>();
        foreach (var item in list.Append(permission.LogicalId))
        {
            if (!set.Contains(item))
            {
                set.Add(item);
            }
        }

        _bucket.Set("DependsOn", new SamList(set.Select(s => (SamValue)Fn.Str(s)), dependsOn?.Origin));
    }

    private void DependOnUsingTag(CfnResource permission, string condition)
    {
        var properties = _bucket.Get("Properties") as SamMap;
        if (properties is null)
        {
            properties = new SamMap();
            _bucket.Set("Properties", properties);
        }

        var tags = properties.Get("Tags") ?? new SamList();
        if (tags is not SamList tagList)
        {
            throw SamException.Resource(_bucketId, "Property 'Tags' should be a list.", tags);
        }

        var dependency = new SamMap()
            .Set("Key", "sam:ConditionalDependsOn:" + permission.LogicalId)
            .Set("Value", Fn.If(condition, Fn.Ref(permission.LogicalId), Fn.Str("no dependency")));
        properties.Set("Tags", new SamList(tagList.Items.Append(dependency), tagList.Origin));
    }

    private void InjectNotificationConfiguration(EventContext context)
    {
        var baseMapping = new SamMap().Set("Function", context.Target.Arn.Clone());
        baseMapping.SetIf("Filter", P("Filter"));
        var events = P("Events") switch
        {
            SamList l => l.Items.ToList(),
            { } single => [single],
            null => [],
        };
        var mappings = new List<SamValue>();
        foreach (var type in events)
        {
            var mapping = (SamMap)baseMapping.Clone();
            mapping.Set("Event", type);
            mappings.Add(context.Target.Resource.Condition is { } condition ? Fn.If(condition, mapping, Fn.NoValue) : mapping);
        }

        var propertiesValue = _bucket.Get("Properties") ?? new SamMap();
        if (propertiesValue is not SamMap properties)
        {
            throw SamException.Resource(_bucketId, "Properties should be a map.", propertiesValue);
        }

        _bucket.Set("Properties", properties);
        var notification = properties.Get("NotificationConfiguration") ?? new SamMap();
        if (notification is not SamMap config)
        {
            throw SamException.Resource(_bucketId, "Property 'NotificationConfiguration' should be a map.", notification);
        }

        properties.Set("NotificationConfiguration", config);
        var lambdas = config.Get("LambdaConfigurations") ?? new SamList();
        if (lambdas is not SamList list)
        {
            throw SamException.Resource(_bucketId, "Invalid type for LambdaConfigurations. Must be a list.", lambdas);
        }

        config.Set("LambdaConfigurations", list);
        foreach (var mapping in mappings)
        {
            if (!list.Any(x => SamJson.Canonical(x) == SamJson.Canonical(mapping)))
            {
                list.Add(mapping);
            }
        }
    }

    private CfnResource BucketResource(EventContext context)
    {
        var bucket = new CfnResource(_bucketId, "AWS::S3::Bucket", _bucket.Origin)
        {
            NodeOrigin = context.Sam.WrittenResource(_bucketId)?.Node,
            TypeOrigin = context.Sam.WrittenResource(_bucketId)?.TypeNode,
        };
        foreach (var (k, v) in _bucket)
        {
            switch (k)
            {
                case "Type":
                    break;
                case "Properties" when v is SamMap p:
                    foreach (var (pk, pv) in p)
                    {
                        bucket.Properties.Set(pk, pv);
                    }

                    bucket.Properties.Origin = p.Origin;
                    break;
                case "DependsOn":
                    bucket.DependsOn = v;
                    break;
                default:
                    bucket.Attributes.Set(k, v);
                    break;
            }
        }

        return bucket;
    }
}

/// <summary>SNS: a subscription of the function (or of an SQS queue SAM creates in between) to the topic.</summary>
internal sealed class SnsEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var topic = P("Topic");
        var sqs = P("SqsSubscription");
        if (sqs is null || !SamValue.Truthy(sqs))
        {
            var subscription = Subscription(context, "lambda", context.Target.Arn.Clone());
            return [Permission(context, "sns.amazonaws.com", topic), subscription];
        }

        if (sqs is SamScalar { Kind: Syntax.ScalarKind.Boolean })
        {
            var fifo = IsFifoTopic(context);
            var queue = New(context, LogicalId + "Queue", "AWS::SQS::Queue");
            if (fifo is not null)
            {
                queue.Set("FifoQueue", fifo);
            }

            var queueArn = queue.GetAtt("Arn");
            var policy = QueuePolicy(context, topic, queueArn, queue.RefValue(), null);
            var subscription = Subscription(context, "sqs", queueArn.Clone());
            var mapping = SqsMapping(context, queueArn.Clone(), null, null);
            return [.. mapping, queue, policy, subscription];
        }

        if (sqs is not SamMap config)
        {
            throw Error("Property 'SqsSubscription' should be a map.", sqs);
        }

        var arn = config.Get("QueueArn");
        var url = config.Get("QueueUrl");
        if (!SamValue.Truthy(arn) || !SamValue.Truthy(url))
        {
            throw Error("No QueueARN or QueueURL provided.", config);
        }

        var queuePolicy = QueuePolicy(context, topic, arn!, url!, config.Get("QueuePolicyLogicalId")?.AsString);
        var sqsSubscription = Subscription(context, "sqs", arn!);
        var sqsMapping = SqsMapping(context, arn!, config.Get("BatchSize"), config.Get("Enabled"));
        return [.. sqsMapping, queuePolicy, sqsSubscription];
    }

    private SamValue? IsFifoTopic(EventContext context)
    {
        var topicId = Fn.LogicalIdOf(P("Topic"));
        if (topicId is null || context.Sam.ResourceDict(topicId)?.GetMap("Properties")?.Get("FifoTopic") is not { } fifo)
        {
            return null;
        }

        var resolved = context.Sam.Parameters.Resolve(fifo);
        return SamValue.Truthy(resolved) ? resolved : null;
    }

    private CfnResource Subscription(EventContext context, string protocol, SamValue endpoint)
    {
        var subscription = New(context, LogicalId, "AWS::SNS::Subscription")
            .Set("Protocol", protocol)
            .Set("Endpoint", endpoint)
            .Set("TopicArn", P("Topic"));
        subscription.Set("Region", P("Region"));
        subscription.Set("FilterPolicy", P("FilterPolicy"));
        subscription.Set("FilterPolicyScope", P("FilterPolicyScope"));
        subscription.Set("RedrivePolicy", P("RedrivePolicy"));
        return subscription;
    }

    private CfnResource QueuePolicy(EventContext context, SamValue? topicArn, SamValue queueArn, SamValue queueUrl, string? logicalId) =>
        New(context, logicalId ?? LogicalId + "QueuePolicy", "AWS::SQS::QueuePolicy")
            .Set("PolicyDocument", new SamMap()
                .Set("Version", "2012-10-17")
                .Set("Statement", Fn.List(new SamMap()
                    .Set("Action", "sqs:SendMessage")
                    .Set("Effect", "Allow")
                    .Set("Principal", "*")
                    .Set("Resource", queueArn.Clone())
                    .Set("Condition", new SamMap().Set("ArnEquals", new SamMap().Set("aws:SourceArn", topicArn?.Clone() ?? SamScalar.Null()))))))
            .Set("Queues", Fn.List(queueUrl.Clone()));

    private List<CfnResource> SqsMapping(EventContext context, SamValue queueArn, SamValue? batchSize, SamValue? enabled)
    {
        var properties = new SamMap(Event.Origin)
            .Set("Queue", queueArn)
            .Set("BatchSize", batchSize is not null && SamValue.Truthy(batchSize) ? batchSize : SamScalar.Integer(10))
            .Set("Enabled", SamScalar.Boolean(true));
        var @event = new SamMap(Event.Origin).Set("Type", "SQS").Set("Properties", properties);
        var source = new PullEvent(context.Owner.LogicalId, RelativeId + "EventSourceMapping", @event, "SQS");
        return source.Generate(context).ToList();
    }
}

/// <summary>AlexaSkill: a permission for the Alexa Skills Kit, restricted to the skill id when given.</summary>
internal sealed class AlexaSkillEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    public override IEnumerable<CfnResource> Generate(EventContext context) =>
        [Permission(context, "alexa-appkit.amazon.com", eventSourceToken: P("SkillId"))];
}

/// <summary>IoTRule: an IoT topic rule invoking the function, and its permission.</summary>
internal sealed class IoTRuleEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var sourceArn = Fn.Sub("arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}", new SamMap().Set("RuleName", Fn.Ref(LogicalId)));
        var permission = Permission(context, "iot.amazonaws.com", sourceArn, Fn.Sub("${AWS::AccountId}"));
        var payload = new SamMap()
            .Set("Sql", P("Sql") ?? SamScalar.Null())
            .Set("RuleDisabled", SamScalar.Boolean(false))
            .Set("Actions", Fn.List(new SamMap().Set("Lambda", new SamMap().Set("FunctionArn", context.Target.Arn.Clone()))));
        if (P("AwsIotSqlVersion") is { } version && SamValue.Truthy(version))
        {
            payload.Set("AwsIotSqlVersion", version);
        }

        var rule = New(context, LogicalId, "AWS::IoT::TopicRule").Set("TopicRulePayload", payload);
        return [permission, rule];
    }
}

/// <summary>Cognito: the user pool's LambdaConfig triggers point at the function, with a permission for Cognito.</summary>
internal sealed class CognitoEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    private string _poolId = string.Empty;
    private SamMap _pool = new();

    public override void Link(SamContext context)
    {
        (_poolId, _pool) = ReferencedResource(context, "UserPool", pool => SamException.Event(LogicalId, "Ref in Userpool is not a string.", pool), "Cognito events must reference a Cognito UserPool in the same template.");
    }

    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var permission = Permission(context, "cognito-idp.amazonaws.com", Fn.GetAtt(_poolId, "Arn"), prefix: context.Target.LogicalId + "Cognito");
        foreach (var (k, v) in context.Target.PassThroughAttributes())
        {
            permission.Attributes.Set(k, v);
        }

        var triggers = P("Trigger") switch
        {
            SamList l => l.Items.ToList(),
            { } single => [single],
            null => [],
        };
        var properties = _pool.Get("Properties") as SamMap;
        if (properties is null)
        {
            properties = new SamMap();
            _pool.Set("Properties", properties);
        }

        var configValue = properties.Get("LambdaConfig") ?? new SamMap();
        if (configValue is not SamMap config)
        {
            throw SamException.Resource(_poolId, "Property 'LambdaConfig' should be a map.", configValue);
        }

        properties.Set("LambdaConfig", config);
        foreach (var trigger in triggers)
        {
            var name = trigger.AsString ?? string.Empty;
            if (config.ContainsKey(name))
            {
                throw Error($"Cognito trigger \"{(P("Trigger") is SamList ? Globals(P("Trigger")!) : name)}\" defined multiple times.", trigger);
            }

            config.Set(name, context.Target.Arn.Clone());
        }

        var pool = new CfnResource(_poolId, "AWS::Cognito::UserPool", _pool.Origin)
        {
            NodeOrigin = context.Sam.WrittenResource(_poolId)?.Node,
            TypeOrigin = context.Sam.WrittenResource(_poolId)?.TypeNode,
        };
        foreach (var (k, v) in _pool)
        {
            if (k == "Properties" && v is SamMap p)
            {
                foreach (var (pk, pv) in p)
                {
                    pool.Properties.Set(pk, pv);
                }
            }
            else if (k == "DependsOn")
            {
                pool.DependsOn = v;
            }
            else if (k != "Type")
            {
                pool.Attributes.Set(k, v);
            }
        }

        return [permission, pool];
    }

    private static string Globals(SamValue list) => Plugins.Globals.PythonList(((SamList)list).Select(x => x.AsString ?? string.Empty));
}

/// <summary>CloudWatchLogs: a subscription filter on the log group and a permission for CloudWatch Logs.</summary>
internal sealed class CloudWatchLogsEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var sourceArn = Fn.Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*", new SamMap().Set("__LogGroupName__", P("LogGroupName") ?? SamScalar.Null()));
        var permission = Permission(context, "logs.amazonaws.com", sourceArn);
        var filter = New(context, LogicalId, "AWS::Logs::SubscriptionFilter")
            .Set("DestinationArn", context.Target.Arn.Clone())
            .Set("FilterPattern", P("FilterPattern"))
            .Set("LogGroupName", P("LogGroupName"));
        filter.DependsOn = Fn.Strings(permission.LogicalId);
        return [permission, filter];
    }
}

/// <summary>Api: a permission for API Gateway and a Lambda integration on the API's managed OpenAPI body.</summary>
internal sealed partial class ApiEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    private SamMap? _api;
    private string? _apiId;
    private string _stageSuffix = "AllStages";

    public override void Link(SamContext context)
    {
        (_api, _apiId, _stageSuffix) = LinkRestApi(context, RelativeId, P("RestApiId"));
    }

    /// <summary>The explicit API an event names, its id, and the stage SAM names permissions after.</summary>
    public static (SamMap? Properties, string? ApiId, string StageSuffix) LinkRestApi(SamContext context, string eventId, SamValue? restApiId)
    {
        var apiId = Fn.RefName(restApiId) ?? restApiId?.AsString;
        if (apiId is null)
        {
            return (null, null, "AllStages");
        }

        if (context.ResourceDict(apiId) is not { } api)
        {
            throw SamException.Event(eventId, "RestApiId property of Api event must reference a valid resource in the same template.", restApiId);
        }

        var propertiesValue = api.Get("Properties") ?? new SamMap();
        if (propertiesValue is not SamMap properties)
        {
            throw new SamException("Attribute 'Properties' should be a map.", propertiesValue.Origin, SamErrorKind.Resource, apiId);
        }

        var suffix = "Stage";
        if (properties.Get("StageName") is SamScalar { IsString: true } stage)
        {
            if (stage.Text.Length == 0)
            {
                throw SamException.Resource(apiId, "StageName cannot be empty.", stage);
            }

            suffix = stage.Text;
        }

        return (properties, apiId, suffix);
    }

    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var method = P("Method")?.AsString?.ToLowerInvariant() ?? string.Empty;
        var path = P("Path")?.AsString ?? string.Empty;
        var permission = ApiPermission(context, path, method);
        var api = _api ?? new SamMap();
        if (SamValue.Truthy(api.Get(ImplicitApiManaged)) || SamValue.Truthy(api.Get("MergeDefinitions")))
        {
            AddSwaggerIntegration(context, api, path, method);
        }

        var auth = P("Auth") as SamMap;
        if (SamValue.Truthy(api.Get("DefinitionBody")) && auth is not null && SamValue.Truthy(auth.Get("OverrideApiAuth")))
        {
            if (!SamValue.Truthy(auth.Get("Authorizer")) && !SamValue.Truthy(auth.Get("ApiKeyRequired")) && !SamValue.Truthy(auth.Get("ResourcePolicy")))
            {
                throw Error("Must define one of: Authorizer, ApiKeyRequired or ResourcePolicy when using the OverrideApiAuth property.", auth);
            }

            var editor = new Swagger(api.Get("DefinitionBody"));
            AddAuthToSwagger(context.Sam, auth, api, _apiId ?? string.Empty, RelativeId, method, path, Fn.Str(_stageSuffix), editor);
            api.Set("DefinitionBody", editor.Document);
        }

        return [permission];
    }

    private const string ImplicitApiManaged = Plugins.ImplicitApis.ManageSwagger;

    private CfnResource ApiPermission(EventContext context, string path, string method)
    {
        var trimmed = ApiDocument.PathWithoutParameters(Swagger.TrimTrailingSlash(path), allowGreedy: true);
        var verb = method == "any" ? "*" : method.ToUpperInvariant();
        var resource = $"${{__ApiId__}}/${{__Stage__}}/{verb}{trimmed}";
        var sourceArn = Fn.Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:" + resource, new SamMap()
            .Set("__ApiId__", P("RestApiId")?.Clone() ?? SamScalar.Null())
            .Set("__Stage__", "*"));
        return Permission(context, "apigateway.amazonaws.com", sourceArn, suffix: _stageSuffix);
    }

    private void AddSwaggerIntegration(EventContext context, SamMap api, string path, string method)
    {
        var body = api.Get("DefinitionBody");
        if (body is null)
        {
            return;
        }

        var merge = SamValue.Truthy(api.Get("MergeDefinitions"));
        var swaggerBody = merge ? Swagger.Skeleton() : body;
        var uri = IntegrationUri(context.Target, P("ResponseTransferMode")?.AsString);
        var editor = new Swagger(swaggerBody);
        if (editor.HasIntegration(path, method))
        {
            throw Error($"API method \"{method}\" defined multiple times for path \"{path}\".");
        }

        var methodAuth = P("Auth") ?? new SamMap();
        if (methodAuth is not SamMap methodAuthMap)
        {
            throw Error("Property 'Auth' should be a map.", methodAuth);
        }

        var apiAuth = api.Get("Auth") is { } a && SamValue.Truthy(a) ? a : new SamMap();
        if (apiAuth is not SamMap apiAuthMap)
        {
            throw SamException.Resource(_apiId ?? string.Empty, "Property 'Auth' should be a map.", apiAuth);
        }

        editor.AddLambdaIntegration(path, method, uri, methodAuthMap, apiAuthMap, context.Target.Resource.Condition, P("ResponseTransferMode"));
        if (P("Auth") is SamMap auth && auth.Count > 0)
        {
            AddAuthToSwagger(context.Sam, auth, api, _apiId ?? string.Empty, RelativeId, method, path, Fn.Str(_stageSuffix), editor);
        }

        if (P("TimeoutInMillis") is { } timeout && SamValue.Truthy(timeout))
        {
            editor.AddTimeoutToMethod(path, method, timeout);
        }

        AddRequestModel(api, path, method, editor);
        AddRequestParameters(path, method, editor);
        api.Set("DefinitionBody", merge ? MergedDefinitions(body, editor, path, method) : editor.Document);
    }

    private SamMap MergedDefinitions(SamValue source, Swagger editor, string path, string method)
    {
        var merged = (SamMap)((SamMap)source).Clone();
        var paths = merged.Get("paths") as SamMap ?? new SamMap();
        var existingPath = paths.Get(path);
        if (existingPath is not null && existingPath is not SamMap)
        {
            throw SamException.Resource(_apiId ?? string.Empty, $"Property 'DefinitionBody' is invalid: The value of '{path}' should be a map.", existingPath);
        }

        var existingMethod = (existingPath as SamMap)?.Get(method) ?? new SamMap();
        if (existingMethod is not SamMap methodBody)
        {
            throw SamException.Resource(_apiId ?? string.Empty, $"Property 'DefinitionBody.paths.{path}.{method}' should be a map.", existingMethod);
        }

        var generated = editor.Document.GetMap("paths")!.GetMap(path)!.Get(ApiDocument.NormalizeMethod(method)!) as SamMap ?? new SamMap();
        var combined = (SamMap)methodBody.Clone();
        foreach (var (k, v) in generated)
        {
            combined.Set(k, v);
        }

        if (existingPath is not SamMap pathMap)
        {
            pathMap = new SamMap();
            paths.Set(path, pathMap);
        }

        pathMap.Set(method, combined);
        return merged;
    }

    private void AddRequestModel(SamMap api, string path, string method, Swagger editor)
    {
        if (P("RequestModel") is not { } modelValue || !SamValue.Truthy(modelValue))
        {
            return;
        }

        if (modelValue is not SamMap requestModel)
        {
            throw Error("Property 'RequestModel' should be a map.", modelValue);
        }

        var model = requestModel.Get("Model");
        if (model is null || !SamValue.Truthy(model))
        {
            return;
        }

        var display = SamJson.Python(model);
        var models = api.Get("Models");
        if (models is null || !SamValue.Truthy(models))
        {
            throw Error($"Unable to set RequestModel [{display}] on API method [{method}] for path [{path}] because the related API does not define any Models.", model);
        }

        if (!Fn.IsIntrinsic(models) && models is not SamMap)
        {
            throw Error($"Unable to set RequestModel [{display}] on API method [{method}] for path [{path}] because the related API Models defined is of invalid type.", model);
        }

        if (model.AsString is null)
        {
            throw Error($"Unable to set RequestModel [{display}] on API method [{method}] for path [{path}] because the related API does not contain valid Models.", model);
        }

        if (!SamValue.Truthy(((SamMap)models).Get(model.AsString)))
        {
            throw Error($"Unable to set RequestModel [{display}] on API method [{method}] for path [{path}] because it wasn't defined in the API's Models.", model);
        }

        editor.AddRequestModel(path, method, requestModel);
        var validateBody = requestModel.Get("ValidateBody");
        var validateParameters = requestModel.Get("ValidateParameters");
        if (validateBody is not null || validateParameters is not null)
        {
            var body = validateBody ?? SamScalar.Boolean(false);
            var parameters = validateParameters ?? SamScalar.Boolean(false);
            if (body is not SamScalar { Kind: Syntax.ScalarKind.Boolean } || parameters is not SamScalar { Kind: Syntax.ScalarKind.Boolean })
            {
                throw Error($"Unable to set Validator to RequestModel [{display}] on API method [{method}] for path [{path}] ValidateBody and ValidateParameters must be a boolean type, strings or intrinsics are not supported.", model);
            }

            editor.AddRequestValidator(path, method, SamValue.Truthy(body), SamValue.Truthy(parameters));
        }
    }

    private void AddRequestParameters(string path, string method, Swagger editor)
    {
        if (P("RequestParameters") is not SamList { Count: > 0 } parameters)
        {
            return;
        }

        const string KeyFormat = "Invalid value for 'RequestParameters' property. Keys must be in the format 'method.request.[querystring|path|header].{value}', e.g 'method.request.header.Authorization'.";
        var result = new List<(string, SamValue, SamValue)>();
        foreach (var parameter in parameters)
        {
            if (parameter is SamMap map && map.Count > 0)
            {
                var (name, value) = map.First();
                if (!RequestParameter().IsMatch(name))
                {
                    throw Error(KeyFormat, parameter);
                }

                if (value is not SamMap settings || settings.Keys.Any(k => k is not ("Required" or "Caching")))
                {
                    throw Error("Invalid value for 'RequestParameters' property. Values must be an object, e.g { Required: true, Caching: false }", value);
                }

                result.Add((name, settings.Get("Required") ?? SamScalar.Boolean(false), settings.Get("Caching") ?? SamScalar.Boolean(false)));
            }
            else if (parameter.AsString is { } text)
            {
                if (!RequestParameter().IsMatch(text))
                {
                    throw Error(KeyFormat, parameter);
                }

                result.Add((text, SamScalar.Boolean(false), SamScalar.Boolean(false)));
            }
            else
            {
                throw Error("Invalid value for 'RequestParameters' property. Property must be either a string or an object", parameter);
            }
        }

        editor.AddRequestParameters(path, method, result);
    }

    /// <summary>An event's Auth on the API's body: authorizer checks, API key requirement and resource policy (SAM's add_auth_to_swagger).</summary>
    public static void AddAuthToSwagger(SamContext context, SamMap eventAuth, SamMap api, string apiId, string eventId, string method, string path, SamValue stage, Swagger editor)
    {
        var methodAuthorizer = eventAuth.Get("Authorizer");
        var apiAuth = context.Parameters.Resolve(api.Get("Auth")) as SamMap;
        if (methodAuthorizer is not null && SamValue.Truthy(methodAuthorizer))
        {
            var apiAuthorizers = apiAuth?.Get("Authorizers");
            if (apiAuthorizers is not null && SamValue.Truthy(apiAuthorizers) && apiAuthorizers is not SamMap)
            {
                throw SamException.Resource(apiId, "Property 'Auth.Authorizers' should be a map.", apiAuthorizers);
            }

            var name = methodAuthorizer.AsString;
            if (name != "AWS_IAM")
            {
                if (name != "NONE")
                {
                    if (apiAuthorizers is null || !SamValue.Truthy(apiAuthorizers))
                    {
                        throw SamException.Event(eventId, $"Unable to set Authorizer [{Display(methodAuthorizer)}] on API method [{method}] for path [{path}] because the related API does not define any Authorizers.", methodAuthorizer);
                    }

                    CheckAuthorizerType(eventId, method, path, methodAuthorizer, apiAuthorizers);
                    if (!SamValue.Truthy(((SamMap)apiAuthorizers).Get(name!)))
                    {
                        throw SamException.Event(eventId, $"Unable to set Authorizer [{name}] on API method [{method}] for path [{path}] because it wasn't defined in the API's Authorizers.", methodAuthorizer);
                    }
                }
                else
                {
                    if (apiAuth is null || !SamValue.Truthy(apiAuth.Get("DefaultAuthorizer")))
                    {
                        throw SamException.Event(eventId, $"Unable to set Authorizer on API method [{method}] for path [{path}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.", methodAuthorizer);
                    }
                }
            }
        }

        if (eventAuth.Get("AuthorizationScopes") is { } scopes && SamValue.Truthy(scopes))
        {
            if (scopes is not SamList)
            {
                throw SamException.Event(eventId, "Property 'Auth.AuthorizationScopes' should be a list.", scopes);
            }

            if (methodAuthorizer is null || !SamValue.Truthy(methodAuthorizer))
            {
                throw SamException.Event(eventId, "AuthorizationScopes works only when Authorizer is set", scopes);
            }
        }

        var apiKeyRequired = eventAuth.Get("ApiKeyRequired");
        if (apiKeyRequired is not null && !SamValue.IsNull(apiKeyRequired) && !SamValue.Truthy(apiKeyRequired)
            && (apiAuth is null || !SamValue.Truthy(apiAuth.Get("ApiKeyRequired"))))
        {
            throw SamException.Event(eventId, $"Unable to set ApiKeyRequired [False] on API method [{method}] for path [{path}] because the related API does not specify any ApiKeyRequired.", apiKeyRequired);
        }

        if ((methodAuthorizer is not null && SamValue.Truthy(methodAuthorizer)) || (apiKeyRequired is not null && !SamValue.IsNull(apiKeyRequired)))
        {
            editor.AddAuthToMethod(path, method, eventAuth, api.Get("Auth") as SamMap);
        }

        if (eventAuth.Get("ResourcePolicy") is { } policy && SamValue.Truthy(policy))
        {
            if (policy is not SamMap policyMap)
            {
                throw SamException.Event(eventId, "Property 'Auth.ResourcePolicy' should be a map.", policy);
            }

            editor.AddResourcePolicy(policyMap, path, stage);
            if (policyMap.Get("CustomStatements") is { } custom && SamValue.Truthy(custom))
            {
                editor.AddCustomStatements(custom);
            }
        }
    }

    private static string Display(SamValue value) => SamJson.Python(value);

    /// <summary>The method authorizer must be a string naming an entry of the API's Authorizers map.</summary>
    public static void CheckAuthorizerType(string eventId, string method, string path, SamValue? authorizer, SamValue? apiAuthorizers, bool iamEnabled = false)
    {
        if (authorizer?.AsString == "NONE" || (authorizer?.AsString == "AWS_IAM" && iamEnabled))
        {
            return;
        }

        if (authorizer?.AsString is null || apiAuthorizers is not SamMap)
        {
            throw SamException.Event(eventId, $"Unable to set Authorizer [{(authorizer is null ? "None" : Display(authorizer))}] on API method [{method}] for path [{path}]. The method authorizer must be a string with a corresponding dict entry in the api authorizer.", authorizer);
        }
    }

    /// <summary>SAM's <c>_build_apigw_integration_uri</c>: the Lambda invocation URI of the target (streaming when asked).</summary>
    public static SamMap IntegrationUri(InvokeTarget target, string? transferMode)
    {
        var (version, suffix) = transferMode == "RESPONSE_STREAM" ? ("2021-11-15", "/response-streaming-invocations") : ("2015-03-31", "/invocations");
        return Fn.Sub($"arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/{version}/functions/{target.ArnShorthand}{suffix}");
    }

    [GeneratedRegex(@"^method\.request\.(querystring|path|header)\.")]
    private static partial Regex RequestParameter();
}

/// <summary>HttpApi: a permission for API Gateway and a Lambda integration (payload format 2.0) on the HTTP API's body.</summary>
internal sealed partial class HttpApiEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    private SamMap _api = new();
    private string _apiId = string.Empty;

    public override void Link(SamContext context)
    {
        var apiId = Fn.RefName(P("ApiId")) ?? P("ApiId")?.AsString ?? string.Empty;
        _apiId = apiId;
        _api = context.ResourceDict(apiId)?.Get("Properties") as SamMap ?? new SamMap();
    }

    private string Method => P("Method")?.AsString?.ToLowerInvariant() ?? string.Empty;

    private string PathText => P("Path")?.AsString ?? string.Empty;

    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var resources = new List<CfnResource>();
        if (HttpPermission(context) is { } permission)
        {
            resources.Add(permission);
        }

        AddOpenApiIntegration(context);
        return resources;
    }

    private CfnResource? HttpPermission(EventContext context)
    {
        var path = Swagger.TrimTrailingSlash(PathText);
        OpenApi? editor = null;
        if (SamValue.Truthy(_api.Get("DefinitionBody")))
        {
            try
            {
                editor = new OpenApi(_api.Get("DefinitionBody"));
            }
            catch (SamException e) when (e.Kind == SamErrorKind.Template)
            {
                throw SamException.Resource(_apiId, e.FullMessage, _api.Get("DefinitionBody"));
            }
        }

        if (path == OpenApi.DefaultPath)
        {
            path = string.Empty;
        }
        else if (editor is not null && editor.IntegrationInvokes(OpenApi.DefaultPath, ApiDocument.AnyMethod, context.Target.LogicalId))
        {
            return null;
        }

        path = ApiDocument.PathWithoutParameters(path, allowGreedy: false);
        var method = Method is "any" or ApiDocument.AnyMethod ? "*" : Method.ToUpperInvariant();
        var resource = "${__ApiId__}/${__Stage__}";
        resource += Method == "any" && path == "/" + OpenApi.DefaultPath ? path : $"/{method}{path}";
        var sourceArn = Fn.Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:" + resource, new SamMap()
            .Set("__ApiId__", P("ApiId")?.Clone() ?? SamScalar.Null())
            .Set("__Stage__", "*"));
        return Permission(context, "apigateway.amazonaws.com", sourceArn);
    }

    private void AddOpenApiIntegration(EventContext context)
    {
        var body = _api.Get("DefinitionBody");
        if (body is null)
        {
            return;
        }

        var uri = Fn.Sub($"arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/{context.Target.ArnShorthand}/invocations");
        var editor = new OpenApi(body);
        if (SamValue.Truthy(_api.Get(Plugins.ImplicitApis.ManageSwagger)) && editor.HasIntegration(PathText, Method))
        {
            throw Error($"API method '{Method}' defined multiple times for path '{PathText}'.");
        }

        editor.AddLambdaIntegration(PathText, Method, uri, context.Target.Resource.Condition);
        if (P("Auth") is { } authValue && SamValue.Truthy(authValue))
        {
            AddAuth(editor, (SamMap)authValue);
        }

        if (P("TimeoutInMillis") is { } timeout && SamValue.Truthy(timeout))
        {
            editor.AddTimeoutToMethod(PathText, Method, timeout);
        }

        var parameters = PathParameter().Matches(PathText).Select(m => m.Groups[1].Value).ToList();
        if (parameters.Count > 0)
        {
            editor.AddPathParameters(PathText, Method, parameters);
        }

        if (P("PayloadFormatVersion") is { } version && SamValue.Truthy(version))
        {
            editor.AddPayloadFormatVersion(PathText, Method, version);
        }

        _api.Set("DefinitionBody", editor.Document);
    }

    private void AddAuth(OpenApi editor, SamMap auth)
    {
        var apiAuthValue = _api.Get("Auth") ?? new SamMap();
        if (apiAuthValue is not SamMap apiAuth)
        {
            throw SamException.Resource(_apiId, "Property 'Auth' should be a map.", apiAuthValue);
        }

        var authorizer = auth.Get("Authorizer");
        if (authorizer is null || !SamValue.Truthy(authorizer))
        {
            if (apiAuth.Get("DefaultAuthorizer") is { } defaultAuthorizer && SamValue.Truthy(defaultAuthorizer))
            {
                auth.Set("Authorizer", defaultAuthorizer);
                authorizer = defaultAuthorizer;
            }
            else
            {
                throw Error("'Auth' section requires either an explicit 'Authorizer' set or a 'DefaultAuthorizer' configured on the HttpApi.", auth);
            }
        }

        var apiAuthorizers = apiAuth.Get("Authorizers");
        var iamEnabled = apiAuth.Get("EnableIamAuthorizer") is SamScalar { BooleanValue: true };
        ApiEvent.CheckAuthorizerType(RelativeId, Method, PathText, authorizer, apiAuthorizers, iamEnabled);
        var name = authorizer.AsString;
        if (name == "NONE")
        {
            if (!SamValue.Truthy(apiAuth.Get("DefaultAuthorizer")))
            {
                throw Error($"Unable to set Authorizer on API method [{Method}] for path [{PathText}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.", authorizer);
            }
        }
        else if (name != "AWS_IAM" || !iamEnabled)
        {
            if (apiAuthorizers is null || !SamValue.Truthy(apiAuthorizers))
            {
                throw Error($"Unable to set Authorizer [{name}] on API method [{Method}] for path [{PathText}] because the related API does not define any Authorizers.", authorizer);
            }

            if (!SamValue.Truthy(((SamMap)apiAuthorizers).Get(name!)))
            {
                throw Error($"Unable to set Authorizer [{name}] on API method [{Method}] for path [{PathText}] because it wasn't defined in the API's Authorizers.", authorizer);
            }
        }

        if (auth.Get("AuthorizationScopes") is { } scopes && SamValue.Truthy(scopes) && scopes is not SamList)
        {
            throw Error($"Unable to set Authorizer on API method [{Method}] for path [{PathText}] because 'AuthorizationScopes' must be a list of strings.", scopes);
        }

        editor.AddAuthToMethod(PathText, Method, auth, apiAuth);
    }

    [GeneratedRegex("{(.*?)}")]
    private static partial Regex PathParameter();
}
