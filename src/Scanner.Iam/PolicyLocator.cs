using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Iam;

/// <summary>Where a resource type keeps a policy document (§3.4 of the trust-policy reference).</summary>
/// <param name="ResourceType">The CloudFormation type.</param>
/// <param name="Property">Dotted property path; <c>[]</c> marks a list whose every item holds the rest (<c>Policies[].PolicyDocument</c>).</param>
/// <param name="Kind">What the document governs.</param>
public sealed record PolicyLocation(string ResourceType, string Property, PolicyKind Kind);

/// <summary>
/// Finds every policy document a resource holds, in any encoding, including statements synthesized from
/// resource properties (Lambda permissions). One place knows where policies live.
/// </summary>
public static class PolicyLocator
{
    /// <summary>Every (type, property) that holds a document.</summary>
    public static IReadOnlyList<PolicyLocation> Locations { get; } =
    [
        new("AWS::IAM::Role", "AssumeRolePolicyDocument", PolicyKind.Trust),
        new("AWS::IAM::Role", "Policies[].PolicyDocument", PolicyKind.Identity),
        new("AWS::IAM::User", "Policies[].PolicyDocument", PolicyKind.Identity),
        new("AWS::IAM::Group", "Policies[].PolicyDocument", PolicyKind.Identity),
        new("AWS::IAM::Policy", "PolicyDocument", PolicyKind.Identity),
        new("AWS::IAM::ManagedPolicy", "PolicyDocument", PolicyKind.Identity),
        new("AWS::IAM::RolePolicy", "PolicyDocument", PolicyKind.Identity),
        new("AWS::IAM::UserPolicy", "PolicyDocument", PolicyKind.Identity),
        new("AWS::IAM::GroupPolicy", "PolicyDocument", PolicyKind.Identity),
        new("AWS::SSO::PermissionSet", "InlinePolicy", PolicyKind.Identity),
        new("AWS::IoT::Policy", "PolicyDocument", PolicyKind.Identity),
        new("AWS::S3::BucketPolicy", "PolicyDocument", PolicyKind.Resource),
        new("AWS::S3::AccessPoint", "Policy", PolicyKind.Resource),
        new("AWS::S3::MultiRegionAccessPointPolicy", "Policy", PolicyKind.Resource),
        new("AWS::S3Express::AccessPoint", "Policy", PolicyKind.Resource),
        new("AWS::S3Express::BucketPolicy", "PolicyDocument", PolicyKind.Resource),
        new("AWS::S3ObjectLambda::AccessPointPolicy", "PolicyDocument", PolicyKind.Resource),
        new("AWS::S3Outposts::BucketPolicy", "PolicyDocument", PolicyKind.Resource),
        new("AWS::S3Tables::TableBucketPolicy", "ResourcePolicy", PolicyKind.Resource),
        new("AWS::S3Tables::TablePolicy", "ResourcePolicy", PolicyKind.Resource),
        new("AWS::SQS::QueuePolicy", "PolicyDocument", PolicyKind.Resource),
        new("AWS::SQS::QueueInlinePolicy", "PolicyDocument", PolicyKind.Resource),
        new("AWS::SNS::TopicPolicy", "PolicyDocument", PolicyKind.Resource),
        new("AWS::SNS::TopicInlinePolicy", "PolicyDocument", PolicyKind.Resource),
        new("AWS::KMS::Key", "KeyPolicy", PolicyKind.Resource),
        new("AWS::KMS::ReplicaKey", "KeyPolicy", PolicyKind.Resource),
        new("AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", PolicyKind.Resource),
        new("AWS::ECR::Repository", "RepositoryPolicyText", PolicyKind.Resource),
        new("AWS::ECR::PublicRepository", "RepositoryPolicyText", PolicyKind.Resource),
        new("AWS::ECR::RegistryPolicy", "PolicyText", PolicyKind.Resource),
        new("AWS::OpenSearchService::Domain", "AccessPolicies", PolicyKind.Resource),
        new("AWS::Elasticsearch::Domain", "AccessPolicies", PolicyKind.Resource),
        new("AWS::ApiGateway::RestApi", "Policy", PolicyKind.Resource),
        new("AWS::ApiGateway::RestApi", "Body.x-amazon-apigateway-policy", PolicyKind.Resource),
        new("AWS::Events::EventBus", "Policy", PolicyKind.Resource),
        new("AWS::Logs::ResourcePolicy", "PolicyDocument", PolicyKind.Resource),
        new("AWS::Logs::Destination", "DestinationPolicy", PolicyKind.Resource),
        new("AWS::Logs::DeliveryDestination", "DeliveryDestinationPolicy", PolicyKind.Resource),
        new("AWS::Backup::BackupVault", "AccessPolicy", PolicyKind.Resource),
        new("AWS::Backup::LogicallyAirGappedBackupVault", "AccessPolicy", PolicyKind.Resource),
        new("AWS::CodeArtifact::Domain", "PermissionsPolicyDocument", PolicyKind.Resource),
        new("AWS::CodeArtifact::Repository", "PermissionsPolicyDocument", PolicyKind.Resource),
        new("AWS::CloudTrail::ResourcePolicy", "ResourcePolicy", PolicyKind.Resource),
        new("AWS::EFS::FileSystem", "FileSystemPolicy", PolicyKind.Resource),
        new("AWS::Kinesis::ResourcePolicy", "ResourcePolicy", PolicyKind.Resource),
        new("AWS::DynamoDB::Table", "ResourcePolicy.PolicyDocument", PolicyKind.Resource),
        new("AWS::DynamoDB::Table", "StreamSpecification.ResourcePolicy.PolicyDocument", PolicyKind.Resource),
        new("AWS::DynamoDB::GlobalTable", "Replicas[].ResourcePolicy.PolicyDocument", PolicyKind.Resource),
        new("AWS::DynamoDB::GlobalTable", "Replicas[].ReplicaStreamSpecification.ResourcePolicy.PolicyDocument", PolicyKind.Resource),
        new("AWS::EC2::VPCEndpoint", "PolicyDocument", PolicyKind.Resource),
    ];

