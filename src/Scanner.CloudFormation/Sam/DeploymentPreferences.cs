using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam;

/// <summary>
/// Gradual deployments (a function's DeploymentPreference with AutoPublishAlias): SAM adds one CodeDeploy
/// application and service role per template, a deployment group per function, and an UpdatePolicy on the alias.
/// </summary>
internal static class DeploymentPreferences
{
    private const string ApplicationId = "ServerlessDeploymentApplication";
    private const string ServiceRoleId = "CodeDeployServiceRole";
    private const string ConditionName = "ServerlessCodeDeployCondition";
    private const string Key = "deployment-preferences";

    private static readonly string[] PredefinedConfigurations =
    [
        "Canary10Percent5Minutes", "Canary10Percent10Minutes", "Canary10Percent15Minutes", "Canary10Percent30Minutes",
        "Linear10PercentEvery1Minute", "Linear10PercentEvery2Minutes", "Linear10PercentEvery3Minutes", "Linear10PercentEvery10Minutes",
        "AllAtOnce",
    ];

    /// <summary>One function's preference (SAM's DeploymentPreference tuple).</summary>
    public sealed record Preference(
        string FunctionId,
        bool Enabled,
        SamValue? Type,
        SamValue? PreTrafficHook,
        SamValue? PostTrafficHook,
        SamValue? Alarms,
        SamValue? Role,
        SamValue? TriggerConfigurations,
        string? Condition,
        SamMap? Tags,
        SamResource Owner);

    private static OrderedDictionary<string, Preference> Collection(SamContext context) =>
        context.SharedState(Key, () => new OrderedDictionary<string, Preference>(StringComparer.Ordinal));

    public static Preference Add(SamContext context, SamResource owner, SamMap preference, string? condition, SamValue? tags, SamValue? propagateTags)
    {
        var enabledValue = preference.Get("Enabled");
        var enabled = enabledValue is null || (SamValue.Truthy(enabledValue) && enabledValue.AsString is not ("false" or "False"));

        Preference result;
        if (!enabled)
        {
            result = new Preference(owner.LogicalId, false, null, null, null, null, null, null, null, null, owner);
        }
        else
        {
            if (!preference.ContainsKey("Type"))
            {
                throw owner.Error("'DeploymentPreference' is missing required Property 'Type'", preference);
            }

            var hooks = preference.Get("Hooks") ?? new SamMap();
            if (hooks is not SamMap hookMap)
            {
                throw owner.Error("'Hooks' property of 'DeploymentPreference' must be a dictionary", hooks);
            }

            var passthrough = preference.Get("PassthroughCondition") is SamScalar { BooleanValue: true } or SamScalar { Text: "true" or "True" };
            var propagate = propagateTags is SamScalar { BooleanValue: true };
            result = new Preference(
                owner.LogicalId,
                true,
                preference.Get("Type"),
                hookMap.Get("PreTraffic"),
                hookMap.Get("PostTraffic"),
                preference.Get("Alarms"),
                preference.Get("Role"),
                preference.Get("TriggerConfigurations"),
                passthrough ? condition : null,
                propagate && tags is SamMap { Count: > 0 } t ? t : null,
                owner);
        }

        Collection(context)[owner.LogicalId] = result;
        return result;
    }

    /// <summary>The UpdatePolicy SAM puts on the alias of a function with gradual deployment.</summary>
    public static SamMap UpdatePolicy(Preference preference)
    {
        var update = new SamMap()
            .Set("ApplicationName", Fn.Ref(ApplicationId))
            .Set("DeploymentGroupName", Fn.Ref(preference.FunctionId + "DeploymentGroup"));
        update.SetIf("BeforeAllowTrafficHook", preference.PreTrafficHook is { } pre && !SamValue.IsNull(pre) ? pre : null);
        update.SetIf("AfterAllowTrafficHook", preference.PostTrafficHook is { } post && !SamValue.IsNull(post) ? post : null);
        return new SamMap().Set("CodeDeployLambdaAliasUpdate", update);
    }

