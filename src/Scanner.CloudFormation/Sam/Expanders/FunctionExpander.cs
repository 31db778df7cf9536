using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Events;
using Scanner.CloudFormation.Sam.Plugins;
using Scanner.CloudFormation.Sam.Values;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::Function → the Lambda function, its execution role (managed policies, policy templates and
/// statements of Policies, dead-letter and destination permissions), version and alias (AutoPublishAlias), function
/// URL and its public permissions, event invoke configuration, gradual deployment, and what every event creates.
/// </summary>
internal sealed partial class FunctionExpander : ISamExpander
{
    private static readonly string[] PassThrough =
    [
        "Handler", "Runtime", "Description", "MemorySize", "Timeout", "VpcConfig", "Environment", "KmsKeyArn",
        "ReservedConcurrentExecutions", "Layers", "FileSystemConfigs", "ImageConfig", "PackageType", "Architectures", "SnapStart",
        "EphemeralStorage",
    ];

    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Alias"] = "AWS::Lambda::Alias",
        ["Version"] = "AWS::Lambda::Version",
        ["DestinationTopic"] = "AWS::SNS::Topic",
        ["DestinationQueue"] = "AWS::SQS::Queue",
    };

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        var id = resource.LogicalId;
        var properties = resource.Properties;
        PolicyTemplates.Expand(id, properties);
        SamSchema.ValidateResource(id, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode);
        var events = LinkEvents(resource, context);
        SamValue? P(string name) => properties.Get(name) is { } v && !SamValue.IsNull(v) ? v : null;

        ValidateRules(resource, P);
        if (P("DeadLetterQueue") is SamMap dlq)
        {
            ValidateDeadLetterQueue(resource, dlq);
        }

        ValidateTenancy(resource, P);
        var resources = new List<CfnResource>();
        var function = LambdaFunction(resource, context, P);
        resources.Add(function);
        if (P("ProvisionedConcurrencyConfig") is { } provisioned && SamValue.Truthy(provisioned) && !(P("AutoPublishAlias") is { } publish && SamValue.Truthy(publish)))
        {
            throw resource.Error("To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function", P("ProvisionedConcurrencyConfig"));
        }

        CfnResource? alias = null;
        var aliasName = string.Empty;
        if (P("AutoPublishAlias") is { } autoPublish && SamValue.Truthy(autoPublish))
        {
            aliasName = ResolvedString(resource, context, "AutoPublishAlias", autoPublish);
            string? codeSha = null;
            if (P("AutoPublishCodeSha256") is { } shaValue)
            {
                codeSha = context.Parameters.Resolve(shaValue)?.AsString ?? throw resource.Error("AutoPublishCodeSha256 must be a string", shaValue);
                var description = context.Parameters.Resolve(P("Description"));
                function.Set("Description", description is null || !SamValue.Truthy(description) || description.AsString is not null
                    ? Fn.Str(description?.AsString is { Length: > 0 } d ? $"{d} {codeSha}" : codeSha)
                    : Fn.Join(" ", [description, Fn.Str(codeSha)]));
            }

            var version = Version(resource, context, function, codeSha, P);
            alias = Alias(resource, aliasName, function, version, P, autoPublish);
            resources.Add(version);
            resources.Add(alias);
        }

        if (P("FunctionUrlConfig") is SamMap urlConfig)
        {
            resources.AddRange(FunctionUrl(resource, function, alias, urlConfig));
        }

        DeploymentPreference(resource, context, alias, P);
        var invokePolicies = new List<SamValue>();
        if (P("EventInvokeConfig") is SamMap invokeConfig)
        {
            var (invokeResources, policies) = EventInvokeConfig(resource, context, function.LogicalId, aliasName, alias, invokeConfig);
            resources.AddRange(invokeResources);
            invokePolicies.AddRange(policies);
        }

        var role = ExecutionRole(resource, context, invokePolicies, P);
        var roleProperty = function.Properties.Get("Role");
        CfnResource? generatedRole = null;
        if (roleProperty is null)
        {
            function.Set("Role", role.GetAtt("Arn"));
            resources.Add(role);
            generatedRole = role;
        }
        else if (Fn.IsIf(roleProperty))
        {
            generatedRole = ConditionalRole(resource, context, function, role, roleProperty);
            if (generatedRole is not null)
            {
                resources.Add(generatedRole);
            }
        }

        var target = alias is not null ? InvokeTarget.Alias(alias) : InvokeTarget.Function(function);
        foreach (var source in EventSources.GenerationOrder(events))
        {
            try
            {
                resources.AddRange(source.Generate(new EventContext(context, resource, target, generatedRole ?? (roleProperty is null ? role : null))));
            }
            catch (SamException e) when (e.Kind == SamErrorKind.Event)
            {
                throw e.InResource(id).LocatedAt(source.Event.Origin);
            }
        }

        Roles.Propagate(resources, P("Tags"), P("PropagateTags"), r => TakesTags(r.Type));
        return resources;
    }

    /// <summary>Resource types SAM generates with a Tags property (what PropagateTags reaches).</summary>
    public static bool TakesTags(string type) => type is "AWS::Lambda::Function" or "AWS::IAM::Role" or "AWS::SQS::Queue" or "AWS::SNS::Topic"
        or "AWS::Scheduler::Schedule" or "AWS::CodeDeploy::Application" or "AWS::CodeDeploy::DeploymentGroup" or "AWS::ApiGateway::RestApi"
        or "AWS::ApiGateway::Stage" or "AWS::ApiGatewayV2::Api" or "AWS::ApiGatewayV2::Stage" or "AWS::ApiGateway::DomainName"
        or "AWS::ApiGatewayV2::DomainName" or "AWS::StepFunctions::StateMachine" or "AWS::DynamoDB::Table" or "AWS::CloudFormation::Stack"
        or "AWS::Lambda::CapacityProvider" or "AWS::Events::Rule" or "AWS::Lambda::LayerVersion";

    private static List<EventSource> LinkEvents(SamResource resource, SamContext context)
    {
        List<EventSource> events;
        try
        {
            events = EventSources.ForFunction(resource.LogicalId, resource.Properties.Get("Events"));
            foreach (var e in events)
            {
                e.Link(context);
            }
        }
        catch (SamException e) when (e.Kind == SamErrorKind.Event)
        {
            throw e.InResource(resource.LogicalId);
        }

        return events;
    }

    private static void ValidateRules(SamResource resource, Func<string, SamValue?> p)
    {
        var messages = new List<string>();
        if (p("CapacityProviderConfig") is not null && p("ProvisionedConcurrencyConfig") is not null)
        {
            messages.Add("Cannot specify 'CapacityProviderConfig' and 'ProvisionedConcurrencyConfig' together.");
        }

        if (p("CapacityProviderConfig") is not null && p("VpcConfig") is not null)
        {
            messages.Add("Cannot specify 'CapacityProviderConfig' and 'VpcConfig' together.");
        }

        if (p("FunctionScalingConfig") is not null && p("CapacityProviderConfig") is null)
        {
            messages.Add("'FunctionScalingConfig' requires 'CapacityProviderConfig'.");
        }

        if (p("VersionDeletionPolicy") is not null && p("AutoPublishAlias") is null)
        {
            messages.Add("'VersionDeletionPolicy' requires 'AutoPublishAlias'.");
        }

        if (messages.Count > 0)
        {
            throw resource.Error(string.Join("\n", messages));
        }
    }

    private static void ValidateDeadLetterQueue(SamResource resource, SamMap dlq)
    {
        var type = dlq.Get("Type");
        if (type is null || !SamValue.Truthy(type) || !SamValue.Truthy(dlq.Get("TargetArn")))
        {
            throw resource.Error("'DeadLetterQueue' requires Type and TargetArn properties to be specified.", dlq);
        }

        if (type.AsString is not { } text)
        {
            throw resource.Error("Property 'DeadLetterQueue.Type' should be a string.", type);
        }

        if (text is not ("SQS" or "SNS"))
        {
            throw resource.Error("'DeadLetterQueue' requires Type of ['SQS', 'SNS']", type);
        }
    }

    private static void ValidateTenancy(SamResource resource, Func<string, SamValue?> p)
    {
        if (p("TenancyConfig") is not { } tenancy || !SamValue.Truthy(tenancy))
        {
            return;
        }

        if (p("ProvisionedConcurrencyConfig") is not null)
        {
            throw resource.Error("Provisioned concurrency is not supported for functions enabled with tenancy configuration.");
        }

        if (p("FunctionUrlConfig") is not null)
        {
            throw resource.Error("Function URL is not supported for functions enabled with tenancy configuration.");
        }

        if (p("SnapStart") is not null)
        {
            throw resource.Error("SnapStart is not supported for functions enabled with tenancy configuration.");
        }

        if (p("Events") is SamMap events)
        {
            foreach (var (_, e) in events)
            {
                var type = (e as SamMap)?.GetString("Type");
                if (type is not ("Api" or "HttpApi"))
                {
                    throw resource.Error($"Event source '{type ?? "None"}' is not supported for functions enabled with tenancy configuration. Only Api and HttpApi event sources are supported.", e);
                }
            }
        }
    }

    private static string ResolvedString(SamResource resource, SamContext context, string property, SamValue value) =>
        context.Parameters.Resolve(value)?.AsString ?? throw resource.Error($"'{property}' must be a string or a Ref to a template parameter", value);

    private static CfnResource LambdaFunction(SamResource resource, SamContext context, Func<string, SamValue?> p)
    {
        var function = resource.New(resource.LogicalId, "AWS::Lambda::Function", resource.ResourceAttributes());
        function.DependsOn = resource.DependsOn;
        if (p("FunctionName") is { } name && SamValue.Truthy(name))
        {
            function.Set("FunctionName", name);
        }

        function.Set("Code", Code(resource, p));
        foreach (var property in PassThrough)
        {
            function.Set(property, p(property));
        }

        function.Set("Role", p("Role"));
        function.Set("Tags", Roles.TagList(resource, p("Tags")));
        var tracing = context.Parameters.Resolve(p("Tracing"));
        if (p("Tracing") is { } t && SamValue.Truthy(t) && tracing?.AsString != "Disabled")
        {
            function.Set("TracingConfig", new SamMap().Set("Mode", t));
        }

        if (p("DeadLetterQueue") is SamMap dlq)
        {
            function.Set("DeadLetterConfig", new SamMap().Set("TargetArn", dlq.Get("TargetArn")!));
        }

        foreach (var property in new[] { "CodeSigningConfigArn", "RuntimeManagementConfig", "LoggingConfig", "TenancyConfig", "RecursiveLoop", "DurableConfig" })
        {
            function.Set(property, p(property));
        }

        if (p("CapacityProviderConfig") is { } capacity && SamValue.Truthy(capacity))
        {
            function.Set("CapacityProviderConfig", CapacityProviderConfig(resource, capacity));
        }

        if (p("FunctionScalingConfig") is { } scaling && SamValue.Truthy(scaling))
        {
            function.Set("FunctionScalingConfig", scaling);
        }

        function.Set("PublishToLatestPublished", p("PublishToLatestPublished"));
        ValidatePackageType(resource, function);
        return function;
    }

    private static SamValue CapacityProviderConfig(SamResource resource, SamValue config)
    {
        if (config is not SamMap map)
        {
            throw resource.Error("Invalid CapacityProviderConfig: value is not a valid dict", config);
        }

        var ec2 = new SamMap().Set("CapacityProviderArn", map.Get("Arn") ?? SamScalar.Null());
        ec2.SetIf("PerExecutionEnvironmentMaxConcurrency", map.Get("PerExecutionEnvironmentMaxConcurrency"));
        ec2.SetIf("ExecutionEnvironmentMemoryGiBPerVCpu", map.Get("ExecutionEnvironmentMemoryGiBPerVCpu"));
        return new SamMap().Set("LambdaManagedInstancesCapacityProviderConfig", ec2);
    }

    private static void ValidatePackageType(SamResource resource, CfnResource function)
    {
        var packageType = function.Properties.Get("PackageType")?.AsString ?? "Zip";
        if (function.Properties.Get("PackageType") is { } pt && pt.AsString is null && !SamValue.IsNull(pt))
        {
            return;
        }

        if (packageType is not ("Zip" or "Image"))
        {
            throw resource.Error("PackageType needs to be `Zip` or `Image`", function.Properties.Get("PackageType"));
        }

        var code = function.Properties.GetMap("Code");
        if (packageType == "Zip")
        {
            if (!SamValue.Truthy(function.Properties.Get("Runtime")) || !SamValue.Truthy(function.Properties.Get("Handler")))
            {
                throw resource.Error("Runtime and Handler needs to be present when PackageType is of type `Zip`");
            }

            if (SamValue.Truthy(code?.Get("ImageUri")) || SamValue.Truthy(function.Properties.Get("ImageConfig")))
            {
                throw resource.Error("ImageUri or ImageConfig cannot be present when PackageType is of type `Zip`");
            }
        }
        else
        {
            if (SamValue.Truthy(function.Properties.Get("Handler")) || SamValue.Truthy(function.Properties.Get("Runtime")) || SamValue.Truthy(function.Properties.Get("Layers")))
            {
                throw resource.Error("Runtime, Handler, Layers cannot be present when PackageType is of type `Image`");
            }

            if (!SamValue.Truthy(code?.Get("ImageUri")))
            {
                throw resource.Error("ImageUri needs to be present when PackageType is of type `Image`");
            }
        }
    }

    /// <summary>
    /// Code from InlineCode, CodeUri or ImageUri. A local path in CodeUri, or no code at all (a template before
    /// <c>sam package</c>), is accepted as SAM's tools accept it, with a warning (E3006): the artifact is uploaded when
    /// the template is packaged.
    /// </summary>
    private static SamValue? Code(SamResource resource, Func<string, SamValue?> p)
    {
        var packageType = p("PackageType")?.AsString ?? "Zip";
        if (packageType == "Image")
        {
            var image = p("ImageUri");
            if (image is null)
            {
                throw resource.Error("'ImageUri' must be set.");
            }

            return new SamMap().Set("ImageUri", image);
        }

        if (packageType != "Zip")
        {
            if (p("PackageType")?.AsString is not null)
            {
                throw resource.Error($"invalid 'PackageType' : {packageType}", p("PackageType"));
            }

            return null;
        }

        SamMap? code = null;
        if (p("InlineCode") is { } inline)
        {
            code = new SamMap().Set("ZipFile", inline);
        }
        else if (p("CodeUri") is { } uri)
        {
            code = S3Location(resource, uri, "CodeUri");
        }
        else
        {
            resource.Unchecked(
                SamDiagnostics.LocalArtifactId,
                "The function has no CodeUri, InlineCode or ImageUri: `sam package` uploads the template's directory as its code (SAM's translator alone rejects the template: Only one of 'InlineCode' or 'CodeUri' can be set.); the code is not analysed.");
        }

        if (code is not null && p("SourceKMSKeyArn") is { } kms)
        {
            code.Set("SourceKMSKeyArn", kms);
        }

        return code;
    }

    /// <summary>
    /// SAM's <c>construct_s3_location_object</c> for code: {S3Bucket, S3Key, S3ObjectVersion}. A dynamic reference to
    /// a secret or parameter is refused; a path without a scheme is a local artifact SAM's packaging uploads.
    /// </summary>
    public static SamMap? S3Location(SamResource resource, SamValue uri, string property)
    {
        if (uri.AsString is { } text && DynamicReference().Match(text) is { Success: true } dynamic && dynamic.Value.Contains('/', StringComparison.Ordinal))
        {
            throw resource.Error($"Unsupported dynamic reference detected in '{property}'. Please consider using alternative 'FunctionCode' object format.", uri);
        }

        return uri is SamMap or SamScalar { IsString: true }
            ? S3Locations.Map(resource, property, uri, "S3Bucket", "S3Key", "S3ObjectVersion")
            : throw resource.Error($"'{property}' must be of type dict or string.", uri);
    }

    private static CfnResource Version(SamResource resource, SamContext context, CfnResource function, string? codeSha, Func<string, SamValue?> p)
    {
        SamValue hashed;
        if (p("AutoPublishAliasAllProperties") is SamScalar { BooleanValue: true })
        {
            var all = (SamMap)function.Properties.Clone();
            foreach (var layer in function.Properties.GetList("Layers") ?? new SamList())
            {
                if (Fn.LogicalIdOf(layer) is { } layerId && context.ResourceDict(layerId)?.GetMap("Properties") is { } layerProperties
                    && SamValue.Truthy(layerProperties.Get("PublishLambdaVersion")))
                {
                    all.Set(layerId, layerProperties);
                }
            }

            hashed = all;
        }
        else
        {
            var code = context.Parameters.Resolve(function.Properties.Get("Code"));
            var dict = code is SamMap m ? (SamMap)m.Clone() : new SamMap();
            if (function.Properties.Get("Environment") is SamMap env)
            {
                dict.Update(env);
            }

            if (function.Properties.Get("MemorySize") is { } memory && SamValue.Truthy(memory))
            {
                dict.Set("MemorySize", memory);
            }

            if (function.Properties.Get("SnapStart") is SamMap snap && (snap.Get("ApplyOn")?.AsString ?? "None") != "None")
            {
                dict.Set("SnapStart", snap);
            }

            hashed = dict;
        }

        var suffix = codeSha is not null ? codeSha[..Math.Min(10, codeSha.Length)] : SamJson.Hash(hashed);
        var attributes = resource.PassThroughAttributes();
        if (!attributes.ContainsKey("DeletionPolicy"))
        {
            attributes.Set("DeletionPolicy", p("VersionDeletionPolicy") ?? Fn.Str(p("CapacityProviderConfig") is not null ? "Delete" : "Retain"));
        }

        var version = resource.New(resource.LogicalId + "Version" + suffix, "AWS::Lambda::Version", attributes);
        version.Set("FunctionName", function.RefValue());
        version.Set("Description", p("VersionDescription"));
        if (p("CapacityProviderConfig") is not null && p("FunctionScalingConfig") is { } scaling)
        {
            version.Set("FunctionScalingConfig", scaling);
        }

        return version;
    }

    private static CfnResource Alias(SamResource resource, string name, CfnResource function, CfnResource version, Func<string, SamValue?> p, SamValue origin)
    {
        if (name.Length == 0)
        {
            throw resource.Error("Alias name is required to create an alias", origin);
        }

        if (!AliasName().IsMatch(name) || name.All(char.IsAsciiDigit))
        {
            throw resource.Error($"AutoPublishAlias name ('{name}') must contain only alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.", origin);
        }

        var id = function.LogicalId + "Alias" + name.Replace("-", "D", StringComparison.Ordinal).Replace("_", "U", StringComparison.Ordinal);
        var alias = resource.New(id, "AWS::Lambda::Alias", resource.PassThroughAttributes(), origin.Origin);
        alias.Set("Name", SamScalar.String(name, origin.Origin));
        alias.Set("FunctionName", function.RefValue());
        alias.Set("FunctionVersion", version.GetAtt("Version"));
        alias.Set("ProvisionedConcurrencyConfig", p("ProvisionedConcurrencyConfig"));
        return alias;
    }

    private static IEnumerable<CfnResource> FunctionUrl(SamResource resource, CfnResource function, CfnResource? alias, SamMap config)
    {
        if (!config.IsIntrinsic)
        {
            var authType = config.Get("AuthType");
            if (!Fn.IsIntrinsic(authType) && authType?.AsString is not ("AWS_IAM" or "NONE"))
            {
                throw resource.Error("AuthType is required to configure function property `FunctionUrlConfig`. Please provide either AWS_IAM or NONE.", authType ?? config);
            }

            if (config.Get("Cors") is { } cors && SamValue.Truthy(cors) && !Fn.IsIntrinsic(cors))
            {
                if (cors is not SamMap corsMap)
                {
                    throw resource.Error("Property 'FunctionUrlConfig.Cors' should be a map.", cors);
                }

                foreach (var (name, value) in corsMap)
                {
                    var expected = name switch
                    {
                        "AllowOrigins" or "AllowMethods" or "AllowHeaders" or "ExposeHeaders" => "list",
                        "AllowCredentials" => "bool",
                        "MaxAge" => "int",
                        _ => throw resource.Error($"{name} is not a valid property for configuring Cors.", value),
                    };
                    var ok = Fn.IsIntrinsic(value) || expected switch
                    {
                        "list" => value is SamList,
                        "bool" => value is SamScalar { Kind: ScalarKind.Boolean },
                        _ => value is SamScalar { Kind: ScalarKind.Integer or ScalarKind.Boolean },
                    };
                    if (!ok)
                    {
                        throw resource.Error($"{name} must be of type {expected}.", value);
                    }
                }
            }
        }

        var target = alias is not null ? alias.RefValue() : function.RefValue();
        var url = resource.New(function.LogicalId + "Url", "AWS::Lambda::Url", resource.PassThroughAttributes(), config.Origin);
        if (config.Get("Cors") is { } c && SamValue.Truthy(c))
        {
            url.Set("Cors", c);
        }

        url.Set("AuthType", config.Get("AuthType"));
        url.Set("TargetFunctionArn", target);
        url.Set("InvokeMode", config.Get("InvokeMode"));
        yield return url;
        if (config.GetString("AuthType") == "NONE" && !config.IsIntrinsic)
        {
            yield return resource.New(function.LogicalId + "UrlPublicPermissions", "AWS::Lambda::Permission", resource.PassThroughAttributes(), config.Origin)
                .Set("Action", "lambda:InvokeFunctionUrl")
                .Set("FunctionName", target.Clone())
                .Set("Principal", "*")
                .Set("FunctionUrlAuthType", config.Get("AuthType"));
            yield return resource.New(function.LogicalId + "URLInvokeAllowPublicAccess", "AWS::Lambda::Permission", resource.PassThroughAttributes(), config.Origin)
                .Set("Action", "lambda:InvokeFunction")
                .Set("FunctionName", target.Clone())
                .Set("Principal", "*")
                .Set("InvokedViaFunctionUrl", SamScalar.Boolean(true));
        }
    }

    private static void DeploymentPreference(SamResource resource, SamContext context, CfnResource? alias, Func<string, SamValue?> p)
    {
        if (p("DeploymentPreference") is not SamMap preference || preference.Count == 0)
        {
            return;
        }

        foreach (var name in new[] { "Enabled", "Type" })
        {
            if (preference.Get(name) is { } value)
            {
                preference.Set(name, ResolveWithMappings(context, value));
            }
        }

        if (preference.Get("PassthroughCondition") is { } passthrough)
        {
            var resolved = ResolveWithMappings(context, passthrough);
            bool flag = resolved switch
            {
                SamScalar { BooleanValue: { } b } => b,
                SamScalar { Text: "true" or "True" } => true,
                SamScalar { Text: "false" or "False" } => false,
                _ when Fn.IsIntrinsic(resolved) => throw resource.Error("Unsupported intrinsic: the only intrinsic functions supported for property PassthroughCondition are FindInMap and parameter Refs.", passthrough),
                _ => throw resource.Error("Invalid value for property PassthroughCondition.", passthrough),
            };
            preference.Set("PassthroughCondition", SamScalar.Boolean(flag, passthrough.Origin));
        }
        else
        {
            preference.Set("PassthroughCondition", SamScalar.Boolean(false));
        }

        var added = DeploymentPreferences.Add(context, resource, preference, resource.Condition, p("Tags"), p("PropagateTags"));
        if (added.Enabled)
        {
            if (!(p("AutoPublishAlias") is { } publish && SamValue.Truthy(publish)))
            {
                throw resource.Error("'DeploymentPreference' requires AutoPublishAlias property to be specified.", preference);
            }

            alias!.Attributes.Set("UpdatePolicy", DeploymentPreferences.UpdatePolicy(added));
        }
    }

    /// <summary>Parameter Refs and then Fn::FindInMap resolved (SAM resolves some DeploymentPreference fields this way).</summary>
    public static SamValue ResolveWithMappings(SamContext context, SamValue value)
    {
        var resolved = context.Parameters.Resolve(value)!;
        return FindInMap(context, resolved);
    }

    private static SamValue FindInMap(SamContext context, SamValue value)
    {
        if (value is not SamMap { IntrinsicName: "Fn::FindInMap" } map)
        {
            return value;
        }

        if (map.IntrinsicArgument is not SamList { Count: 3 } args)
        {
            throw SamException.Template($"Invalid FindInMap value {SamJson.Python(map.IntrinsicArgument ?? SamScalar.Null())}. FindInMap expects an array with 3 values.", map);
        }

        var names = args.Select(a => FindInMap(context, a).AsString).ToList();
        if (names[0] is { } mapName && context.Mappings?.Get(mapName) is { } mapping)
        {
            // SAM resolves pseudo parameters with the deploying region: a map that is not two-level fails for some region.
            var second = names[1] is { } key ? (mapping as SamMap)?.Get(key) is { } v ? [v] : Array.Empty<SamValue>() : (mapping as SamMap)?.Values ?? [];
            if (mapping is not SamMap || second.Any(v => v is not SamMap))
            {
                throw SamException.Template($"Cannot use Fn::FindInMap on Mapping '{mapName}' which is not a a two-level map.", map);
            }
        }

        if (names.Any(n => n is null) || context.Mappings?.GetMap(names[0]!)?.GetMap(names[1]!)?.Get(names[2]!) is not { } found)
        {
            return value;
        }

        return found.Clone();
    }

    private (List<CfnResource> Resources, List<SamValue> Policies) EventInvokeConfig(SamResource resource, SamContext context, string functionId, string aliasName, CfnResource? alias, SamMap config)
    {
        var resources = new List<CfnResource>();
        var policies = new List<SamValue>();
        var resolved = context.Parameters.Resolve(config) as SamMap ?? config;
        var logicalId = functionId + "EventInvokeConfig";
        var invoke = resource.New(logicalId, "AWS::Lambda::EventInvokeConfig", resource.ResourceAttributes(), config.Origin);
        if (alias is not null)
        {
            invoke.DependsOn = Fn.Strings(alias.LogicalId);
        }

        var destinations = new SamMap();
        if (resolved.Get("DestinationConfig") is { } destinationValue && SamValue.Truthy(destinationValue))
        {
            if (destinationValue is not SamMap destinationConfig)
            {
                throw resource.Error("Property 'EventInvokeConfig.DestinationConfig' should be a map.", destinationValue);
            }

            foreach (var name in new[] { "OnSuccess", "OnFailure" })
            {
                if (destinationConfig.Get(name) is not { } value || SamValue.IsNull(value))
                {
                    continue;
                }

                if (value is not SamMap destination)
                {
                    throw resource.Error($"Property 'EventInvokeConfig.DestinationConfig.{name}' should be a map.", value);
                }

                var (generated, target, policy) = Destination(resource, context, destination, name, logicalId);
                destinations.Set(name, new SamMap().Set("Destination", target ?? SamScalar.Null()));
                if (config.GetMap("DestinationConfig")?.GetMap(name) is { } original)
                {
                    original.Set("Destination", target ?? SamScalar.Null());
                }

                if (generated is not null)
                {
                    resources.Add(generated);
                }

                if (policy is not null)
                {
                    policies.Add(policy);
                }
            }
        }

        invoke.Set("FunctionName", Fn.Ref(functionId));
        invoke.Set("Qualifier", aliasName.Length > 0 ? aliasName : "$LATEST");
        invoke.Set("DestinationConfig", destinations);
        invoke.Set("MaximumEventAgeInSeconds", resolved.Get("MaximumEventAgeInSeconds"));
        invoke.Set("MaximumRetryAttempts", resolved.Get("MaximumRetryAttempts"));
        resources.Add(invoke);
        return (resources, policies);
    }

    private static (CfnResource? Resource, SamValue? Destination, SamValue? Policy) Destination(SamResource resource, SamContext context, SamMap config, string eventName, string logicalId)
    {
        string[] accepted = ["SQS", "SNS", "EventBridge", "Lambda", "S3Bucket"];
        var type = config.Get("Type");
        if (type?.AsString is not { } kind || !accepted.Contains(kind))
        {
            throw resource.Error($"'Type: {(type is null || SamValue.IsNull(type) ? "None" : SamJson.Python(type))}' must be one of {Globals.PythonList(accepted)}", type ?? config);
        }

        var destination = config.Get("Destination");
        if (destination is not null && SamValue.IsNull(destination))
        {
            destination = null;
        }

        var resourceId = logicalId + eventName;
        var (propertyCondition, destinationArn) = ConditionOf(resource, context, destination, logicalId);
        CfnResource? generated = null;
        SamValue? policy = null;
        if (destination is null || propertyCondition is not null)
        {
            var combined = CombinedCondition(resource, context, propertyCondition);
            if (kind is "SQS" or "SNS")
            {
                generated = resource.New(resourceId + (kind == "SQS" ? "Queue" : "Topic"), kind == "SQS" ? "AWS::SQS::Queue" : "AWS::SNS::Topic", resource.PassThroughAttributes(), config.Origin);
                if (combined is not null)
                {
                    generated.Attributes.Set("Condition", combined);
                }

                var arn = kind == "SQS" ? generated.GetAtt("Arn") : generated.RefValue();
                destination = propertyCondition is not null ? Fn.If(propertyCondition, arn, destinationArn!) : arn;
                policy = DestinationPolicy(kind, resourceId, destination);
            }
            else
            {
                throw resource.Error("Destination is required if Type is not ['SQS', 'SNS']", config);
            }
        }

        if (config.Get("Destination") is { } given && !SamValue.IsNull(given) && propertyCondition is null)
        {
            policy = DestinationPolicy(kind, resourceId, given);
        }

        return (generated, destination, policy);
    }

    private static SamValue? DestinationPolicy(string kind, string logicalId, SamValue arn) => kind switch
    {
        "SQS" => Roles.InlinePolicy(logicalId + "SQSPolicy", Fn.Str("sqs:SendMessage"), arn.Clone()),
        "SNS" => Roles.InlinePolicy(logicalId + "SNSPolicy", Fn.Str("sns:publish"), arn.Clone()),
        "EventBridge" => Roles.InlinePolicy(logicalId + "EventBridgePolicy", Fn.Str("events:PutEvents"), arn.Clone()),
        "Lambda" => Roles.InlinePolicy(logicalId + "LambdaPolicy", Fn.Str("lambda:InvokeFunction"), arn.Clone()),
        "S3Bucket" => new SamMap()
            .Set("PolicyName", logicalId + "S3Policy")
            .Set("PolicyDocument", new SamMap().Set("Statement", Fn.List(
                new SamMap().Set("Action", "s3:PutObject").Set("Effect", "Allow").Set("Resource", Fn.Join("/", [arn.Clone(), Fn.Str("*")])),
                new SamMap().Set("Action", "s3:ListBucket").Set("Effect", "Allow").Set("Resource", arn.Clone())))),
        _ => null,
    };

    /// <summary>A destination Fn::If with AWS::NoValue on one side: SAM creates the queue/topic only under that condition.</summary>
    private static (string? Condition, SamValue? Arn) ConditionOf(SamResource resource, SamContext context, SamValue? destination, string logicalId)
    {
        if (destination is null || !Fn.IsIf(destination))
        {
            return (null, null);
        }

        var list = ((SamMap)destination).GetList("Fn::If");
        if (list is not { Count: 3 })
        {
            throw SamException.Resource(logicalId, "Malformed 'Destination' property: Fn::If requires 3 arguments.", destination);
        }

        if (Fn.IsNoValue(list[1]) && Fn.IsNoValue(list[2]))
        {
            return (null, null);
        }

        if (Fn.IsNoValue(list[1]))
        {
            return (list[0].AsString, list[2]);
        }

        if (Fn.IsNoValue(list[2]))
        {
            var condition = list[0].AsString ?? string.Empty;
            var negated = GeneratedConditionName("NOT" + condition, logicalId);
            context.Conditions.Set(negated, Fn.Not(Fn.Condition(condition)));
            return (negated, list[1]);
        }

        return (null, null);
    }

    private static string? CombinedCondition(SamResource resource, SamContext context, string? propertyCondition)
    {
        var resourceCondition = resource.Condition;
        if (resourceCondition is null)
        {
            return propertyCondition;
        }

        if (propertyCondition is null)
        {
            return resourceCondition;
        }

        var name = GeneratedConditionName(resourceCondition + "AND" + propertyCondition, resource.LogicalId);
        // As SAM writes it: make_and_condition wraps each {"Condition": name} it is given in another {"Condition": …}.
        context.Conditions.Set(name, Fn.And([new SamMap().Set("Condition", Fn.Condition(resourceCondition)), new SamMap().Set("Condition", Fn.Condition(propertyCondition))]));
        return name;
    }

    private static string GeneratedConditionName(string name, string hashInput)
    {
        var full = name + SamJson.HashText(hashInput);
        return full.Length > 255 ? full[..255] : full;
    }

    private static CfnResource ExecutionRole(SamResource resource, SamContext context, List<SamValue> invokePolicies, Func<string, SamValue?> p)
    {
        var trust = p("AssumeRolePolicyDocument") ?? Roles.AssumeRolePolicy("lambda.amazonaws.com");
        var managed = new List<SamValue>
        {
            Roles.AwsManagedPolicyArn(p("DurableConfig") is not null ? "service-role/AWSLambdaBasicDurableExecutionRolePolicy" : "service-role/AWSLambdaBasicExecutionRole"),
        };
        var tracing = context.Parameters.Resolve(p("Tracing"));
        if (p("Tracing") is { } t && SamValue.Truthy(t) && tracing?.AsString != "Disabled")
        {
            managed.Add(Roles.AwsManagedPolicyArn("AWSXrayWriteOnlyAccess"));
        }

        if (p("VpcConfig") is not null)
        {
            managed.Add(Roles.AwsManagedPolicyArn("service-role/AWSLambdaVPCAccessExecutionRole"));
        }

        var documents = new List<SamValue>();
        if (p("DeadLetterQueue") is SamMap dlq)
        {
            var action = dlq.GetString("Type") == "SQS" ? "sqs:SendMessage" : "sns:Publish";
            documents.Add(new SamMap()
                .Set("PolicyName", "DeadLetterQueuePolicy")
                .Set("PolicyDocument", new SamMap()
                    .Set("Version", "2012-10-17")
                    .Set("Statement", Fn.List(new SamMap().Set("Action", action).Set("Resource", dlq.Get("TargetArn")!).Set("Effect", "Allow")))));
        }

        documents.AddRange(invokePolicies);
        return Roles.ExecutionRole(resource, trust, p("Policies"), managed, documents, p("RolePath"), p("PermissionsBoundary"), Roles.TagList(resource, p("Tags")));
    }

    /// <summary>Role: !If [cond, !Ref AWS::NoValue, arn] (or the reverse): SAM creates its role only for the NoValue branch.</summary>
    private static CfnResource? ConditionalRole(SamResource resource, SamContext context, CfnResource function, CfnResource role, SamValue roleProperty)
    {
        var resolved = context.Parameters.Resolve(roleProperty)!;
        var list = (resolved as SamMap)?.GetList("Fn::If");
        if (list is not { Count: 3 })
        {
            throw resource.Error("Malformed 'Role' property: Fn::If requires 3 arguments.", roleProperty);
        }

        var condition = list[0].AsString ?? string.Empty;
        var arn = role.GetAtt("Arn");
        if (Fn.IsNoValue(list[1]) && Fn.IsNoValue(list[2]))
        {
            function.Set("Role", arn);
            return role;
        }

        if (Fn.IsNoValue(list[1]))
        {
            function.Set("Role", Fn.If(condition, arn, list[2]));
            role.Attributes.Set("Condition", condition);
            return role;
        }

        if (Fn.IsNoValue(list[2]))
        {
            function.Set("Role", Fn.If(condition, list[1], arn));
            role.Attributes.Set("Condition", "NOT" + condition);
            context.Conditions.Set("NOT" + condition, Fn.Not(Fn.Condition(condition)));
            return role;
        }

        return null;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9\-_]+$")]
    private static partial Regex AliasName();

    [GeneratedRegex(@"{{resolve:(ssm|ssm-secure|secretsmanager):[a-zA-Z0-9_.\-/]+(:\d+)?}}")]
    private static partial Regex DynamicReference();
}