    /// <summary>Types whose policies are synthesized from properties rather than written as documents.</summary>
    public static IReadOnlySet<string> SynthesizedTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::Lambda::Permission", "AWS::Lambda::LayerVersionPermission", "AWS::Events::EventBusPolicy",
    };

    private static readonly ILookup<string, PolicyLocation> ByType = Locations.ToLookup(l => l.ResourceType, StringComparer.Ordinal);

    /// <summary>True when <paramref name="resourceType"/> can hold a policy.</summary>
    public static bool HoldsPolicies(string resourceType) =>
        ByType.Contains(resourceType) || SynthesizedTypes.Contains(resourceType);

    /// <summary>Every document of <paramref name="resource"/>, in property order.</summary>
    public static IReadOnlyList<PolicyDocument> Locate(Template template, TemplateEvaluator evaluator, Resource resource) =>
        Locate(new PolicyReader(template, evaluator), resource);

    /// <summary>
    /// Every document of <paramref name="resource"/> within <paramref name="within"/> (the resource's scenario), using a
    /// shared reader: a whole <c>Properties: !If</c> gives the documents of each deployable branch, and a list of
    /// inline policies written with Fn::If the documents of each item's branches.
    /// </summary>
    public static IReadOnlyList<PolicyDocument> Locate(PolicyReader reader, Resource resource, Scenario? within = null)
    {
        if (!HoldsPolicies(resource.Type) || resource.Attribute("Properties") is not { } written)
        {
            return [];
        }

        var documents = new List<PolicyDocument>();
        foreach (var choice in reader.Choices(written, within ?? Scenario.Always))
        {
            if (choice.Node is MappingNode properties)
            {
                Locate(reader, resource, properties, choice.Scenario, documents);
            }
        }

        return documents;
    }

    private static void Locate(PolicyReader reader, Resource resource, MappingNode properties, Scenario scenario, List<PolicyDocument> documents)
    {
        foreach (var location in ByType[resource.Type])
        {
            foreach (var (node, path, name, at) in Resolve(reader, properties, location.Property, string.Empty, null, scenario))
            {
                documents.AddRange(reader.Read(location.Kind, resource, path, node, name, at));
            }
        }

        switch (resource.Type)
        {
            case "AWS::Lambda::Permission":
                documents.Add(LambdaPermission(reader, resource, properties, scenario, "FunctionName", "SourceArn", "SourceAccount", "PrincipalOrgID"));
                break;
            case "AWS::Lambda::LayerVersionPermission":
                documents.Add(LambdaPermission(reader, resource, properties, scenario, "LayerVersionArn", null, null, "OrganizationId"));
                break;
            case "AWS::Events::EventBusPolicy" when properties.Get("Statement") is { } statement:
                documents.Add(reader.ReadSingleStatement(PolicyKind.Resource, resource, "Statement", statement, scenario));
                break;
            case "AWS::Events::EventBusPolicy" when properties.Get("Principal") is not null:
                documents.Add(LegacyEventBusPolicy(reader, resource, properties, scenario));
                break;
        }
    }

    /// <summary>
    /// Follows a location path through the deployable alternatives of each step; <c>[]</c> fans out over list items.
    /// Yields (node, property path, policy name, scenario).
    /// </summary>
    private static IEnumerable<(SyntaxNode Node, string Path, string? Name, Scenario Scenario)> Resolve(PolicyReader reader, SyntaxNode current, string property, string path, string? name, Scenario scenario)
    {
        var dot = property.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? property : property[..dot];
        var rest = dot < 0 ? string.Empty : property[(dot + 1)..];
        var fanOut = head.EndsWith("[]", StringComparison.Ordinal);
        if (fanOut)
        {
            head = head[..^2];
        }

        if (current is not MappingNode map || map.Get(head) is not { } next)
        {
            yield break;
        }

        var nextPath = path.Length == 0 ? head : path + "/" + head;
        if (!fanOut)
        {
            if (rest.Length == 0)
            {
                yield return (next, nextPath, name, scenario);
                yield break;
            }

            foreach (var choice in reader.Choices(next, scenario))
            {
                foreach (var x in choice.Node is { } chosen ? Resolve(reader, chosen, rest, nextPath, name, choice.Scenario) : [])
                {
                    yield return x;
                }
            }

            yield break;
        }

        foreach (var choice in reader.Choices(next, scenario))
        {
            if (choice.Node is not SequenceNode list)
            {
                continue;
            }

            for (var i = 0; i < list.Count; i++)
            {
                var itemPath = nextPath + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var itemChoice in reader.Choices(list[i], choice.Scenario))
                {
                    var item = itemChoice.Node;
                    var itemName = item is MappingNode im && im.Get("PolicyName") is { } pn ? reader.Evaluate(pn).AsString : null;
                    foreach (var x in item is null ? [] : Resolve(reader, item, rest, itemPath, itemName ?? name, itemChoice.Scenario))
                    {
                        yield return x;
                    }
                }
            }
        }
    }

    /// <summary>The legacy EventBusPolicy form: Principal, Action and one Condition {Type, Key, Value}.</summary>
    private static PolicyDocument LegacyEventBusPolicy(PolicyReader reader, Resource resource, MappingNode properties, Scenario scenario) =>
        reader.Synthesize(PolicyKind.Resource, resource, properties, scenario, (r, _) =>
        {
            var principal = r.SynthesizedPrincipal(properties.Get("Principal")!, scenario);
            var action = properties.Get("Action") is { } a ? PolicyReader.SynthesizedValues("Action", a, r.ValuesOf(a, scenario)) : null;
            var clauses = new List<ConditionClause>();
            if (properties.Get("Condition") is MappingNode condition && condition.Get("Key") is ScalarNode key && condition.Get("Value") is { } value)
            {
                var op = condition.Get("Type") is { } t ? r.Evaluate(t).AsString ?? "StringEquals" : "StringEquals";
                clauses.Add(PolicyReader.SynthesizedClause(op, key, key.Text, value, r.ValuesOf(value, scenario), scenario));
            }

            return PolicyReader.SynthesizedStatement(properties, scenario, principal, action, null, clauses, properties.Get("Condition") ?? properties);
        });

    /// <summary>Lambda (layer) permissions: one Allow statement from Principal, Action, the function and the source conditions.</summary>
    private static PolicyDocument LambdaPermission(PolicyReader reader, Resource resource, MappingNode properties, Scenario scenario, string resourceProperty, string? sourceArn, string? sourceAccount, string? orgId) =>
        reader.Synthesize(PolicyKind.Resource, resource, properties, scenario, (r, _) =>
        {
            var principal = properties.Get("Principal") is { } p ? r.SynthesizedPrincipal(p, scenario) : null;
            var action = properties.Get("Action") is { } a ? PolicyReader.SynthesizedValues("Action", a, r.ValuesOf(a, scenario)) : null;
            var target = properties.Get(resourceProperty) is { } f ? PolicyReader.SynthesizedValues("Resource", f, r.ValuesOf(f, scenario)) : null;
            var clauses = new List<ConditionClause>();
            void Add(string? property, string op, string key)
            {
                if (property is not null && properties.Get(property) is { } node && properties.GetKey(property) is { } keyNode)
                {
                    clauses.Add(PolicyReader.SynthesizedClause(op, keyNode, key, node, r.ValuesOf(node, scenario), scenario));
                }
            }

            Add(sourceArn, "ArnLike", ConditionKeys.SourceArn);
            Add(sourceAccount, "StringEquals", ConditionKeys.SourceAccount);
            Add(orgId, "StringEquals", ConditionKeys.PrincipalOrgId);
            return PolicyReader.SynthesizedStatement(properties, scenario, principal, action, target, clauses, properties);
        });
}
