using Scanner.CloudFormation.Sam.Plugins;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam;

/// <summary>
/// The IAM pieces SAM generates: execution roles built from a <c>Policies</c> property, trust policies for a
/// service, and the small inline policies SAM writes for event sources and destinations.
/// </summary>
internal static class Roles
{
    /// <summary>The ARN of an AWS managed policy by name (with its path), in the stack's partition.</summary>
    public static SamValue AwsManagedPolicyArn(string nameWithPath) => Fn.Sub("arn:${AWS::Partition}:iam::aws:policy/" + nameWithPath);

    /// <summary>
    /// A managed policy named in Policies: an AWS managed policy name becomes its ARN (SAM's bundled map), an ARN or
    /// an unknown name stays as written.
    /// </summary>
    public static SamValue ManagedPolicyArn(SamScalar name)
    {
        if (SamData.ManagedPolicies.TryGetValue(name.Text, out var path))
        {
            var arn = AwsManagedPolicyArn(path + name.Text);
            arn.Origin = name.Origin;
            return arn;
        }

        return name;
    }

    public static SamMap AssumeRolePolicy(string servicePrincipal) => new SamMap()
        .Set("Version", "2012-10-17")
        .Set("Statement", Fn.List(new SamMap()
            .Set("Action", Fn.Strings("sts:AssumeRole"))
            .Set("Effect", "Allow")
            .Set("Principal", new SamMap().Set("Service", Fn.Strings(servicePrincipal)))));

    /// <summary>An inline policy <c>{PolicyName, PolicyDocument: {Statement: [{Action, Effect: Allow, Resource}]}}</c>.</summary>
    public static SamMap InlinePolicy(string name, SamValue action, SamValue resource) => new SamMap()
        .Set("PolicyName", name)
        .Set("PolicyDocument", new SamMap().Set("Statement", Fn.List(new SamMap()
            .Set("Action", action)
            .Set("Effect", "Allow")
            .Set("Resource", resource))));

    /// <summary>
    /// SAM's <c>construct_role_for_resource</c>: the execution role <c>&lt;Id&gt;Role</c> with the trust policy, the
    /// managed policies given plus those named in Policies (deduplicated), the documents given plus the policy
    /// statements of Policies (named <c>&lt;Id&gt;RolePolicy&lt;index&gt;</c>), path, permissions boundary and tags.
    /// </summary>
    public static CfnResource ExecutionRole(
        SamResource owner,
        SamValue assumeRolePolicy,
        SamValue? policies,
        IEnumerable<SamValue> managedPolicyArns,
        IEnumerable<SamValue> policyDocuments,
        SamValue? rolePath,
        SamValue? permissionsBoundary,
        SamValue? tags)
    {
        var role = owner.New(owner.LogicalId + "Role", "AWS::IAM::Role", owner.PassThroughAttributes());
        var managed = managedPolicyArns.ToList();
        var documents = policyDocuments.ToList();
        var entries = PolicyTemplates.Entries(policies);
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            switch (PolicyTemplates.KindOf(entry, detectTemplates: false))
            {
                case PolicyKind.Statement when Fn.IsIf(entry):
                    documents.Add(ConvertIf(entry, v => !Fn.IsNoValue(v), v => NamedPolicy(role.LogicalId, index, v)));
                    break;
                case PolicyKind.Statement:
                    documents.Add(NamedPolicy(role.LogicalId, index, entry));
                    break;
                case PolicyKind.ManagedPolicy:
                    var arn = entry switch
                    {
                        SamScalar { IsString: true } s => ManagedPolicyArn(s),
                        _ when Fn.IsIf(entry) => ConvertIf(entry, v => !Fn.IsNoValue(v) && v.AsString is not null, v => ManagedPolicyArn((SamScalar)v)),
                        _ => entry,
                    };
                    if (!managed.Any(m => SameArn(m, arn)))
                    {
                        managed.Add(arn);
                    }

                    break;
                default:
                    throw SamException.Resource(owner.LogicalId, $"Policy at index {index} in the 'Policies' property is not valid", entry);
            }
        }

