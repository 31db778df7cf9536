using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::Connector → the permissions SAM's connector profiles grant between the source and each
/// destination: an IAM managed policy on the source's (or destination's) role, an SQS queue policy, an SNS topic
/// policy or Lambda permissions. Connectors are transformed last and read the already transformed resources.
/// </summary>
internal sealed partial class ConnectorExpander : ISamExpander
{
    private static readonly Dictionary<string, string> SamToCfn = new(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = "AWS::Lambda::Function",
        ["AWS::Serverless::StateMachine"] = "AWS::StepFunctions::StateMachine",
        ["AWS::Serverless::Api"] = "AWS::ApiGateway::RestApi",
        ["AWS::Serverless::HttpApi"] = "AWS::ApiGatewayV2::Api",
        ["AWS::Serverless::SimpleTable"] = "AWS::DynamoDB::Table",
    };

    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>();

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        SamSchema.ValidateResource(resource.LogicalId, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode ?? resource.Dict.Origin);
        return Connect(resource, context);
    }

    /// <summary>
    /// A connector SAM creates while expanding another resource (GraphQLApi data sources and Lambda authorizers):
    /// endpoints given by ARN and role name, no resource attributes; what it generates points at <paramref name="owner"/>.
    /// </summary>
    public static IReadOnlyList<CfnResource> Internal(SamResource owner, SamContext context, string logicalId, SamMap source, SamMap destination, SamList permissions)
    {
        var dict = new SamMap(owner.Origin)
            .Set("Type", "AWS::Serverless::Connector")
            .Set("Properties", new SamMap(owner.Origin).Set("Source", source).Set("Destination", destination).Set("Permissions", permissions));
        return Connect(new SamResource(context, logicalId, dict, null, owner.Written ?? owner.Cause), context);
    }

    private static List<CfnResource> Connect(SamResource resource, SamContext context)
    {
        var id = resource.LogicalId;
        var properties = resource.Properties;
        var source = (SamMap)properties.Get("Source")!;
        var destinations = properties.Get("Destination") switch
        {
            SamMap single => new List<SamMap> { single },
            SamList list => list.Cast<SamMap>().ToList(),
            _ => [],
        };
        var multi = properties.Get("Destination") is SamList;
        var permissions = ((SamList)properties.Get("Permissions")!).Select(p => p.AsString ?? string.Empty).Distinct().ToList();
        var generated = new List<CfnResource>();
        for (var index = 0; index < destinations.Count; index++)
        {
            Reference destination, sourceReference;
            try
            {
                destination = Resolve(destinations[index], context, source);
                sourceReference = Resolve(source, context, destinations[index]);
            }
            catch (ArgumentException e)
            {
                throw resource.Error(e.Message, destinations[index]);
            }

            var created = Generate(resource, context, sourceReference, destination, index, multi, permissions);
            var metadata = new SamMap().Set("aws:sam:connectors", new SamMap().Set(id, new SamMap()
                .Set("Source", new SamMap().Set("Type", OriginalType(context, sourceReference)))
                .Set("Destination", new SamMap().Set("Type", OriginalType(context, destination)))));
            foreach (var r in created)
            {
                var existing = r.Attributes.GetMap("Metadata");
                var merged = existing is null ? new SamMap() : (SamMap)existing.Clone();
                merged.Update(metadata);
                r.Attributes.Set("Metadata", merged);
            }

            generated.AddRange(created);
        }

        ReplaceDependsOn(context, id, generated.Select(g => g.LogicalId).ToList());
        if (generated.Count == 0)
        {
            throw resource.Error("'Destination' is an empty list", properties.Get("Destination"));
        }

        return generated;
    }

    private static string OriginalType(SamContext context, Reference reference) =>
        reference.LogicalId is { } id && context.ResourceType(id) is { } type ? type : reference.Type;

    /// <summary>A resource a connector names: its type and the values the profiles need (ARN, role, queue URL…).</summary>
    private sealed record Reference(string? LogicalId, string Type, SamValue? Arn, SamValue? RoleName, SamValue? QueueUrl, SamValue? ResourceId, SamValue? Name, SamValue? Qualifier);

    private static Reference Resolve(SamMap obj, SamContext context, SamMap connecting)
    {
        var hasId = obj.ContainsKey("Id");
        var hasOther = obj.Keys.Any(k => k is not ("Id" or "Qualifier"));
        if (hasId == hasOther)
        {
            throw new ArgumentException("Must provide 'Id' (with optional 'Qualifier') or a supported combination of other properties.");
        }

        var idValue = obj.Get("Id");
        if (idValue is null || !SamValue.Truthy(idValue))
        {
            var typeValue = obj.Get("Type");
            if (typeValue?.AsString is not { Length: > 0 } type)
            {
                throw new ArgumentException("'Type' is missing or not a string.");
            }

            return new Reference(null, SamToCfn.GetValueOrDefault(type, type), obj.Get("Arn"), obj.Get("RoleName"), obj.Get("QueueUrl"), obj.Get("ResourceId"), obj.Get("Name"), obj.Get("Qualifier"));
        }

        if (idValue.AsString is not { Length: > 0 } logicalId)
        {
            throw new ArgumentException("'Id' is missing or not a string.");
        }

        var resource = context.Output?.Entries.TryGetValue(logicalId, out var entry) == true ? entry.Dict : null;
        if (resource is null)
        {
            throw new ArgumentException($"Unable to find resource with logical ID '{logicalId}'.");
        }

        if (resource.GetString("Type") is not { Length: > 0 } resourceType)
        {
            throw new ArgumentException("'Type' is missing or not a string.");
        }

        var resourceProperties = resource.GetMap("Properties") ?? new SamMap();
        var cfn = Replace(SamData.ConnectorProfiles.GetMap("CfnResourceProperties")?.GetMap(resourceType)?.Clone() ?? new SamMap(), new() { ["logicalId"] = Fn.Str(logicalId) }) as SamMap ?? new SamMap();
        var outputs = cfn.GetMap("Outputs") ?? new SamMap();
        var roleName = RoleName(connecting.Get("Id")?.AsString, connecting.Get("Arn"), cfn, resourceProperties);
        var qualifier = obj.ContainsKey("Qualifier") ? obj.Get("Qualifier") : outputs.Get("Qualifier");
        return new Reference(logicalId, resourceType, outputs.Get("Arn"), roleName, outputs.Get("Url"), outputs.Get("Id"), outputs.Get("Name"), qualifier);
    }

    private static SamValue? RoleName(string? connectingId, SamValue? connectingArn, SamMap cfn, SamMap properties)
    {
        var input = cfn.GetMap("Inputs")?.Get("Role");
        SamValue? role = null;
        if (input?.AsString is { } property)
        {
            role = properties.Get(property);
        }
        else if (input is SamMap function && function.GetString("Function") == "GetEventsRuleRole")
        {
            foreach (var target in properties.GetList("Targets") ?? new SamList())
            {
                if (target is not SamMap t)
                {
                    continue;
                }

                var arn = t.Get("Arn");
                var targetId = Fn.LogicalIdOf(arn);
                if ((targetId is not null && targetId == connectingId) || (connectingArn is not null && arn is not null && SamJson.Canonical(connectingArn) == SamJson.Canonical(arn)))
                {
                    role = t.Get("RoleArn");
                    break;
                }
            }
        }

        return role is not null && SamValue.Truthy(role) && Fn.LogicalIdOf(role) is { } roleId ? Fn.Ref(roleId) : null;
    }

    private static List<CfnResource> Generate(SamResource resource, SamContext context, Reference source, Reference destination, int index, bool multi, List<string> permissions)
    {
        var profile = SamData.ConnectorProfiles.GetMap("Permissions")?.GetMap(source.Type)?.GetMap(destination.Type)?.Clone() as SamMap;
        if (profile is null)
        {
            throw resource.Error($"Unable to create connector from {source.Type} to {destination.Type}; it's not supported or the template is invalid.");
        }

        var type = profile.GetString("Type");
        var profileProperties = profile.GetMap("Properties")!;
        var categories = profileProperties.GetMap("AccessCategories")!;
        var valid = string.Join(", ", categories.Keys);
        if (permissions.Count == 0)
        {
            throw resource.Error($"'Permissions' cannot be empty; valid values are: {valid}.");
        }

        foreach (var permission in permissions)
        {
            if (!categories.ContainsKey(permission))
            {
                throw resource.Error($"Unsupported 'Permissions' provided for connector from {source.Type} to {destination.Type}; valid values are: {valid}.");
            }
        }

        if (profileProperties.GetList("ValidAccessCategories") is { } combinations)
        {
            var sorted = combinations.Select(c => ((SamList)c).Select(x => x.AsString!).Order(StringComparer.Ordinal).ToList()).ToList();
            var mine = permissions.Order(StringComparer.Ordinal).ToList();
            if (!sorted.Any(c => c.SequenceEqual(mine)))
            {
                throw resource.Error($"Unsupported 'Permissions' provided for connector from {source.Type} to {destination.Type}; valid combinations are: {string.Join(", ", sorted.Select(c => string.Join(" + ", c)))}.");
            }
        }

        var replacements = new Dictionary<string, SamValue?>(StringComparer.Ordinal)
        {
            ["Source.Arn"] = source.Arn,
            ["Destination.Arn"] = destination.Arn,
            ["Source.ResourceId"] = source.ResourceId,
            ["Destination.ResourceId"] = destination.ResourceId,
            ["Source.Name"] = source.Name,
            ["Destination.Name"] = destination.Name,
            ["Source.Qualifier"] = source.Qualifier,
            ["Destination.Qualifier"] = destination.Qualifier,
        };
        try
        {
            profileProperties = (SamMap)Replace(profileProperties, replacements);
        }
        catch (ArgumentException e)
        {
            throw resource.Error(e.Message);
        }

        var leftover = ProfileVariable().Matches(SamJson.Canonical(profileProperties)).Select(m => m.Value).ToList();
        if (leftover.Count > 0)
        {
            throw resource.Error($"The following variables have not been replaced: {Plugins.Globals.PythonList(leftover)}");
        }

        categories = profileProperties.GetMap("AccessCategories")!;
        var sourcePolicy = profileProperties.Get("SourcePolicy") is SamScalar { BooleanValue: true };
        var subject = sourcePolicy ? source : destination;
        var side = sourcePolicy ? "Source" : "Destination";
        var id = resource.LogicalId;
        string Name(string suffix) => multi ? $"{id}{suffix}Destination{index}" : $"{id}{suffix}";
        CfnResource New(string logicalId, string cfnType)
        {
            var r = resource.New(logicalId, cfnType, resource.ResourceAttributes());
            r.DependsOn = resource.DependsOn;
            return r;
        }

        SamMap Document() => new SamMap()
            .Set("Version", "2012-10-17")
            .Set("Statement", new SamList(categories.Where(c => permissions.Contains(c.Key)).SelectMany(c => ((SamMap)c.Value).GetList("Statement") ?? new SamList())));
        switch (type)
        {
            case "AWS_IAM_ROLE_MANAGED_POLICY":
                if (subject.RoleName is null)
                {
                    throw resource.Error($"Unable to get IAM role name from '{side}' resource.");
                }

                var policy = New(Name("Policy"), "AWS::IAM::ManagedPolicy").Set("PolicyDocument", Document()).Set("Roles", Fn.List(subject.RoleName));
                var dependedBy = profileProperties.GetString("DependedBy");
                if (dependedBy == "DESTINATION_EVENT_SOURCE_MAPPING" && source.LogicalId is { } s && destination.LogicalId is { } d)
                {
                    var mappings = EventSourceMappings(context, s, d).ToList();
                    if (mappings.Count == 1)
                    {
                        AddDependsOn(context, mappings[0], policy.LogicalId);
                    }
                }

                if (dependedBy == "SOURCE" && source.LogicalId is { } sourceId)
                {
                    AddDependsOn(context, sourceId, policy.LogicalId);
                }

                return [policy];
            case "AWS_SQS_QUEUE_POLICY":
                if (subject.QueueUrl is null || !SamValue.Truthy(subject.QueueUrl))
                {
                    throw resource.Error($"Unable to get SQS queue URL from '{side}' resource.");
                }

                return [New(Name("QueuePolicy"), "AWS::SQS::QueuePolicy").Set("PolicyDocument", Document()).Set("Queues", Fn.List(subject.QueueUrl))];
            case "AWS_SNS_TOPIC_POLICY":
                if (subject.Arn is null || !SamValue.Truthy(subject.Arn))
                {
                    throw resource.Error($"Unable to get SNS topic ARN from '{side}' resource.");
                }

                return [New(Name("TopicPolicy"), "AWS::SNS::TopicPolicy").Set("Topics", Fn.List(subject.Arn)).Set("PolicyDocument", Document())];
            case "AWS_LAMBDA_PERMISSION":
                if (subject.Arn is null || !SamValue.Truthy(subject.Arn))
                {
                    throw resource.Error($"Unable to get Lambda function ARN from '{side}' resource.");
                }

                var result = new List<CfnResource>();
                foreach (var (name, value) in categories)
                {
                    if (!permissions.Contains(name) || value is not SamMap p)
                    {
                        continue;
                    }

                    result.Add(New(multi ? $"{id}{name}LambdaPermissionDestination{index}" : $"{id}{name}LambdaPermission", "AWS::Lambda::Permission")
                        .Set("Action", p.Get("Action"))
                        .Set("FunctionName", subject.Arn.Clone())
                        .Set("Principal", p.Get("Principal"))
                        .Set("SourceArn", p.Get("SourceArn"))
                        .Set("SourceAccount", p.Get("SourceAccount")));
                }

                return result;
            default:
                throw resource.Error($"Profile type {type} is not supported");
        }
    }

    /// <summary>SAM's profile_replace: <c>%{Source.Arn}</c> becomes the value, or a <c>${SourceArn}</c> of an Fn::Sub inside text.</summary>
    private static SamValue Replace(SamValue value, Dictionary<string, SamValue?> replacements)
    {
        switch (value)
        {
            case SamMap map:
                var result = new SamMap(map.Origin);
                foreach (var (k, v) in map)
                {
                    result.Set(k, Replace(v, replacements));
                }

                return result;
            case SamList list:
                return new SamList(list.Select(i => Replace(i, replacements)), list.Origin);
            case SamScalar { IsString: true } s:
                var text = s.Text;
                var variables = new SamMap();
                foreach (var (key, replacement) in replacements)
                {
                    var pattern = "%{" + key + "}";
                    if (!text.Contains(pattern, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (replacement is null || SamValue.IsNull(replacement))
                    {
                        throw new ArgumentException($"{key} is missing.");
                    }

                    if (pattern == text)
                    {
                        return replacement.Clone();
                    }

                    var name = new string(key.Where(char.IsLetterOrDigit).ToArray());
                    text = text.Replace(pattern, "${" + name + "}", StringComparison.Ordinal);
                    variables.Set(name, replacement.Clone());
                }

                if (SubVariable().IsMatch(text))
                {
                    return variables.Count > 0 ? Fn.Sub(text, variables) : Fn.Sub(text);
                }

                return SamScalar.String(text, s.Origin);
            default:
                return value;
        }
    }

    private static IEnumerable<string> EventSourceMappings(SamContext context, string eventSourceId, string functionId)
    {
        foreach (var (id, entry) in context.Output!.Entries)
        {
            if (entry.Dict.GetString("Type") == "AWS::Lambda::EventSourceMapping" && entry.Dict.GetMap("Properties") is { } p
                && Fn.LogicalIdOf(p.Get("FunctionName")) == functionId && Fn.LogicalIdOf(p.Get("EventSourceArn")) == eventSourceId)
            {
                yield return id;
            }
        }
    }

    private static void AddDependsOn(SamContext context, string logicalId, string dependency)
    {
        if (context.Output?.Entries.TryGetValue(logicalId, out var entry) != true)
        {
            return;
        }

        var dependsOn = entry!.Dict.Get("DependsOn");
        var list = dependsOn switch
        {
            SamList l => l.Items.ToList(),
            SamScalar s => [s],
            _ => new List<SamValue>(),
        };
        if (!list.Any(x => x.AsString == dependency))
        {
            list.Add(Fn.Str(dependency));
        }

        entry.Dict.Set("DependsOn", new SamList(list, dependsOn?.Origin));
    }

    /// <summary>A DependsOn on the connector becomes a DependsOn on what it generated.</summary>
    private static void ReplaceDependsOn(SamContext context, string connectorId, List<string> replacement)
    {
        foreach (var (_, entry) in context.Output!.Entries)
        {
            var dependsOn = entry.Dict.Get("DependsOn");
            var list = dependsOn switch
            {
                SamList l => l.Items.ToList(),
                SamScalar s => [s],
                _ => null,
            };
            if (list is null || !list.Any(x => x.AsString == connectorId))
            {
                continue;
            }

            list.RemoveAll(x => x.AsString == connectorId);
            foreach (var id in replacement)
            {
                if (!list.Any(x => x.AsString == id))
                {
                    list.Add(Fn.Str(id));
                }
            }

            entry.Dict.Set("DependsOn", new SamList(list, dependsOn?.Origin));
        }
    }

    [GeneratedRegex(@"%{[\w\.]+}")]
    private static partial Regex ProfileVariable();

    [GeneratedRegex(@"\${.+}")]
    private static partial Regex SubVariable();
}
