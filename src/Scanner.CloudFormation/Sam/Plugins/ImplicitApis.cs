using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Sam.Api;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Plugins;

/// <summary>
/// SAM's API plugins, run before resources are transformed: APIs without a definition get SAM's own (managed)
/// OpenAPI body; Api and HttpApi events of functions and state machines without an API id create the implicit
/// <c>ServerlessRestApi</c>/<c>ServerlessHttpApi</c> and add their path and method to the API they name.
/// </summary>
internal static class ImplicitApis
{
    public const string ManageSwagger = "__MANAGE_SWAGGER";

    public static void AddDefaultDefinitionBodies(SamContext context)
    {
        foreach (var type in new[] { "AWS::Serverless::Api", "AWS::Serverless::HttpApi" })
        {
            foreach (var (_, value) in context.Resources)
            {
                if (value is not SamMap resource || resource.GetString("Type") != type)
                {
                    continue;
                }

                var properties = resource.Get("Properties") as SamMap;
                if (properties is not null && (SamValue.Truthy(properties.Get("DefinitionBody")) || SamValue.Truthy(properties.Get("DefinitionUri"))))
                {
                    continue;
                }

                if (properties is null)
                {
                    if (type != "AWS::Serverless::HttpApi" || resource.ContainsKey("Properties"))
                    {
                        // SAM edits a detached empty dict here: nothing changes.
                        continue;
                    }

                    properties = new SamMap(resource.Origin);
                    resource.Set("Properties", properties);
                }

                properties.Set("DefinitionBody", type == "AWS::Serverless::HttpApi" ? OpenApi.Skeleton() : Swagger.Skeleton());
                properties.Set(ManageSwagger, SamScalar.Boolean(true));
            }
        }
    }

    public static void AddImplicitRestApi(SamContext context) => new Plugin(context, rest: true).Run();

    public static void AddImplicitHttpApi(SamContext context) => new Plugin(context, rest: false).Run();

    /// <summary>One run of SAM's implicit API plugin, for REST or HTTP APIs.</summary>
    private sealed class Plugin
    {
        private readonly SamContext _context;
        private readonly bool _rest;
        private readonly string _implicitId;
        private readonly string _idProperty;
        private readonly string _apiType;
        private readonly Dictionary<string, Dictionary<string, Dictionary<string, string?>>> _conditions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string?>> _deletionPolicies = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string?>> _updateReplacePolicies = new(StringComparer.Ordinal);

        public Plugin(SamContext context, bool rest)
        {
            _context = context;
            _rest = rest;
            _implicitId = rest ? "ServerlessRestApi" : "ServerlessHttpApi";
            _idProperty = rest ? "RestApiId" : "ApiId";
            _apiType = rest ? "AWS::Serverless::Api" : "AWS::Serverless::HttpApi";
        }

        private SamMap Resources => _context.Resources;

