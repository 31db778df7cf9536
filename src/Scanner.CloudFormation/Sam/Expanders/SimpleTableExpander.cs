using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Expanders;

/// <summary>AWS::Serverless::SimpleTable → a DynamoDB table with a single hash key (on-demand unless throughput is given).</summary>
internal sealed class SimpleTableExpander : ISamExpander
{
    public IReadOnlyDictionary<string, string> ReferableProperties { get; } = new Dictionary<string, string>();

    public IReadOnlyList<CfnResource> Expand(SamResource resource, SamContext context)
    {
        SamSchema.ValidateResource(resource.LogicalId, resource.Type, resource.Dict.Get("Properties"), resource.Written?.KeyNode);
        var properties = resource.Properties;
        SamValue? P(string name) => properties.Get(name) is { } v && !SamValue.IsNull(v) ? v : null;
        var table = resource.New(resource.LogicalId, "AWS::DynamoDB::Table", resource.ResourceAttributes());
        table.DependsOn = resource.DependsOn;
        SamMap key;
        if (P("PrimaryKey") is SamMap primary && primary.Count > 0)
        {
            var name = primary.Get("Name") is { } n && !SamValue.IsNull(n) ? n : throw resource.Error("Property 'PrimaryKey.Name' is required.", primary);
            var type = primary.Get("Type") is { } t && !SamValue.IsNull(t) ? t : throw resource.Error("Property 'PrimaryKey.Type' is required.", primary);
            var converted = type.AsString switch
            {
                "String" => "S",
                "Number" => "N",
                "Binary" => "B",
                _ => throw resource.Error($"Invalid 'Type' \"{SamJson.Python(type)}\".", type),
            };
            key = new SamMap(primary.Origin).Set("AttributeName", name).Set("AttributeType", SamScalar.String(converted, type.Origin));
        }
        else
        {
            key = new SamMap().Set("AttributeName", "id").Set("AttributeType", "S");
        }

        table.Set("AttributeDefinitions", Fn.List(key));
        table.Set("KeySchema", Fn.List(new SamMap().Set("AttributeName", key.Get("AttributeName")!.Clone()).Set("KeyType", "HASH")));
        if (P("PointInTimeRecoverySpecification") is { } pitr && SamValue.Truthy(pitr))
        {
            table.Set("PointInTimeRecoverySpecification", pitr);
        }

        if (P("ProvisionedThroughput") is { } throughput && SamValue.Truthy(throughput))
        {
            table.Set("ProvisionedThroughput", throughput);
        }
        else
        {
            table.Set("BillingMode", "PAY_PER_REQUEST");
        }

        if (P("SSESpecification") is { } sse && SamValue.Truthy(sse))
        {
            table.Set("SSESpecification", sse);
        }

        if (P("TableName") is { } tableName && SamValue.Truthy(tableName))
        {
            table.Set("TableName", tableName);
        }

        if (P("Tags") is SamMap { Count: > 0 } tags)
        {
            table.Set("Tags", new SamList(Roles.Tags(tags)));
        }

        return [table];
    }
}
