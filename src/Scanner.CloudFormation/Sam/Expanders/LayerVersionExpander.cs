using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>
/// AWS::Serverless::LayerVersion → a Lambda layer version whose logical id carries a hash of the layer's definition
/// (so a change publishes a new version); references to the layer's id are rewritten to the new id.
/// </summary>
internal sealed class LayerVersionExpander : ISamExpander
{
    private static readonly string[] RetentionOptions = ["Retain", "Delete"];

    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>();

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        SamSchema.ValidateResource(resource.LogicalId, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode);
        var properties = (SamMap)resource.Properties.Clone();
        foreach (var name in new[] { "LayerName", "LicenseInfo", "Description", "RetentionPolicy" })
        {
            if (properties.Get(name) is { } value && SamValue.Truthy(value))
            {
                var resolved = context.Parameters.Resolve(value)!;
                if (resolved is not SamMap && resolved.AsString is null)
                {
                    throw resource.Error($"Could not resolve parameter for '{name}' or parameter is not a String.", value);
                }

                properties.Set(name, resolved);
            }
        }

        var attributes = resource.PassThroughAttributes();
        if (!attributes.ContainsKey("DeletionPolicy"))
        {
            attributes.Set("DeletionPolicy", "Retain");
        }

        if (RetentionPolicy(resource, properties.Get("RetentionPolicy")) is { } retention)
        {
            attributes.Set("DeletionPolicy", retention);
        }

        // SAM hashes the layer as written (Type, attributes except DeletionPolicy/UpdateReplacePolicy/Metadata, properties).
        var hashed = new SamMap().Set("Type", resource.Type);
        if (resource.DependsOn is { } dependsOn && SamValue.Truthy(dependsOn))
        {
            hashed.Set("DependsOn", dependsOn);
        }

        foreach (var (k, v) in resource.ResourceAttributes())
        {
            if (k is not ("DeletionPolicy" or "UpdateReplacePolicy" or "Metadata"))
            {
                hashed.Set(k, v);
            }
        }

        var hashedProperties = new SamMap();
        foreach (var (k, v) in properties)
        {
            if (!SamValue.IsNull(v))
            {
                hashedProperties.Set(k, v);
            }
        }

        hashed.Set("Properties", hashedProperties);
        var newId = resource.LogicalId + SamJson.Hash(new SamMap().Set(resource.LogicalId, hashed));
        context.ChangedLogicalIds[resource.LogicalId] = newId;

        var layer = resource.New(newId, "AWS::Lambda::LayerVersion", attributes);
        layer.DependsOn = resource.DependsOn;
        var layerName = properties.Get("LayerName");
        layer.Set("LayerName", layerName is not null && SamValue.Truthy(layerName) ? layerName : Fn.Str(resource.LogicalId));
        layer.Set("Description", properties.Get("Description") is { } d && !SamValue.IsNull(d) ? d : null);
        var contentUri = properties.Get("ContentUri") ?? SamScalar.Null();
        layer.Set("Content", FunctionExpander.S3Location(resource, contentUri, "ContentUri"));
        var architectures = properties.Get("CompatibleArchitectures");
        layer.Set("CompatibleArchitectures", architectures is not null && !SamValue.IsNull(architectures) ? architectures : null);
        if (architectures is SamList list)
        {
            foreach (var a in list)
            {
                if (!Fn.IsIntrinsic(a) && a.AsString is not ("x86_64" or "arm64"))
                {
                    throw SamException.Resource(newId, "CompatibleArchitectures needs to be a list of 'x86_64' or 'arm64'", a);
                }
            }
        }

        layer.Set("CompatibleRuntimes", properties.Get("CompatibleRuntimes") is { } r && !SamValue.IsNull(r) ? r : null);
        layer.Set("LicenseInfo", properties.Get("LicenseInfo") is { } l && !SamValue.IsNull(l) ? l : null);
        return [layer];
    }

    private static string? RetentionPolicy(SamResource resource, SamValue? value)
    {
        if (Fn.IsIntrinsic(value))
        {
            throw resource.Error($"'RetentionPolicy' does not accept intrinsic functions, please use one of the following options: {Plugins.Globals.PythonList(RetentionOptions)}", value);
        }

        if (value is null || SamValue.IsNull(value))
        {
            return null;
        }

        if (value.AsString is not { } text)
        {
            throw resource.Error($"Invalid 'RetentionPolicy' type, please use one of the following options: {Plugins.Globals.PythonList(RetentionOptions)}", value);
        }

        return RetentionOptions.FirstOrDefault(o => o.Equals(text, StringComparison.OrdinalIgnoreCase))
            ?? throw resource.Error($"'RetentionPolicy' must be one of the following options: {Plugins.Globals.PythonList(RetentionOptions)}.", value);
    }
}
