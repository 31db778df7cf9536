using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam;

/// <summary>
/// SAM's reference rewriting over the whole transformed template: DependsOn and references to a logical id SAM
/// changed (a layer gets a hash: <c>!Ref MyLayer</c> → <c>!Ref MyLayer1a2b3c4d5e</c>), then SAM's resource
/// properties (<c>!Ref MyFunction.Alias</c>, <c>${MyApi.Stage}</c>, <c>!GetAtt MyFunction.Alias.Arn</c>) to the
/// generated resource.
/// </summary>
internal static class SamReferences
{
    public static void Resolve(SamMap template, SamContext context)
    {
        if (context.ChangedLogicalIds.Count > 0)
        {
            ResolveDependsOn(template, context.ChangedLogicalIds);
            Traverse(template, v => ResolveIdReference(v, context.ChangedLogicalIds));
        }

        if (context.ResourceReferences.Count > 0)
        {
            Traverse(template, v => ResolveResourceReference(v, context.ResourceReferences));
        }
    }

    private static void ResolveDependsOn(SamMap template, Dictionary<string, string> changed)
    {
        foreach (var (_, value) in template.GetMap("Resources") ?? new SamMap())
        {
            if (value is not SamMap resource)
            {
                continue;
            }

            switch (resource.Get("DependsOn"))
            {
                case SamScalar { IsString: true } s when changed.TryGetValue(s.Text, out var renamed):
                    resource.Set("DependsOn", SamScalar.String(renamed, s.Origin));
                    break;
                case SamList list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i].AsString is { } name && changed.TryGetValue(name, out var r))
                        {
                            list[i] = SamScalar.String(r, list[i].Origin);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Applies <paramref name="resolve"/> to every intrinsic, depth first after resolving the node itself (SAM's _traverse).</summary>
    private static SamValue Traverse(SamValue value, Func<SamMap, SamValue> resolve)
    {
        if (value is SamMap { Count: 1 } candidate && candidate.Keys.First() is "Ref" or "Fn::Sub" or "Fn::GetAtt")
        {
            value = resolve(candidate);
        }

        switch (value)
        {
            case SamMap map:
                foreach (var key in map.Keys.ToList())
                {
                    var child = map.Get(key)!;
                    var resolved = Traverse(child, resolve);
                    if (!ReferenceEquals(child, resolved))
                    {
                        map.Set(key, resolved);
                    }
                }

                return map;
            case SamList list:
                for (var i = 0; i < list.Count; i++)
                {
                    var resolved = Traverse(list[i], resolve);
                    if (!ReferenceEquals(list[i], resolved))
                    {
                        list[i] = resolved;
                    }
                }

                return list;
            default:
                return value;
        }
    }

    private static SamValue ResolveIdReference(SamMap fn, Dictionary<string, string> changed)
    {
        var (name, argument) = (fn.Keys.First(), fn.Values.First());
        switch (name)
        {
            case "Ref" when argument.AsString is { } id && !id.Contains('.', StringComparison.Ordinal) && changed.TryGetValue(id, out var renamed):
                return new SamMap(fn.Origin).Set("Ref", SamScalar.String(renamed, argument.Origin));
            case "Fn::GetAtt" when GetAttParts(argument) is { } parts && changed.TryGetValue(parts[0], out var renamed):
                return new SamMap(fn.Origin).Set("Fn::GetAtt", new SamList(parts.Skip(1).Prepend(renamed).Select(p => (SamValue)SamScalar.String(p, argument.Origin)), argument.Origin));
            case "Fn::Sub":
                return SubstituteSub(fn, reference =>
                {
                    var logicalId = reference.Split('.')[0];
                    return changed.TryGetValue(logicalId, out var r) ? "${" + r + reference[logicalId.Length..] + "}" : null;
                });
            default:
                return fn;
        }
    }

    private static SamValue ResolveResourceReference(SamMap fn, Dictionary<(string, string), string> references)
    {
        var (name, argument) = (fn.Keys.First(), fn.Values.First());
        switch (name)
        {
            case "Ref" when argument.AsString is { } text && Split(text) is var (id, property) && references.TryGetValue((id, property), out var target):
                return new SamMap(fn.Origin).Set("Ref", SamScalar.String(target, argument.Origin));
            case "Fn::GetAtt" when GetAttParts(argument) is { Length: >= 2 } parts && references.TryGetValue((parts[0], parts[1]), out var target):
                return new SamMap(fn.Origin).Set("Fn::GetAtt", new SamList(parts.Skip(2).Prepend(target).Select(p => (SamValue)SamScalar.String(p, argument.Origin)), argument.Origin));
            case "Fn::Sub":
                return SubstituteSub(fn, reference =>
                {
                    var parts = reference.Split('.');
                    return parts.Length >= 2 && references.TryGetValue((parts[0], parts[1]), out var r)
                        ? "${" + reference.Replace(parts[0] + "." + parts[1], r, StringComparison.Ordinal) + "}"
                        : null;
                });
            default:
                return fn;
        }
    }

    private static (string, string)? Split(string reference)
    {
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < reference.Length - 1 ? (reference[..dot], reference[(dot + 1)..]) : null;
    }

    /// <summary>The parts of a GetAtt joined and split at dots (<c>[A, B.C]</c> → <c>A, B, C</c>), when all are strings.</summary>
    private static string[]? GetAttParts(SamValue argument)
    {
        if (argument is not SamList { Count: >= 2 } list || list.Any(x => x.AsString is null))
        {
            return null;
        }

        return string.Join('.', list.Select(x => x.AsString!)).Split('.');
    }

    private static SamValue SubstituteSub(SamMap fn, Func<string, string?> replace)
    {
        var argument = fn.Values.First();
        string Rewrite(string text) => Fn.SubReference().Replace(text, m => replace(m.Groups[1].Value) ?? m.Value);
        switch (argument)
        {
            case SamScalar { IsString: true } s:
                var rewritten = Rewrite(s.Text);
                return rewritten == s.Text ? fn : new SamMap(fn.Origin).Set("Fn::Sub", SamScalar.String(rewritten, s.Origin));
            case SamList { Count: > 0 } list when list[0].AsString is { } first:
                var text = Rewrite(first);
                if (text != first)
                {
                    list[0] = SamScalar.String(text, list[0].Origin);
                }

                return fn;
            default:
                return fn;
        }
    }
}