        public void Run()
        {
            var existing = Resources.Get(_implicitId)?.Clone();
            var implicitProperties = new SamMap();
            if (_rest)
            {
                implicitProperties.Set("StageName", "Prod");
            }

            implicitProperties.Set("DefinitionBody", _rest ? Swagger.Skeleton() : OpenApi.Skeleton());
            implicitProperties.Set(ManageSwagger, SamScalar.Boolean(true));
            var implicitApi = new SamMap().Set("Type", _apiType).Set("Properties", implicitProperties);
            Resources.Set(_implicitId, implicitApi);

            var errors = new List<SamException>();
            foreach (var (id, value) in Resources.ToList())
            {
                if (value is not SamMap resource || resource.GetString("Type") is not ("AWS::Serverless::Function" or "AWS::Serverless::StateMachine"))
                {
                    continue;
                }

                if (resource.Get("Condition") is { } c && c.AsString is null && !SamValue.IsNull(c))
                {
                    throw SamException.Template("Every Condition member must be a string.", c);
                }

                if (resource.GetMap("Properties")?.GetMap("Events") is not { } events)
                {
                    continue;
                }

                var apiEvents = events.Where(e => e.Value is SamMap m && m.Count > 0 && m.GetString("Type") == (_rest ? "Api" : "HttpApi")).ToList();
                if (apiEvents.Count == 0)
                {
                    continue;
                }

                try
                {
                    foreach (var (eventId, eventValue) in apiEvents)
                    {
                        ProcessEvent(id, resource, eventId, (SamMap)eventValue);
                    }
                }
                catch (SamException e) when (e.Kind == SamErrorKind.Event)
                {
                    errors.Add(e.InResource(id).LocatedAt(_context.WrittenResource(id)?.KeyNode));
                }
            }

            AddConditionToImplicitApi(implicitApi);
            AddPolicyToImplicitApi(implicitApi, "DeletionPolicy", _deletionPolicies, ["Retain", "Delete"]);
            AddPolicyToImplicitApi(implicitApi, "UpdateReplacePolicy", _updateReplacePolicies, ["Retain", "Snapshot", "Delete"]);
            AddPathConditions();
            if (Resources.GetMap(_implicitId)?.GetMap("Properties")?.GetMap("DefinitionBody")?.GetMap("paths") is { Count: 0 })
            {
                if (existing is not null)
                {
                    Resources.Set(_implicitId, existing);
                }
                else
                {
                    Resources.Remove(_implicitId);
                }
            }

            if (errors.Count > 0)
            {
                _context.Errors.AddRange(errors);
            }
        }

        private void ProcessEvent(string functionId, SamMap function, string eventId, SamMap @event)
        {
            var properties = @event.Get("Properties");
            if (_rest && (properties is null || !SamValue.Truthy(properties)))
            {
                return;
            }

            if (properties is null || SamValue.IsNull(properties))
            {
                properties = new SamMap(@event.Origin);
                @event.Set("Properties", properties);
            }

            if (properties is not SamMap props)
            {
                throw SamException.Event(eventId, "Properties should be a map.", properties);
            }

            AddTagsToImplicitApi(props, function);
            if (!props.ContainsKey(_idProperty))
            {
                props.Set(_idProperty, Fn.Ref(_implicitId));
                if (Resources.GetMap(_implicitId) is { } implicitApi && implicitApi.Origin is null)
                {
                    implicitApi.Origin = @event.Origin;
                    implicitApi.GetMap("Properties")!.Origin = @event.Origin;
                    if (_context.WrittenResource(functionId) is { } written)
                    {
                        _context.SyntheticSources[_implicitId] = written;
                    }
                }
            }

            if (!_rest && !SamValue.Truthy(props.Get("Path")) && !SamValue.Truthy(props.Get("Method")))
            {
                props.Set("Path", OpenApi.DefaultPath);
                props.Set("Method", ApiDocument.AnyMethod);
            }

            var apiIdValue = props.Get(_idProperty);
            var apiId = Fn.RefName(apiIdValue) ?? apiIdValue?.AsString;
            var path = props.Get("Path");
            var method = props.Get("Method");
            if (path is null || SamValue.IsNull(path))
            {
                throw SamException.Event(eventId, "Property 'Path' is required.", props);
            }

            if (method is null || SamValue.IsNull(method))
            {
                throw SamException.Event(eventId, "Property 'Method' is required.", props);
            }

            if (apiId is null)
            {
                throw SamException.Event(eventId, $"Property '{_idProperty}' should be a string.", apiIdValue);
            }

            var pathText = path.AsString ?? throw SamException.Event(eventId, "Property 'Path' should be a string.", path);
            var methodText = method.AsString ?? throw SamException.Event(eventId, "Property 'Method' should be a string.", method);
            RecordAttributes(apiId, pathText, methodText, function);
            AddApiToDocument(eventId, apiId, apiIdValue, pathText, methodText);
            if (!_rest && props.ContainsKey("RouteSettings"))
            {
                AddRouteSettings(eventId, apiId, props, pathText, methodText, function.GetString("Condition"));
            }
        }

