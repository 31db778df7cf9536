using Scanner.CloudFormation.Sam.Api;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Events;

/// <summary>State machine events that start executions: each gets a role the source service assumes to call StartExecution.</summary>
internal abstract class StateMachineEvent(string ownerId, string eventId, SamMap @event) : PushEvent(ownerId, eventId, @event)
{
    /// <summary>The role <c>&lt;event id&gt;Role</c> the source service assumes, allowed to start executions of the target.</summary>
    protected CfnResource ExecutionRole(EventContext context, string principal)
    {
        var roleId = LogicalId + "Role";
        var role = New(context, roleId, "AWS::IAM::Role")
            .Set("AssumeRolePolicyDocument", Roles.AssumeRolePolicy(principal))
            .Set("Policies", Fn.List(new SamMap()
                .Set("PolicyName", roleId + "StartExecutionPolicy")
                .Set("PolicyDocument", new SamMap().Set("Statement", Fn.List(new SamMap()
                    .Set("Action", "states:StartExecution")
                    .Set("Effect", "Allow")
                    .Set("Resource", context.Target.Arn.Clone()))))));
        if (context.Owner.Property("PermissionsBoundary") is { } boundary && SamValue.Truthy(boundary))
        {
            role.Set("PermissionsBoundary", boundary);
        }

        return role;
    }
}

/// <summary>Schedule / CloudWatchEvent / EventBridgeRule for a state machine: an EventBridge rule starting executions.</summary>
internal sealed class StateMachineRuleEvent(string ownerId, string eventId, SamMap @event) : StateMachineEvent(ownerId, eventId, @event)
{
    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var attributes = context.Target.PassThroughAttributes();
        var rule = New(context, LogicalId, "AWS::Events::Rule", attributes);
        var resources = new List<CfnResource>();
        SamValue roleArn;
        if (Type == "Schedule")
        {
            resources.Add(rule);
            rule.Set("ScheduleExpression", P("Schedule"));
            rule.Set("State", RuleState());
            rule.Set("Name", P("Name"));
            rule.Set("Description", P("Description"));
            if (P("RoleArn") is { } given)
            {
                roleArn = given;
            }
            else
            {
                var role = ExecutionRole(context, "events.amazonaws.com");
                resources.Add(role);
                roleArn = role.GetAtt("Arn");
            }
        }
        else
        {
            rule.Set("EventBusName", P("EventBusName"));
            rule.Set("EventPattern", P("Pattern"));
            rule.Set("Name", P("RuleName"));
            if (P("State") is { } state && SamValue.Truthy(state))
            {
                rule.Set("State", state);
            }

            resources.Add(rule);
            var role = ExecutionRole(context, "events.amazonaws.com");
            resources.Add(role);
            roleArn = role.GetAtt("Arn");
        }

        var dlqArn = DeadLetterQueue(context, rule.GetAtt("Arn"), attributes, resources);

        var targetId = P("Target") is SamMap t && t.Get("Id") is { } id ? id : Fn.Str(TargetId(LogicalId, "StepFunctionsTarget"));
        var target = new SamMap().Set("Arn", context.Target.Arn.Clone()).Set("Id", targetId).Set("RoleArn", roleArn);
        target.SetIf("Input", P("Input"));
        target.SetIf("InputPath", P("InputPath"));
        if (P("DeadLetterConfig") is not null)
        {
            target.Set("DeadLetterConfig", new SamMap().Set("Arn", dlqArn ?? SamScalar.Null()));
        }

        target.SetIf("RetryPolicy", P("RetryPolicy"));
        target.SetIf("InputTransformer", P("InputTransformer"));
        rule.Set("Targets", Fn.List(target));
        return resources;
    }
}

/// <summary>Api for a state machine: a role for API Gateway and an aws integration calling StartExecution.</summary>
internal sealed class StateMachineApiEvent(string ownerId, string eventId, SamMap @event) : StateMachineEvent(ownerId, eventId, @event)
{
    private SamMap? _api;
    private string? _apiId;

    public override void Link(SamContext context)
    {
        (_api, _apiId, _) = ApiEvent.LinkRestApi(context, RelativeId, P("RestApiId"));
    }

    public override IEnumerable<CfnResource> Generate(EventContext context)
    {
        var method = P("Method")?.AsString?.ToLowerInvariant() ?? string.Empty;
        var path = P("Path")?.AsString ?? string.Empty;
        var role = ExecutionRole(context, "apigateway.amazonaws.com");
        var api = _api ?? new SamMap();
        if (SamValue.Truthy(api.Get(Plugins.ImplicitApis.ManageSwagger)) && api.Get("DefinitionBody") is { } body)
        {
            var editor = new Swagger(body);
            if (editor.HasIntegration(path, method))
            {
                throw Error($"API method \"{method}\" defined multiple times for path \"{path}\".");
            }

            var machineId = context.Target.Resource.LogicalId;
            var template = P("UnescapeMappingTemplate") is SamScalar { BooleanValue: true }
                ? "{\"input\": \"$util.escapeJavaScript($input.json('$')).replaceAll(\"\\\\'\",\"'\")\", \"stateMachineArn\": \"${" + machineId + "}\"}"
                : "{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"${" + machineId + "}\"}";
            editor.AddStateMachineIntegration(
                path,
                method,
                Fn.Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution"),
                role.GetAtt("Arn"),
                new SamMap().Set("application/json", Fn.Sub(template)),
                context.Target.Resource.Condition);
            if (P("Auth") is SamMap auth && auth.Count > 0)
            {
                ApiEvent.AddAuthToSwagger(context.Sam, auth, api, _apiId ?? string.Empty, RelativeId, method, path, P("Stage") ?? SamScalar.Null(), editor);
            }

            api.Set("DefinitionBody", editor.Document);
        }

        return [role];
    }
}
