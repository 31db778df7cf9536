using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Plugins;

/// <summary>The kinds of entries in a SAM <c>Policies</c> property (SAM's PolicyTypes).</summary>
internal enum PolicyKind
{
    ManagedPolicy,
    Statement,
    Template,
    Unknown,
}

/// <summary>
/// SAM policy templates (<c>- SQSPollerPolicy: {QueueName: q}</c>) expanded into the policy documents SAM writes
/// into the execution role, from SAM's own policy_templates.json with the template's parameters substituted. The
/// generated statements point at the policy template entry in the template; parameter values keep their own place.
/// </summary>
internal static class PolicyTemplates
{
    public static bool Has(string name) => SamData.PolicyTemplates.GetMap("Templates")?.ContainsKey(name) == true;

    /// <summary>The entries of a Policies value (a single value is a list of one).</summary>
    public static IReadOnlyList<SamValue> Entries(SamValue? policies) => policies switch
    {
        null => [],
        _ when !SamValue.Truthy(policies) => [],
        SamList list => list.Items,
        _ => [policies],
    };

    /// <summary>What an entry of Policies is; <paramref name="detectTemplates"/> false is SAM's "core" (templates already expanded).</summary>
    public static PolicyKind KindOf(SamValue policy, bool detectTemplates)
    {
        if (policy.AsString is not null)
        {
            return PolicyKind.ManagedPolicy;
        }

        if (Fn.IsIf(policy))
        {
            return KindOfIf(policy, detectTemplates);
        }

        if (Fn.IsIntrinsic(policy))
        {
            return PolicyKind.ManagedPolicy;
        }

        if (policy is SamMap map && map.ContainsKey("Statement"))
        {
            return PolicyKind.Statement;
        }

        if (detectTemplates && policy is SamMap { Count: 1 } t && Has(t.Keys.First()))
        {
            return PolicyKind.Template;
        }

        return PolicyKind.Unknown;
    }

    private static PolicyKind KindOfIf(SamValue policy, bool detectTemplates)
    {
        (string, SamValue Then, SamValue Else) items;
        try
        {
            items = Fn.IfItems(policy);
        }
        catch (ArgumentException e)
        {
            throw SamException.Template(e.Message, policy);
        }

        var thenKind = KindOf(items.Then, detectTemplates);
        var elseKind = KindOf(items.Else, detectTemplates);
        if (thenKind == elseKind)
        {
            return thenKind;
        }

        if (Fn.IsNoValue(items.Then))
        {
            return elseKind;
        }

        if (Fn.IsNoValue(items.Else))
        {
            return thenKind;
        }

        throw SamException.Template(
            "Different policy types within the same Fn::If statement is unsupported. Separate different policy types into different Fn::If statements",
            policy);
    }

    /// <summary>Replaces the policy templates in <paramref name="properties"/>' Policies by their policy documents.</summary>
    public static void Expand(string logicalId, SamMap properties)
    {
        var entries = Entries(properties.Get("Policies"));
        if (entries.Count == 0)
        {
            return;
        }

        var result = new SamList(properties.Get("Policies")?.Origin);
        foreach (var entry in entries)
        {
            if (KindOf(entry, detectTemplates: true) != PolicyKind.Template)
            {
                result.Add(entry);
                continue;
            }

            if (Fn.IsIf(entry))
            {
                var (condition, then, @else) = Fn.IfItems(entry);
                var processedThen = Fn.IsNoValue(then) ? then : Convert(logicalId, (SamMap)then);
                var processedElse = Fn.IsNoValue(@else) ? @else : Convert(logicalId, (SamMap)@else);
                var branch = Fn.If(condition, processedThen, processedElse);
                branch.Origin = entry.Origin;
                result.Add(branch);
                continue;
            }

            result.Add(Convert(logicalId, (SamMap)entry));
        }

        properties.Set("Policies", result);
    }

    private static SamValue Convert(string logicalId, SamMap entry)
    {
        var name = entry.Keys.First();
        var values = entry.Get(name);
        var template = SamData.PolicyTemplates.GetMap("Templates")!.GetMap(name)!;
        var parameters = template.GetMap("Parameters") ?? new SamMap();
        if (values is not SamMap given)
        {
            throw SamException.Resource(logicalId, $"Must specify valid parameter values for policy template '{name}'", values ?? entry);
        }

        var missing = parameters.Keys.Where(p => !given.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            throw SamException.Resource(logicalId, $"Following required parameters of template '{name}' don't have values: {Globals.PythonList(missing)}", entry);
        }

        var definition = template.Get("Definition")?.Clone() ?? new SamMap();
        var resolved = Substitute(definition, given, parameters);
        resolved.Origin = entry.Origin;
        return resolved;
    }

    /// <summary>Replaces <c>Ref</c>s to the template's parameters by the values given (SAM resolves only those Refs).</summary>
    private static SamValue Substitute(SamValue value, SamMap given, SamMap parameters)
    {
        switch (value)
        {
            case SamMap map when Fn.RefName(map) is { } name && parameters.ContainsKey(name) && given.Get(name) is { } v:
                return v.Clone();
            case SamMap map:
                foreach (var key in map.Keys.ToList())
                {
                    map.Set(key, Substitute(map.Get(key)!, given, parameters));
                }

                return map;
            case SamList list:
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = Substitute(list[i], given, parameters);
                }

                return list;
            default:
                return value;
        }
    }
}