        private void AddTagsToImplicitApi(SamMap props, SamMap function)
        {
            if (props.ContainsKey(_idProperty))
            {
                return;
            }

            var section = function.GetString("Type") == "AWS::Serverless::Function" ? "Function" : "StateMachine";
            var globals = (_context.Template.GetMap("Globals")?.GetMap(section)) ?? new SamMap();
            var functionProperties = function.GetMap("Properties") ?? new SamMap();
            var propagate = SamValue.Truthy(functionProperties.Get("PropagateTags")) ? functionProperties.Get("PropagateTags") : globals.Get("PropagateTags");
            var tags = SamValue.Truthy(functionProperties.Get("Tags")) ? functionProperties.Get("Tags") : globals.Get("Tags");
            if (Resources.GetMap(_implicitId) is { } implicitApi && tags is SamMap tagMap && SamValue.Truthy(propagate))
            {
                var properties = implicitApi.GetMap("Properties")!;
                var apiTags = properties.GetOrAdd("Tags", () => new SamMap());
                apiTags.Update(tagMap);
                properties.Set("PropagateTags", SamScalar.Boolean(true));
            }
        }

        private void RecordAttributes(string apiId, string path, string method, SamMap function)
        {
            var byPath = _conditions.TryGetValue(apiId, out var p) ? p : _conditions[apiId] = new(StringComparer.Ordinal);
            var byMethod = byPath.TryGetValue(path, out var m) ? m : byPath[path] = new(StringComparer.Ordinal);
            byMethod[method] = function.GetString("Condition");
            (_deletionPolicies.TryGetValue(apiId, out var d) ? d : _deletionPolicies[apiId] = []).Add(function.GetString("DeletionPolicy"));
            (_updateReplacePolicies.TryGetValue(apiId, out var u) ? u : _updateReplacePolicies[apiId] = []).Add(function.GetString("UpdateReplacePolicy"));
        }

        private void AddApiToDocument(string eventId, string apiId, SamValue? apiIdValue, string path, string method)
        {
            var api = Resources.GetMap(apiId);
            var type = api?.GetString("Type");
            if (apiIdValue is SamMap && Fn.RefName(apiIdValue) is null || api is null || (type == "AWS::Serverless::HttpApi" && type != _apiType))
            {
                throw SamException.Event(eventId, $"{_idProperty} must be a valid reference to an '{_apiType}' resource in same template.", apiIdValue);
            }

            if (api.GetMap("Properties") is not { } properties || !IsValidDocument(properties.Get("DefinitionBody")) || !SamValue.Truthy(properties.Get(ManageSwagger)))
            {
                return;
            }

            ApiDocument editor = _rest ? new Swagger(properties.Get("DefinitionBody")) : new OpenApi(properties.Get("DefinitionBody"));
            editor.AddPath(path, method);
            properties.Set("DefinitionBody", editor.Document);
        }

        private bool IsValidDocument(SamValue? body) => _rest ? Swagger.IsValid(body) : OpenApi.IsValid(body);

        private void AddRouteSettings(string eventId, string apiId, SamMap props, string path, string method, string? condition)
        {
            var api = Resources.GetMap(apiId)!;
            var properties = api.GetMap("Properties")!;
            var route = method == ApiDocument.AnyMethod ? path : $"{method.ToUpperInvariant()} {path}";
            var apiRouteSettings = properties.Get("RouteSettings") ?? new SamMap();
            if (apiRouteSettings is not SamMap settings)
            {
                throw SamException.Resource(apiId, "Property 'RouteSettings' should be a map.", apiRouteSettings);
            }

            var eventSettings = props.Get("RouteSettings") ?? new SamMap();
            if (condition is not null)
            {
                eventSettings = Fn.If(condition, eventSettings, Fn.NoValue);
            }

            if (eventSettings is not SamMap eventMap)
            {
                throw SamException.Event(eventId, "Property 'RouteSettings' should be a map.", eventSettings);
            }

            var target = settings.GetOrAdd(route, () => new SamMap());
            target.Update(eventMap);
            properties.Set("RouteSettings", settings);
        }

