using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Events;
using Scanner.CloudFormation.Sam.Plugins;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::StateMachine → the Step Functions state machine (its Definition as a definition string, with
/// intrinsic functions moved into DefinitionSubstitutions), its execution role, version and alias
/// (AutoPublishAlias), and what its events create (rules, schedules, API integrations and their roles).
/// </summary>
internal sealed partial class StateMachineExpander : ISamExpander
{
    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        var id = resource.LogicalId;
        var properties = resource.Properties;
        PolicyTemplates.Expand(id, properties);
        SamSchema.ValidateResource(id, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode);
        SamValue? P(string name) => properties.Get(name) is { } v && !SamValue.IsNull(v) ? v : null;
        List<EventSource> events;
        try
        {
            events = EventSources.ForStateMachine(id, P("Events"));
            foreach (var e in events)
            {
                e.Link(context);
            }
        }
        catch (SamException e) when (e.Kind == SamErrorKind.Event)
        {
            throw e.InResource(id);
        }

        var machine = resource.New(id, "AWS::StepFunctions::StateMachine", resource.ResourceAttributes());
        machine.DependsOn = resource.DependsOn;
        var resources = new List<CfnResource> { machine };
        var substitutions = P("DefinitionSubstitutions") is { } given && SamValue.Truthy(given) ? given : null;
        machine.Set("DefinitionSubstitutions", substitutions);
        var definition = P("Definition");
        var definitionUri = P("DefinitionUri");
        if (definition is not null && SamValue.Truthy(definition) && definitionUri is not null && SamValue.Truthy(definitionUri))
        {
            throw resource.Error("Specify either 'Definition' or 'DefinitionUri' property and not both.");
        }

        if (definition is not null && SamValue.Truthy(definition))
        {
            var processed = definition.Clone();
            var found = Substitutions(processed);
            if (found.Count > 0)
            {
                if (substitutions is SamMap existing)
                {
                    existing.Update(found);
                }
                else
                {
                    machine.Set("DefinitionSubstitutions", found);
                }
            }

            machine.Set("DefinitionString", Fn.Join("\n", SamJson.IndentedLines(processed).Select(l => (SamValue)Fn.Str(l))));
            ((SamMap)machine.Properties.Get("DefinitionString")!).Origin = definition.Origin;
        }
        else if (definitionUri is not null && SamValue.Truthy(definitionUri))
        {
            machine.Set("DefinitionS3Location", S3Locations.Map(resource, "DefinitionUri", definitionUri));
        }
        else
        {
            throw resource.Error("Either 'Definition' or 'DefinitionUri' property must be specified.");
        }

        var role = P("Role");
        var policies = P("Policies");
        if (role is not null && SamValue.Truthy(role) && policies is not null && SamValue.Truthy(policies))
        {
            throw resource.Error("Specify either 'Role' or 'Policies' (but not both at the same time) or neither of them");
        }

        var tags = new SamList([new SamMap().Set("Key", "stateMachine:createdBy").Set("Value", "SAM")]);
        if (P("Tags") is SamMap userTags)
        {
            tags.AddRange(Roles.Tags(userTags));
        }

        CfnResource? executionRole = null;
        if (role is not null && SamValue.Truthy(role))
        {
            machine.Set("RoleArn", role);
        }
        else
        {
            var entries = PolicyTemplates.Entries(policies).ToList();
            if (P("Tracing") is SamMap tracing && tracing.Get("Enabled") is SamScalar { BooleanValue: true })
            {
                entries.Add(Fn.Str("AWSXrayWriteOnlyAccess"));
            }

            executionRole = Roles.ExecutionRole(resource, Roles.AssumeRolePolicy("states.amazonaws.com"), new SamList(entries, policies?.Origin), [], [], P("RolePath"), P("PermissionsBoundary"), tags.Clone());
            machine.Set("RoleArn", executionRole.GetAtt("Arn"));
            resources.Add(executionRole);
        }

        machine.Set("StateMachineName", P("Name"));
        machine.Set("StateMachineType", P("Type"));
        machine.Set("LoggingConfiguration", P("Logging"));
        machine.Set("TracingConfiguration", P("Tracing"));
        machine.Set("Tags", tags);

        var alias = TrafficShifting(resource, machine, resources, P);
        var target = P("UseAliasAsEventTarget") is SamScalar { BooleanValue: true } && alias is not null
            ? InvokeTarget.StateMachineAlias(alias)
            : InvokeTarget.StateMachine(machine);
        foreach (var source in events)
        {
            try
            {
                resources.AddRange(source.Generate(new EventContext(context, resource, target, executionRole)));
            }
            catch (SamException e) when (e.Kind == SamErrorKind.Event)
            {
                // Unlike a function's, a state machine's event errors are SAM's own ("Event with id [E] is invalid. …").
                throw e.LocatedAt(source.Event.Origin);
            }
        }

        Roles.Propagate(resources, P("Tags"), P("PropagateTags"), r => FunctionExpander.TakesTags(r.Type));
        return resources;
    }

    private static CfnResource? TrafficShifting(SamResource resource, CfnResource machine, List<CfnResource> resources, Func<string, SamValue?> p)
    {
        var alias = p("AutoPublishAlias");
        var preference = p("DeploymentPreference");
        if ((alias is null || !SamValue.Truthy(alias)) && p("UseAliasAsEventTarget") is SamScalar { BooleanValue: true })
        {
            throw resource.Error("'UseAliasAsEventTarget' requires 'AutoPublishAlias' property to be specified.");
        }

        if (alias is null || !SamValue.Truthy(alias))
        {
            if (preference is not null && SamValue.Truthy(preference))
            {
                throw resource.Error("'DeploymentPreference' requires 'AutoPublishAlias' property to be specified.", preference);
            }

            return null;
        }

        var attributes = resource.PassThroughAttributes();
        if (!attributes.ContainsKey("DeletionPolicy"))
        {
            attributes.Set("DeletionPolicy", "Retain");
        }

        if (!attributes.ContainsKey("UpdateReplacePolicy"))
        {
            attributes.Set("UpdateReplacePolicy", "Retain");
        }

        var version = resource.New(machine.LogicalId + "Version", "AWS::StepFunctions::StateMachineVersion", attributes)
            .Set("StateMachineArn", machine.RefValue())
            .Set("StateMachineRevisionId", machine.GetAtt("StateMachineRevisionId"));
        var name = alias.AsString ?? SamJson.Canonical(alias);
        var aliasResource = resource.New(machine.LogicalId + "Alias" + name, "AWS::StepFunctions::StateMachineAlias", resource.PassThroughAttributes(), alias.Origin)
            .Set("Name", alias);
        var deployment = preference is SamMap pm && pm.Count > 0 ? (SamMap)pm.Clone() : new SamMap().Set("Type", "ALL_AT_ONCE");
        deployment.Set("StateMachineVersionArn", version.RefValue());
        aliasResource.Set("DeploymentPreference", deployment);
        resources.Add(version);
        resources.Add(aliasResource);
        return aliasResource;
    }

    /// <summary>Intrinsics and dynamic references in the definition become <c>${definition_substitution_N}</c> (sorted key order).</summary>
    private static SamMap Substitutions(SamValue definition)
    {
        var result = new SamMap();
        var counter = 1;
        Visit(definition);
        return result;

        void Visit(SamValue node)
        {
            switch (node)
            {
                case SamMap map:
                    foreach (var key in map.Keys.Order(StringComparer.Ordinal).ToList())
                    {
                        var value = map.Get(key)!;
                        if (Replace(value) is { } replacement)
                        {
                            map.Set(key, replacement);
                        }
                        else
                        {
                            Visit(value);
                        }
                    }

                    break;
                case SamList list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (Replace(list[i]) is { } replacement)
                        {
                            list[i] = replacement;
                        }
                        else
                        {
                            Visit(list[i]);
                        }
                    }

                    break;
            }
        }

        SamValue? Replace(SamValue value)
        {
            if (!(value is SamMap { Count: 1 } m && SamMap.IsIntrinsicName(m.Keys.First())) && !(value.AsString is { } text && DynamicReference().IsMatch(text)))
            {
                return null;
            }

            var name = $"definition_substitution_{counter}";
            result.Set(name, value);
            counter++;
            return SamScalar.String("${" + name + "}", value.Origin);
        }
    }

    [GeneratedRegex("^{{resolve:([a-z-]+):(.+)}}$")]
    private static partial Regex DynamicReference();
}