    /// <summary>The CodeDeploy application, service role and deployment groups, added after every resource is transformed.</summary>
    public static void AddResources(SamContext context, SamOutput output)
    {
        if (!context.Shared.ContainsKey(Key))
        {
            return;
        }

        var preferences = Collection(context).Values.ToList();
        var enabled = preferences.Where(p => p.Enabled).ToList();
        if (enabled.Count == 0)
        {
            return;
        }

        var first = enabled[0].Owner;
        var conditions = preferences.Select(p => p.Condition).Where(c => c is not null).Distinct().Select(c => c!).ToList();
        var needsCondition = preferences.Count > 0 && !preferences.Any(p => p.Condition is null && p.Enabled);
        string? resourceCondition = null;
        if (needsCondition)
        {
            resourceCondition = conditions.Count <= 1 ? conditions.LastOrDefault() : ConditionName;
            foreach (var (name, definition) in Plugins.ImplicitApis.CombinedCondition(conditions, ConditionName))
            {
                context.Conditions.Set(name, definition);
            }
        }

        var mergedTags = new SamMap();
        foreach (var p in enabled)
        {
            if (p.Tags is { } tags)
            {
                mergedTags.Update(tags);
            }
        }

        var application = first.New(ApplicationId, "AWS::CodeDeploy::Application", new SamMap()).Set("ComputePlatform", "Lambda");
        if (mergedTags.Count > 0)
        {
            application.Set("Tags", new SamList(Roles.Tags(mergedTags)));
        }

        if (resourceCondition is not null)
        {
            application.Attributes.Set("Condition", resourceCondition);
        }

        output.Add(application, first);
        if (!preferences.All(p => p.Role is not null || !p.Enabled))
        {
            var role = first.New(ServiceRoleId, "AWS::IAM::Role", new SamMap())
                .Set("AssumeRolePolicyDocument", Roles.AssumeRolePolicy("codedeploy.amazonaws.com"))
                .Set("ManagedPolicyArns", Fn.List(Roles.AwsManagedPolicyArn("service-role/AWSCodeDeployRoleForLambda")));
            if (resourceCondition is not null)
            {
                role.Attributes.Set("Condition", resourceCondition);
            }

            if (mergedTags.Count > 0)
            {
                role.Set("Tags", new SamList(Roles.Tags(mergedTags)));
            }

            output.Add(role, first);
        }

        foreach (var p in enabled)
        {
            try
            {
                output.Add(DeploymentGroup(p), p.Owner);
            }
            catch (SamException e)
            {
                context.Errors.Add(e);
            }
        }
    }

    private static CfnResource DeploymentGroup(Preference p)
    {
        var group = p.Owner.New(p.FunctionId + "DeploymentGroup", "AWS::CodeDeploy::DeploymentGroup", new SamMap());
        group.Set("AlarmConfiguration", Alarms(p));
        group.Set("ApplicationName", Fn.Ref(ApplicationId));
        group.Set("AutoRollbackConfiguration", new SamMap()
            .Set("Enabled", SamScalar.Boolean(true))
            .Set("Events", Fn.Strings("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST")));
        group.Set("DeploymentConfigName", ReplaceDeploymentTypes(p.Type?.Clone() ?? SamScalar.Null(), null));
        group.Set("DeploymentStyle", new SamMap().Set("DeploymentType", "BLUE_GREEN").Set("DeploymentOption", "WITH_TRAFFIC_CONTROL"));
        group.Set("ServiceRoleArn", p.Role is { } role && SamValue.Truthy(role) ? role : Fn.GetAtt(ServiceRoleId, "Arn"));
        if (p.TriggerConfigurations is { } triggers && SamValue.Truthy(triggers))
        {
            group.Set("TriggerConfigurations", triggers);
        }

        if (p.Tags is { } tags)
        {
            group.Set("Tags", new SamList(Roles.Tags(tags)));
        }

        if (p.Condition is { } condition)
        {
            group.Attributes.Set("Condition", condition);
        }

        return group;
    }

    private static SamValue? Alarms(Preference p)
    {
        var alarms = p.Alarms;
        if (alarms is null || !SamValue.Truthy(alarms) || Fn.IsNoValue(alarms))
        {
            return null;
        }

        if (Fn.IsIf(alarms))
        {
            var copy = (SamMap)alarms.Clone();
            var list = copy.GetList("Fn::If");
            if (list is not { Count: 3 })
            {
                throw p.Owner.Error("Fn::If requires 3 arguments", alarms);
            }

            list[1] = AlarmConfiguration(p, list[1]);
            list[2] = AlarmConfiguration(p, list[2]);
            return copy;
        }

        return AlarmConfiguration(p, alarms);
    }

    private static SamValue AlarmConfiguration(Preference p, SamValue alarms)
    {
        if (alarms is not SamList list)
        {
            throw p.Owner.Error("Alarms must be a list", alarms);
        }

        if (list.Count == 0 || Fn.IsNoValue(list[0]))
        {
            return new SamMap();
        }

        return new SamMap()
            .Set("Enabled", SamScalar.Boolean(true))
            .Set("Alarms", new SamList(list.Select(a => (SamValue)new SamMap().Set("Name", a))));
    }

    private static SamValue ReplaceDeploymentTypes(SamValue value, string? key)
    {
        switch (value)
        {
            case SamList list:
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = ReplaceDeploymentTypes(list[i], null);
                }

                return list;
            case SamMap map when map.IsIntrinsic:
                foreach (var k in map.Keys.ToList())
                {
                    map.Set(k, ReplaceDeploymentTypes(map.Get(k)!, k));
                }

                return map;
            case SamScalar { IsString: true } s when PredefinedConfigurations.Contains(s.Text):
                var config = new SamMap().Set("ConfigName", s);
                return key == "Fn::Sub"
                    ? new SamList([Fn.Str("CodeDeployDefault.Lambda${ConfigName}"), config])
                    : Fn.Sub("CodeDeployDefault.Lambda${ConfigName}", config);
            default:
                return value;
        }
    }
}