        role.Set("AssumeRolePolicyDocument", assumeRolePolicy);
        role.Set("ManagedPolicyArns", new SamList(managed));
        role.Set("Policies", documents.Count > 0 ? new SamList(documents) : null);
        role.Set("Path", rolePath);
        role.Set("PermissionsBoundary", permissionsBoundary);
        role.Set("Tags", tags);
        return role;
    }

    private static SamMap NamedPolicy(string roleId, int index, SamValue document)
    {
        var policy = new SamMap().Set("PolicyName", roleId + "Policy" + index).Set("PolicyDocument", document);
        policy.Origin = document.Origin;
        return policy;
    }

    private static SamValue ConvertIf(SamValue intrinsicIf, Func<SamValue, bool> convertible, Func<SamValue, SamValue> convert)
    {
        var list = (SamList)((SamMap)intrinsicIf).IntrinsicArgument!;
        var copy = new SamList(list.Items, list.Origin);
        for (var i = 1; i <= 2 && i < copy.Count; i++)
        {
            if (convertible(copy[i]))
            {
                copy[i] = convert(copy[i]);
            }
        }

        var result = new SamMap(intrinsicIf.Origin).Set("Fn::If", copy);
        return result;
    }

    /// <summary>Two managed policy ARNs are the same (SAM dedupes by value; a partition placeholder matches any partition).</summary>
    private static bool SameArn(SamValue a, SamValue b) => ArnKey(a) == ArnKey(b);

    private static string ArnKey(SamValue value) => value switch
    {
        SamScalar { IsString: true } s => s.Text,
        SamMap { IntrinsicName: "Fn::Sub" } m when m.IntrinsicArgument?.AsString is { } text => text.Replace("${AWS::Partition}", "aws", StringComparison.Ordinal),
        _ => SamJson.Canonical(value),
    };

    /// <summary>SAM's tag list: <c>lambda:createdBy: SAM</c> first, then the resource's tags (reserved keys are refused).</summary>
    public static SamList TagList(SamResource owner, SamValue? tags, SamMap? additional = null)
    {
        var list = new SamList();
        if (tags is SamMap map)
        {
            foreach (var reserved in new[] { "lambda:createdBy", "serverlessrepo:applicationId", "serverlessrepo:semanticVersion" })
            {
                if (map.ContainsKey(reserved))
                {
                    throw owner.Error($"{reserved} is a reserved Tag key name and cannot be set on your resource. Please change the tag key in the input.", map);
                }
            }
        }

        list.Add(new SamMap().Set("Key", "lambda:createdBy").Set("Value", "SAM"));
        if (additional is not null)
        {
            list.AddRange(Tags(additional));
        }

        if (tags is SamMap own)
        {
            list.AddRange(Tags(own));
        }

        return list;
    }

    /// <summary>SAM's <c>get_tag_list</c>: a map of tags as CloudFormation's list of {Key, Value}.</summary>
    public static IEnumerable<SamValue> Tags(SamMap tags)
    {
        foreach (var (key, value) in tags)
        {
            var tag = new SamMap(tags.KeyNode(key)).Set("Key", SamScalar.String(key, tags.KeyNode(key))).Set("Value", SamValue.IsNull(value) ? SamScalar.String(string.Empty, value.Origin) : value);
            yield return tag;
        }
    }

    /// <summary>SAM's <c>propagate_tags</c>: with PropagateTags, every generated resource that takes Tags gets the resource's tags.</summary>
    public static void Propagate(IEnumerable<CfnResource> resources, SamValue? tags, SamValue? propagate, Func<CfnResource, bool> takesTags)
    {
        if (propagate is not SamScalar { BooleanValue: true } || tags is not SamMap { Count: > 0 } map)
        {
            return;
        }

        foreach (var resource in resources.Where(takesTags))
        {
            resource.Properties.Set("Tags", new SamList(Tags(map)));
        }
    }
}