        private void AddConditionToImplicitApi(SamMap implicitApi)
        {
            if (!_conditions.TryGetValue(_implicitId, out var byPath) || byPath.Count == 0)
            {
                return;
            }

            var all = byPath.Values.SelectMany(m => m.Values).ToHashSet();
            if (all.Count == 0 || all.Contains(null))
            {
                return;
            }

            var target = Resources.GetMap(_implicitId) ?? implicitApi;
            if (all.Count == 1)
            {
                target.Set("Condition", all.Single()!);
            }
            else
            {
                var name = _rest ? "ServerlessRestApiCondition" : "ServerlessHttpApiCondition";
                target.Set("Condition", name);
                AddCombinedCondition(name, all.Select(c => c!).ToList());
            }
        }

        private void AddPolicyToImplicitApi(SamMap implicitApi, string attribute, Dictionary<string, List<string?>> policies, string[] precedence)
        {
            if (!policies.TryGetValue(_implicitId, out var list) || list.Count == 0 || list.All(p => p is null))
            {
                return;
            }

            var target = Resources.GetMap(_implicitId) ?? implicitApi;
            foreach (var value in precedence)
            {
                if (list.Contains(value))
                {
                    target.Set(attribute, value);
                    return;
                }
            }
        }

        private void AddPathConditions()
        {
            foreach (var (apiId, value) in Resources.ToList())
            {
                if (value is not SamMap api || api.GetString("Type") != _apiType || api.GetMap("Properties") is not { } properties
                    || !SamValue.Truthy(properties.Get(ManageSwagger)))
                {
                    continue;
                }

                ApiDocument editor = _rest ? new Swagger(properties.Get("DefinitionBody")) : new OpenApi(properties.Get("DefinitionBody"));
                foreach (var path in editor.PathNames())
                {
                    var methods = _conditions.TryGetValue(apiId, out var byPath) && byPath.TryGetValue(path, out var m) ? m : null;
                    if (methods is null)
                    {
                        continue;
                    }

                    var all = methods.Values.ToHashSet();
                    if (all.Count == 0 || all.Contains(null))
                    {
                        continue;
                    }

                    if (all.Count == 1)
                    {
                        editor.MakePathConditional(path, all.Single()!);
                    }
                    else
                    {
                        var name = apiId + path.Replace("/", "SLASH", StringComparison.Ordinal).Replace("{", "OB", StringComparison.Ordinal).Replace("}", "CB", StringComparison.Ordinal) + "PathCondition";
                        AddCombinedCondition(name, all.Select(c => c!).ToList());
                        editor.MakePathConditional(path, name);
                    }
                }

                properties.Set("DefinitionBody", editor.Document);
            }
        }

        private void AddCombinedCondition(string name, List<string> conditions)
        {
            foreach (var (n, definition) in CombinedCondition(conditions.Order(StringComparer.Ordinal).ToList(), name))
            {
                _context.Conditions.Set(n, definition);
            }
        }
    }

    /// <summary>SAM's <c>make_combined_condition</c>: an Fn::Or of the conditions, chained when more than 10.</summary>
    public static List<(string Name, SamValue Definition)> CombinedCondition(List<string> conditions, string name)
    {
        const int max = 10;
        var result = new List<(string, SamValue)>();
        if (conditions.Count < 2)
        {
            return result;
        }

        var remaining = 1 + ((conditions.Count - 2) / (max - 1)) - 1;
        while (conditions.Count > 1)
        {
            var newName = name;
            if (remaining > 0)
            {
                newName = name + remaining;
                remaining--;
            }

            var content = Fn.Or(conditions.Take(max).Select(c => (SamValue)Fn.Condition(c)));
            conditions = conditions.Skip(max).Append(newName).ToList();
            result.Add((newName, content));
        }

        return result;
    }
}
