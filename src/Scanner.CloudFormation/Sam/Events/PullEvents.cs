using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Events;

/// <summary>
/// Event sources Lambda polls (SQS, Kinesis, DynamoDB, MSK, MQ, self-managed Kafka, DocumentDB): an event source
/// mapping, and the permissions the poller needs added to the function's generated execution role.
/// </summary>
internal sealed class PullEvent : EventSource
{
    private static readonly string[] WithFiltering = ["DocumentDB", "DynamoDB", "Kinesis", "MQ", "MSK", "SelfManagedKafka", "SQS"];
    private static readonly string[] KafkaAuth = ["SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"];

    private static readonly string[] PassThrough =
    [
        "StartingPosition", "StartingPositionTimestamp", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds", "MaximumRetryAttempts",
        "BisectBatchOnFunctionError", "MaximumRecordAgeInSeconds", "ParallelizationFactor", "Topics", "Queues", "SourceAccessConfigurations",
        "TumblingWindowInSeconds", "FunctionResponseTypes", "FilterCriteria", "KmsKeyArn", "ScalingConfig", "ProvisionedPollerConfig",
        "MetricsConfig", "LoggingConfig",
    ];

    private readonly string _kind;

    public PullEvent(string ownerId, string eventId, SamMap @event, string kind)
        : base(ownerId, eventId, @event)
    {
        _kind = kind;
    }

    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var mapping = New(context, LogicalId, "AWS::Lambda::EventSourceMapping");
        mapping.Set("FunctionName", context.Target.NameOrArn);
        mapping.Set("EventSourceArn", _kind switch
        {
            "SQS" => P("Queue"),
            "MQ" => P("Broker"),
            "DocumentDB" => P("Cluster"),
            "SelfManagedKafka" => null,
            _ => P("Stream"),
        });
        foreach (var name in PassThrough)
        {
            mapping.Set(name, P(name));
        }

        ValidateFilterCriteria();
        if (P("KafkaBootstrapServers") is { } servers && SamValue.Truthy(servers))
        {
            mapping.Set("SelfManagedEventSource", new SamMap().Set("Endpoints", new SamMap().Set("KafkaBootstrapServers", servers)));
        }

        SamMap? kafkaConfig = null;
        if (P("ConsumerGroupId") is { } group && SamValue.Truthy(group))
        {
            kafkaConfig = new SamMap().Set("ConsumerGroupId", group);
            switch (_kind)
            {
                case "MSK":
                    mapping.Set("AmazonManagedKafkaEventSourceConfig", kafkaConfig);
                    break;
                case "SelfManagedKafka":
                    mapping.Set("SelfManagedKafkaEventSourceConfig", kafkaConfig);
                    break;
                default:
                    throw SamException.Event(LogicalId, $"Property ConsumerGroupId not defined for resource of type {_kind}.", group);
            }
        }

        if (P("SchemaRegistryConfig") is { } registry && SamValue.Truthy(registry) && _kind is "MSK" or "SelfManagedKafka")
        {
            var key = _kind == "MSK" ? "AmazonManagedKafkaEventSourceConfig" : "SelfManagedKafkaEventSourceConfig";
            var config = mapping.Properties.GetMap(key) ?? new SamMap();
            config.Set("SchemaRegistryConfig", registry);
            mapping.Set(key, config);
        }

        SamMap? destinationPolicy = null;
        if (P("DestinationConfig") is SamMap destination && destination.Count > 0)
        {
            var onFailureValue = destination.Get("OnFailure");
            if (onFailureValue is not SamMap onFailure)
            {
                throw SamException.Event(LogicalId, "Property 'DestinationConfig.OnFailure' should be a map.", onFailureValue ?? destination);
            }

            if (onFailure.Get("Type") is { } typeValue && SamValue.Truthy(typeValue))
            {
                var type = typeValue.AsString;
                onFailure.Remove("Type");
                if (type is not ("SQS" or "SNS" or "S3" or "Kafka"))
                {
                    throw SamException.Event(LogicalId, "The only valid values for 'Type' are 'SQS', 'SNS', 'S3', and 'Kafka'", typeValue);
                }

                var target = onFailure.Get("Destination") ?? SamScalar.Null();
                destinationPolicy = type switch
                {
                    "SQS" => Roles.InlinePolicy(LogicalId + "SQSPolicy", Fn.Str("sqs:SendMessage"), target),
                    "SNS" => Roles.InlinePolicy(LogicalId + "SNSPolicy", Fn.Str("sns:publish"), target),
                    "S3" => S3PayloadPolicy(target),
                    _ => null,
                };
            }

            mapping.Set("DestinationConfig", destination);
        }

