using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::CapacityProvider → a Lambda capacity provider (managed instances), with an operator role SAM
/// creates unless OperatorRole is given.
/// </summary>
internal sealed class CapacityProviderExpander : ISamExpander
{
    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>();

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        SamSchema.ValidateResource(resource.LogicalId, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode);
        var properties = resource.Properties;
        SamValue? P(string name) => properties.Get(name) is { } v && !SamValue.IsNull(v) ? v : null;
        var requirements = P("InstanceRequirements") as SamMap;
        if (requirements?.Get("AllowedTypes") is { } allowed && !SamValue.IsNull(allowed) && requirements.Get("ExcludedTypes") is { } excluded && !SamValue.IsNull(excluded))
        {
            throw resource.Error("Cannot specify 'InstanceRequirements.AllowedTypes' and 'InstanceRequirements.ExcludedTypes' together.", requirements);
        }

        var vpc = P("VpcConfig") as SamMap;
        if (vpc?.Get("SubnetIds") is not { } subnets)
        {
            throw resource.Error("Property 'VpcConfig.SubnetIds' is required.", vpc ?? (SamValue)properties);
        }

        if (SamValue.IsNull(subnets))
        {
            throw resource.Error("Property 'VpcConfig.SubnetIds' is invalid.", subnets);
        }

        var resources = new List<CfnResource>();
        var operatorRole = P("OperatorRole");
        if (operatorRole is null || !SamValue.Truthy(operatorRole))
        {
            var role = Roles.ExecutionRole(resource, Roles.AssumeRolePolicy("lambda.amazonaws.com"), null, [Roles.AwsManagedPolicyArn("AWSLambdaManagedEC2ResourceOperator")], [], null, null, Tags(null));
            role.LogicalId = resource.LogicalId + "OperatorRole";
            resources.Add(role);
            operatorRole = role.GetAtt("Arn");
        }

        var provider = resource.New(resource.LogicalId, "AWS::Lambda::CapacityProvider", resource.ResourceAttributes());
        provider.DependsOn = resource.DependsOn;
        if (P("CapacityProviderName") is { } name && SamValue.Truthy(name))
        {
            provider.Set("CapacityProviderName", name);
        }

        var vpcConfig = new SamMap(vpc.Origin).Set("SubnetIds", subnets);
        if (vpc.Get("SecurityGroupIds") is { } groups && !SamValue.IsNull(groups))
        {
            vpcConfig.Set("SecurityGroupIds", groups);
        }

        provider.Set("VpcConfig", vpcConfig);
        provider.Set("PermissionsConfig", new SamMap().Set("CapacityProviderOperatorRoleArn", operatorRole));
        provider.Set("Tags", Tags(P("Tags") as SamMap));
        if (requirements is { Count: > 0 })
        {
            var result = new SamMap(requirements.Origin);
            foreach (var (from, to) in new[] { ("Architectures", "Architectures"), ("AllowedTypes", "AllowedInstanceTypes"), ("ExcludedTypes", "ExcludedInstanceTypes") })
            {
                if (requirements.Get(from) is { } value && !SamValue.IsNull(value))
                {
                    result.Set(to, value);
                }
            }

            provider.Set("InstanceRequirements", result);
        }

        if (P("ScalingConfig") is SamMap scaling && scaling.Count > 0)
        {
            var result = new SamMap(scaling.Origin);
            if (scaling.Get("MaxVCpuCount") is { } max && !SamValue.IsNull(max))
            {
                result.Set("MaxVCpuCount", max);
            }

            if (scaling.Get("AverageCPUUtilization") is { } cpu && !SamValue.IsNull(cpu))
            {
                result.Set("ScalingMode", "Manual");
                result.Set("ScalingPolicies", Fn.List(new SamMap().Set("PredefinedMetricType", "LambdaCapacityProviderAverageCPUUtilization").Set("TargetValue", cpu)));
            }
            else
            {
                result.Set("ScalingMode", "Auto");
            }

            provider.Set("CapacityProviderScalingConfig", result);
        }

        if (P("KmsKeyArn") is { } kms && SamValue.Truthy(kms))
        {
            provider.Set("KmsKeyArn", kms);
        }

        foreach (var (k, v) in resource.PassThroughAttributes())
        {
            provider.Attributes.Set(k, v);
        }

        resources.Add(provider);
        if (P("PropagateTags") is SamScalar { BooleanValue: true } && P("Tags") is SamMap { Count: > 0 } userTags)
        {
            foreach (var r in resources.Where(r => r.Type == "AWS::IAM::Role"))
            {
                var combined = new SamMap();
                foreach (var tag in (r.Properties.GetList("Tags") ?? new SamList()).OfType<SamMap>().Concat(Roles.Tags(userTags).Cast<SamMap>()))
                {
                    if (tag.Get("Key")?.AsString is { } key)
                    {
                        combined.Set(key, tag.Get("Value") ?? SamScalar.String(string.Empty));
                    }
                }

                r.Set("Tags", new SamList(Roles.Tags(combined)));
            }
        }

        return resources;
    }

    /// <summary>The capacity provider's tags with SAM's <c>lambda:createdBy</c> (SAM adds it last).</summary>
    private static SamList Tags(SamMap? tags)
    {
        var all = tags is null ? new SamMap() : (SamMap)tags.Clone();
        all.Set("lambda:createdBy", "SAM");
        return new SamList(Roles.Tags(all));
    }
}
