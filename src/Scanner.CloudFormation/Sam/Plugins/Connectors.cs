using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Plugins;

/// <summary>
/// Connectors written as a resource's <c>Connectors</c> attribute become AWS::Serverless::Connector resources named
/// <c>&lt;resource id&gt;&lt;connector id&gt;</c> whose Source is that resource (SAM's embedded connectors).
/// </summary>
internal static class Connectors
{
    public static void AddEmbedded(SamContext context)
    {
        var resources = context.Resources;
        var generated = new List<(string Id, SamMap Dict, string Source)>();
        foreach (var (sourceId, value) in resources.ToList())
        {
            if (value is not SamMap resource || !resource.ContainsKey("Connectors"))
            {
                continue;
            }

            if (resource.Get("Connectors") is not SamMap connectors)
            {
                context.Errors.Add(new SamException($"Attribute '{sourceId}.Connectors' should be a map.", resource.Get("Connectors")?.Origin, SamErrorKind.Resource, sourceId));
                continue;
            }

            foreach (var (connectorId, connectorValue) in connectors)
            {
                var fullId = sourceId + connectorId;
                try
                {
                    if (connectorValue is not SamMap connector)
                    {
                        throw new SamException($"{sourceId}.{fullId} should be a map.", connectorValue.Origin, SamErrorKind.Resource, fullId);
                    }

                    var dict = (SamMap)connector.Clone();
                    dict.Set("Type", "AWS::Serverless::Connector");
                    if (dict.Get("Properties") is not SamMap properties)
                    {
                        throw new SamException($"Attribute 'Connectors.{connectorId}.Properties' should be a map.", (dict.Get("Properties") ?? connector).Origin, SamErrorKind.Resource, sourceId);
                    }

                    var source = new SamMap().Set("Id", sourceId);
                    if (properties.Get("SourceReference") is { } reference)
                    {
                        if (reference is not SamMap referenceMap)
                        {
                            throw new SamException($"Property 'Connectors.{connectorId}.Properties.SourceReference' should be a map.", reference.Origin, SamErrorKind.Resource, sourceId);
                        }

                        if (referenceMap.ContainsKey("Id"))
                        {
                            throw new SamException("'Id' shouldn't be defined in 'SourceReference'.", referenceMap.Origin, SamErrorKind.Resource, connectorId);
                        }

                        source.Update(referenceMap);
                        properties.Remove("SourceReference");
                    }

                    properties.Set("Source", source);
                    if (resources.ContainsKey(fullId))
                    {
                        throw new SamException(
                            $"Transforming resource with id [{sourceId}] attempts to create a new resource with id [{fullId}] and type \"AWS::Serverless::Connector\". A resource with that id already exists within this template. Please use a different id for that resource.",
                            connector.Origin,
                            SamErrorKind.DuplicateId,
                            sourceId);
                    }

                    SamSchema.ValidateResource(fullId, "AWS::Serverless::Connector", properties, connector.Origin);
                    generated.Add((fullId, dict, sourceId));
                }
                catch (SamException e)
                {
                    context.Errors.Add(e.LocatedAt(connectorValue.Origin));
                }
            }
        }

        foreach (var (id, dict, source) in generated)
        {
            resources.Set(id, dict);
            if (context.WrittenResource(source) is { } written)
            {
                context.SyntheticSources[id] = written;
            }
        }

        foreach (var (_, value) in resources)
        {
            (value as SamMap)?.Remove("Connectors");
        }
    }
}