        if (_kind == "DocumentDB")
        {
            var config = new SamMap().Set("DatabaseName", P("DatabaseName") ?? SamScalar.Null());
            if (P("CollectionName") is { } collection && SamValue.Truthy(collection))
            {
                config.Set("CollectionName", collection);
            }

            if (P("FullDocument") is { } full && SamValue.Truthy(full))
            {
                config.Set("FullDocument", full);
            }

            mapping.Set("DocumentDBEventSourceConfig", config);
        }

        LinkPolicies(context, destinationPolicy);
        return [mapping];
    }

    private SamMap S3PayloadPolicy(SamValue bucketArn) => new SamMap()
        .Set("PolicyName", LogicalId + "S3Policy")
        .Set("PolicyDocument", new SamMap().Set("Statement", Fn.List(
            new SamMap().Set("Action", "s3:PutObject").Set("Effect", "Allow").Set("Resource", Fn.Join("/", [bucketArn, Fn.Str("*")])),
            new SamMap().Set("Action", "s3:ListBucket").Set("Effect", "Allow").Set("Resource", bucketArn))));

    private void ValidateFilterCriteria()
    {
        if (P("FilterCriteria") is not { } criteria || !SamValue.Truthy(criteria) || Fn.IsIntrinsic(criteria))
        {
            return;
        }

        if (!WithFiltering.Contains(_kind))
        {
            throw Error($"FilterCriteria is only available for {string.Join(", ", WithFiltering)} events.", criteria);
        }

        if (criteria is SamMap map && !(map.Count == 0 || (map.Count == 1 && map.ContainsKey("Filters"))))
        {
            throw Error("FilterCriteria field has a wrong format", criteria);
        }
    }

    /// <summary>The managed policy and inline policies the poller needs, added to the generated role (SAM's _link_policy).</summary>
    private void LinkPolicies(EventContext context, SamMap? destinationPolicy)
    {
        var managed = _kind switch
        {
            "Kinesis" => "service-role/AWSLambdaKinesisExecutionRole",
            "DynamoDB" => "service-role/AWSLambdaDynamoDBExecutionRole",
            "SQS" => "service-role/AWSLambdaSQSQueueExecutionRole",
            "MSK" => "service-role/AWSLambdaMSKExecutionRole",
            _ => null,
        };
        var statements = PolicyStatements(context);
        if (context.Role is not { } role)
        {
            return;
        }

        if (managed is not null)
        {
            var arns = role.Properties.GetList("ManagedPolicyArns") ?? new SamList();
            var arn = Roles.AwsManagedPolicyArn(managed);
            if (!arns.Any(a => SamJson.Canonical(a) == SamJson.Canonical(arn)))
            {
                arns.Add(arn);
            }

            role.Set("ManagedPolicyArns", arns);
        }

        if (statements is not null)
        {
            var policies = role.Properties.GetList("Policies") ?? new SamList();
            foreach (var policy in statements)
            {
                var document = SamJson.Canonical(policy.Get("PolicyDocument") ?? SamScalar.Null());
                if (!policies.Any(p => SamJson.Canonical(p) == SamJson.Canonical(policy))
                    && !policies.OfType<SamMap>().Any(p => SamJson.Canonical(p.Get("PolicyDocument") ?? SamScalar.Null()) == document))
                {
                    policies.Add(policy);
                }
            }

            role.Set("Policies", policies);
        }

        if (destinationPolicy is not null)
        {
            var policies = role.Properties.GetList("Policies");
            if (policies is null)
            {
                role.Set("Policies", Fn.List(destinationPolicy));
            }
            else if (!policies.Any(p => SamJson.Canonical(p) == SamJson.Canonical(destinationPolicy)))
            {
                var document = SamJson.Canonical(destinationPolicy.Get("PolicyDocument")!);
                if (!policies.OfType<SamMap>().Any(p => SamJson.Canonical(p.Get("PolicyDocument") ?? new SamMap()) == document))
                {
                    policies.Add(destinationPolicy);
                }
            }
        }
    }

    private List<SamMap>? PolicyStatements(EventContext context) => _kind switch
    {
        "MSK" => MskStatements(context),
        "MQ" => MqStatements(),
        "SelfManagedKafka" => SelfManagedKafkaStatements(context),
        "DocumentDB" => DocumentDbStatements(),
        _ => null,
    };

    private static SamMap Statement(SamValue action, SamValue resource) =>
        new SamMap().Set("Action", action).Set("Effect", "Allow").Set("Resource", resource);

    private List<SamMap>? MskStatements(EventContext context)
    {
        var statements = new List<SamMap>();
        if (P("SchemaRegistryConfig") is { } registry && SamValue.Truthy(registry))
        {
            statements.AddRange(SchemaRegistryStatements(context, registry));
        }

        if (P("SourceAccessConfigurations") is SamList configs)
        {
            foreach (var conf in configs.OfType<SamMap>())
            {
                if (conf.GetString("Type") == "CLIENT_CERTIFICATE_TLS_AUTH" && conf.Get("URI") is { } uri && SamValue.Truthy(uri))
                {
                    statements.Add(Statement(Fn.Strings("secretsmanager:GetSecretValue"), uri));
                }
            }
        }

        return statements.Count == 0 ? null : [new SamMap().Set("PolicyName", "MSKExecutionRolePolicy").Set("PolicyDocument", new SamMap().Set("Statement", new SamList(statements)))];
    }

    private List<SamMap> MqStatements()
    {
        var basicAuth = RequiredAccessConfiguration(["BASIC_AUTH", "VIRTUAL_HOST"], "BASIC_AUTH");
        var statements = new SamList([
            Statement(Fn.Strings("secretsmanager:GetSecretValue"), basicAuth),
            Statement(Fn.Strings("mq:DescribeBroker"), P("Broker") ?? SamScalar.Null()),
        ]);
        if (P("SecretsManagerKmsKeyId") is { } key && SamValue.Truthy(key))
        {
            var text = key.AsString ?? throw Error("Property 'SecretsManagerKmsKeyId' should be a string.", key);
            statements.Add(Statement(Fn.Str("kms:Decrypt"), Fn.Sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" + text)));
        }

        var name = P("DynamicPolicyName") is SamScalar { BooleanValue: true } ? LogicalId + "AMQPolicy" : "SamAutoGeneratedAMQPolicy";
        return [new SamMap().Set("PolicyName", name).Set("PolicyDocument", new SamMap().Set("Statement", statements))];
    }

    private List<SamMap> DocumentDbStatements()
    {
        var basicAuth = RequiredAccessConfiguration(["BASIC_AUTH"], "BASIC_AUTH");
        var statements = new SamList([
            Statement(Fn.Strings("secretsmanager:GetSecretValue"), basicAuth),
            Statement(Fn.Strings("rds:DescribeDBClusterParameters"), Fn.Sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*")),
            Statement(Fn.Strings("rds:DescribeDBSubnetGroups"), Fn.Sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*")),
            Statement(Fn.Strings("rds:DescribeDBClusters"), P("Cluster") ?? SamScalar.Null()),
            VpcStatement(),
        ]);
        if (P("SecretsManagerKmsKeyId") is { } key && SamValue.Truthy(key))
        {
            var text = key.AsString ?? throw Error("Property 'SecretsManagerKmsKeyId' should be a string.", key);
            statements.Add(Statement(Fn.Strings("kms:Decrypt"), Fn.Sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" + text)));
        }

        return [new SamMap().Set("PolicyName", "SamAutoGeneratedDocumentDBPolicy").Set("PolicyDocument", new SamMap().Set("Statement", statements))];
    }

    private static SamMap VpcStatement() => Statement(
        Fn.Strings("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"),
        Fn.Str("*"));

    private List<SamMap> SelfManagedKafkaStatements(EventContext context)
    {
        if (P("KafkaBootstrapServers") is not { } servers || !SamValue.Truthy(servers))
        {
            throw Error("No KafkaBootstrapServers provided for self managed kafka as an event source");
        }

        if (P("Topics") is not { } topics || !SamValue.Truthy(topics))
        {
            throw Error("No Topics provided for self managed kafka as an event source");
        }

        if (topics is SamList { Count: not 1 })
        {
            throw Error("Topics for self managed kafka only supports single configuration entry.", topics);
        }

        if (P("SourceAccessConfigurations") is not { } configs || !SamValue.Truthy(configs))
        {
            throw Error("No SourceAccessConfigurations for self managed kafka event provided.");
        }

        if (configs is not SamList list)
        {
            throw Error("SourceAccessConfigurations for self managed kafka event should be a list.", configs);
        }

        SamValue? authUri = null;
        SamValue? caUri = null;
        bool subnet = false, securityGroup = false;
        foreach (var item in list)
        {
            if (item is not SamMap config)
            {
                throw SamException.Resource(RelativeId, "Property 'SourceAccessConfigurations' should be a map.", item);
            }

            var type = config.GetString("Type");
            switch (type)
            {
                case "VPC_SUBNET":
                    ValidateUri(config.Get("URI"), "VPC_SUBNET", config);
                    subnet = true;
                    break;
                case "VPC_SECURITY_GROUP":
                    ValidateUri(config.Get("URI"), "VPC_SECURITY_GROUP", config);
                    securityGroup = true;
                    break;
                case not null when KafkaAuth.Contains(type):
                    if (authUri is not null)
                    {
                        throw Error("Multiple auth mechanism properties specified in SourceAccessConfigurations for self managed kafka event.", config);
                    }

                    ValidateUri(config.Get("URI"), "auth mechanism", config);
                    authUri = config.Get("URI");
                    break;
                case "SERVER_ROOT_CA_CERTIFICATE":
                    ValidateUri(config.Get("URI"), "SERVER_ROOT_CA_CERTIFICATE", config);
                    caUri = config.Get("URI");
                    break;
                default:
                    throw Error("Invalid SourceAccessConfigurations Type provided for self managed kafka event.", config);
            }
        }

        if (subnet != securityGroup)
        {
            throw Error("VPC_SUBNET and VPC_SECURITY_GROUP in SourceAccessConfigurations for SelfManagedKafka must be both provided.", configs);
        }

        var statements = new SamList();
        if (authUri is not null)
        {
            statements.Add(Statement(Fn.Strings("secretsmanager:GetSecretValue"), authUri));
        }

        if (caUri is not null)
        {
            // SAM grants the auth mechanism's secret again here (its code reads the first URI).
            statements.Add(Statement(Fn.Strings("secretsmanager:GetSecretValue"), authUri ?? SamScalar.Null()));
        }

        if (subnet && securityGroup)
        {
            statements.Add(VpcStatement());
        }

        if (P("SecretsManagerKmsKeyId") is { } key && SamValue.Truthy(key))
        {
            var text = key.AsString ?? throw Error("Property 'SecretsManagerKmsKeyId' should be a string.", key);
            statements.Add(Statement(Fn.Strings("kms:Decrypt"), Fn.Sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" + text)));
        }

        if (P("SchemaRegistryConfig") is { } registry && SamValue.Truthy(registry))
        {
            statements.AddRange(SchemaRegistryStatements(context, registry));
        }

        return [new SamMap().Set("PolicyDocument", new SamMap().Set("Statement", statements).Set("Version", "2012-10-17")).Set("PolicyName", "SelfManagedKafkaExecutionRolePolicy")];
    }

    private void ValidateUri(SamValue? uri, string what, SamValue at)
    {
        if (uri is null || !SamValue.Truthy(uri))
        {
            throw Error($"No {what} URI property specified in SourceAccessConfigurations for self managed kafka event.", at);
        }

        if (uri.AsString is null && !Fn.IsIntrinsic(uri))
        {
            throw Error($"Wrong Type for {what} URI property specified in SourceAccessConfigurations for self managed kafka event.", uri);
        }
    }

    private SamValue RequiredAccessConfiguration(string[] supported, string required)
    {
        var configs = P("SourceAccessConfigurations");
        if (configs is null || !SamValue.Truthy(configs))
        {
            throw Error($"No SourceAccessConfigurations for Amazon {_kind} event provided.");
        }

        if (configs is not SamList list)
        {
            throw Error("Provided SourceAccessConfigurations cannot be parsed into a list.", configs);
        }

        SamValue? uri = null;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not SamMap conf)
            {
                throw Error($"Property 'SourceAccessConfigurations[{i}]' should be a map.", list[i]);
            }

            var type = conf.Get("Type")?.AsString ?? throw Error($"Property 'SourceAccessConfigurations[{i}].Type' should be a string.", conf.Get("Type") ?? conf);
            if (!supported.Contains(type))
            {
                throw Error($"Invalid property Type specified in SourceAccessConfigurations. The supported values are: {Plugins.Globals.PythonList(supported)}.", conf);
            }

            if (type == required)
            {
                if (uri is not null)
                {
                    throw Error($"Multiple {required} properties specified in SourceAccessConfigurations.", conf);
                }

                uri = conf.Get("URI");
                if (uri is null || !SamValue.Truthy(uri))
                {
                    throw Error($"No {required} URI property specified in SourceAccessConfigurations.", conf);
                }
            }
        }

        return uri ?? throw Error($"No {required} property specified in SourceAccessConfigurations.", configs);
    }

    private IEnumerable<SamMap> SchemaRegistryStatements(EventContext context, SamValue registryValue)
    {
        if (registryValue is not SamMap registry)
        {
            throw Error("Property 'SchemaRegistryConfig' should be a map.", registryValue);
        }

        foreach (var field in new[] { "SchemaRegistryURI", "EventRecordFormat", "SchemaValidationConfigs" })
        {
            if (!registry.ContainsKey(field))
            {
                throw Error($"Missing required field {field} in SchemaRegistryConfig", registry);
            }
        }

        if (registry.GetString("EventRecordFormat") is not ("JSON" or "SOURCE"))
        {
            throw Error("EventRecordFormat in SchemaRegistryConfig must be either 'JSON' or 'SOURCE'", registry.Get("EventRecordFormat"));
        }

        if (registry.Get("SchemaValidationConfigs") is not SamList)
        {
            throw Error("SchemaValidationConfigs must be a list", registry.Get("SchemaValidationConfigs"));
        }

        var access = registry.Get("AccessConfigs") ?? new SamList();
        if (SamValue.Truthy(access) && access is not SamList)
        {
            throw Error("AccessConfigs in SchemaRegistryConfig must be a list", access);
        }

        var statements = new List<SamMap>();
        foreach (var config in access as SamList ?? new SamList())
        {
            if (config is not SamMap c || !c.ContainsKey("Type") || !c.ContainsKey("URI"))
            {
                throw Error("Each AccessConfig must be a dict with 'Type' and 'URI' fields", config);
            }

            statements.Add(Statement(Fn.Strings("secretsmanager:GetSecretValue"), c.Get("URI")!));
        }

        var uri = registry.Get("SchemaRegistryURI");
        var arn = uri?.AsString ?? (uri is SamMap ? (context.Sam.Parameters.Resolve(uri) as SamMap)?.GetString("Fn::Sub") : null);
        if (RegistryName(arn) is { } name)
        {
            statements.Add(Statement(Fn.Strings("glue:GetRegistry"), uri!));
            statements.Add(Statement(Fn.Strings("glue:GetSchemaVersion"), Fn.List(Fn.Sub("arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:schema/" + name + "/*"))));
        }

        return statements;
    }

    private static string? RegistryName(string? uri)
    {
        if (uri is null || !uri.StartsWith("arn", StringComparison.Ordinal))
        {
            return null;
        }

        // SAM resolves ${AWS::Region}/${AWS::Partition} before reading the ARN; their values hold no ':'.
        var parts = System.Text.RegularExpressions.Regex.Replace(uri, @"\$\{AWS::([A-Za-z]+)\}", "$1").Split(':');
        return parts.Length >= 6 && parts[5].StartsWith("registry/", StringComparison.Ordinal) ? parts[5]["registry/".Length..] : null;
    }
}

/// <summary>ScheduleV2: an EventBridge Scheduler schedule, with an invoke role SAM creates unless RoleArn is given.</summary>
internal sealed class ScheduleV2Event : EventSource
{
    private readonly bool _stateMachine;

    public ScheduleV2Event(string ownerId, string eventId, SamMap @event, bool stateMachine = false)
        : base(ownerId, eventId, @event)
    {
        _stateMachine = stateMachine;
    }

    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var attributes = context.Target.PassThroughAttributes();
        var schedule = New(context, LogicalId, "AWS::Scheduler::Schedule", attributes);
        var resources = new List<CfnResource> { schedule };
        schedule.Set("ScheduleExpression", P("ScheduleExpression"));
        if (P("State") is { } state && SamValue.Truthy(state))
        {
            schedule.Set("State", state);
        }

        if (P("OmitName") is SamScalar { BooleanValue: true })
        {
            if (P("Name") is { } n && SamValue.Truthy(n))
            {
                throw SamException.Event(LogicalId, "Name cannot be set when OmitName is True", n);
            }
        }
        else
        {
            schedule.Set("Name", P("Name") is { } name && SamValue.Truthy(name) ? name : Fn.Str(LogicalId));
        }

        schedule.Set("Description", P("Description"));
        schedule.Set("FlexibleTimeWindow", P("FlexibleTimeWindow") is { } window && SamValue.Truthy(window) ? window : new SamMap().Set("Mode", "OFF"));
        foreach (var name in new[] { "StartDate", "EndDate", "ScheduleExpressionTimezone", "GroupName", "KmsKeyArn" })
        {
            schedule.Set(name, P(name));
        }

        SamValue? dlqArn = null;
        if (P("DeadLetterConfig") is SamMap dlq)
        {
            var hasArn = dlq.ContainsKey("Arn");
            var hasType = dlq.ContainsKey("Type");
            if (hasArn && hasType)
            {
                throw SamException.Event(LogicalId, "You can either define 'Arn' or 'Type' property of DeadLetterConfig.", dlq);
            }

            if (hasType && dlq.GetString("Type") != "SQS")
            {
                throw SamException.Event(LogicalId, "The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.", dlq);
            }

            if (!hasArn && !hasType)
            {
                throw SamException.Event(LogicalId, "No 'Arn' or 'Type' property provided for DeadLetterConfig.", dlq);
            }

            if (dlq.Get("Arn") is { } arn && !SamValue.IsNull(arn))
            {
                dlqArn = arn;
            }
            else
            {
                var queueId = dlq.Get("QueueLogicalId");
                if (queueId is not null && !SamValue.IsNull(queueId) && queueId.AsString is null)
                {
                    throw SamException.Event(LogicalId, "QueueLogicalId must be a string", queueId);
                }

                var queue = New(context, queueId?.AsString ?? LogicalId + "Queue", "AWS::SQS::Queue", attributes);
                resources.Add(queue);
                dlqArn = queue.GetAtt("Arn");
            }
        }

        var roleArn = P("RoleArn");
        if (roleArn is null || !SamValue.Truthy(roleArn))
        {
            var policy = _stateMachine
                ? Roles.InlinePolicy(LogicalId + "StartExecutionPolicy", Fn.Str("states:StartExecution"), context.Target.Arn.Clone())
                : Roles.InlinePolicy(LogicalId + "LambdaPolicy", Fn.Str("lambda:InvokeFunction"), context.Target.Arn.Clone());
            var role = New(context, LogicalId + "Role", "AWS::IAM::Role", attributes)
                .Set("AssumeRolePolicyDocument", Roles.AssumeRolePolicy("scheduler.amazonaws.com"));
            var policies = new SamList([policy]);
            if (dlqArn is not null)
            {
                policies.Add(Roles.InlinePolicy(LogicalId + "SQSPolicy", Fn.Str("sqs:SendMessage"), dlqArn.Clone()));
            }

            role.Set("Policies", policies);
            if (P("PermissionsBoundary") is { } boundary && SamValue.Truthy(boundary))
            {
                role.Set("PermissionsBoundary", boundary);
            }

            resources.Add(role);
            roleArn = role.GetAtt("Arn");
        }

        var target = new SamMap().Set("Arn", context.Target.Arn.Clone()).Set("RoleArn", roleArn);
        target.SetIf("Input", P("Input"));
        if (P("DeadLetterConfig") is not null)
        {
            target.Set("DeadLetterConfig", new SamMap().Set("Arn", dlqArn ?? SamScalar.Null()));
        }

        target.SetIf("RetryPolicy", P("RetryPolicy"));
        schedule.Set("Target", target);
        return resources;
    }
}
