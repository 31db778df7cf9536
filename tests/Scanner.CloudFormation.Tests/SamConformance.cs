using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Tests;

/// <summary>
/// Compares our SAM transform of a translator input with the CloudFormation SAM's translator produced for it: the
/// (logical id, type) pairs of every resource, and the security-relevant properties of IAM roles, Lambda
/// permissions, API stages and resource policies. Content hashes SAM appends to some ids are normalized away, and a
/// partition written as <c>${AWS::Partition}</c> equals SAM's <c>aws</c>.
/// </summary>
internal static partial class SamConformance
{
    /// <summary>The properties compared per type ("" = the resource policy inside an OpenAPI body).</summary>
    private static readonly Dictionary<string, string[]> SecurityProperties = new(StringComparer.Ordinal)
    {
        ["AWS::IAM::Role"] = ["AssumeRolePolicyDocument", "Policies", "ManagedPolicyArns", "PermissionsBoundary"],
        ["AWS::Lambda::Permission"] = ["Action", "FunctionName", "Principal", "SourceArn", "SourceAccount", "EventSourceToken", "FunctionUrlAuthType", "PrincipalOrgID"],
        ["AWS::ApiGateway::Stage"] = ["MethodSettings", "AccessLogSetting", "StageName", "RestApiId"],
        ["AWS::ApiGatewayV2::Stage"] = ["DefaultRouteSettings", "RouteSettings", "AccessLogSettings", "StageName", "ApiId"],
        ["AWS::ApiGateway::RestApi"] = ["Policy", "Body.x-amazon-apigateway-policy"],
        ["AWS::SQS::QueuePolicy"] = ["PolicyDocument", "Queues"],
        ["AWS::SNS::TopicPolicy"] = ["PolicyDocument", "Topics"],
        ["AWS::IAM::ManagedPolicy"] = ["PolicyDocument", "Roles"],
        ["AWS::IAM::Policy"] = ["PolicyDocument", "Roles"],
    };

    public sealed record Result(string Name, bool IdsMatch, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra, IReadOnlyList<string> PropertyDifferences)
    {
        public bool PropertiesMatch => PropertyDifferences.Count == 0;
    }

    /// <summary>The translator inputs that SAM transforms without error (each has an expected output with Resources).</summary>
    public static IEnumerable<(string Name, string Input, string Expected)> Inputs(string root)
    {
        foreach (var input in Directory.EnumerateFiles(Path.Combine(root, "input"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(input);
            var expected = Path.Combine(root, "expected-output", name + ".json");
            if (!name.StartsWith("error_", StringComparison.Ordinal) && File.Exists(expected))
            {
                yield return (name, input, expected);
            }
        }
    }

    public static Result Compare(string name, string inputPath, string expectedPath)
    {
        var tree = TemplateParser.ParseFile(inputPath, name + ".yaml");
        var template = tree.Root is null ? null : Template.Load(tree, [], forceSam: true);
        var expected = JsonNode.Parse(File.ReadAllText(expectedPath))?["Resources"] as JsonObject ?? [];
        var ours = template is null ? new JsonObject() : (TemplateWriter.ToJson(template.Document)?["Resources"] as JsonObject ?? []);
        var expectedIds = HashedIds(expected);
        var ourIds = HashedIds(ours);
        var expectedPairs = expected.Select(p => $"{Strip(p.Key)}:{TypeOf(p.Value)}").ToHashSet(StringComparer.Ordinal);
        var ourPairs = ours.Select(p => $"{Strip(p.Key)}:{TypeOf(p.Value)}").ToHashSet(StringComparer.Ordinal);
        var missing = expectedPairs.Except(ourPairs).Order(StringComparer.Ordinal).ToList();
        var extra = ourPairs.Except(expectedPairs).Order(StringComparer.Ordinal).ToList();

        var differences = new List<string>();
        var ourByStripped = ours.GroupBy(p => Strip(p.Key)).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        foreach (var (id, value) in expected)
        {
            var type = TypeOf(value);
            if (!SecurityProperties.TryGetValue(type, out var properties) || !ourByStripped.TryGetValue(Strip(id), out var ourValue) || TypeOf(ourValue) != type)
            {
                continue;
            }

            foreach (var property in properties)
            {
                var want = Normalize(Property(value, property), expectedIds, property);
                var got = Normalize(Property(ourValue, property), ourIds, property);
                if (want != got)
                {
                    differences.Add($"{Strip(id)}.{property}: expected {want} got {got}");
                }
            }
        }

        return new Result(name, missing.Count == 0 && extra.Count == 0, missing, extra, differences);
    }

    private static string TypeOf(JsonNode? resource) => resource?["Type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "?";

    private static JsonNode? Property(JsonNode? resource, string dotted)
    {
        JsonNode? current = resource?["Properties"];
        foreach (var part in dotted.Split('.'))
        {
            current = current is JsonObject o ? o[part] : null;
        }

        return current;
    }

    /// <summary>The logical ids that carry a content hash, with their hash removed.</summary>
    private static Dictionary<string, string> HashedIds(JsonObject resources) =>
        resources.Select(p => p.Key).Where(k => Strip(k) != k).ToDictionary(k => k, Strip, StringComparer.Ordinal);

    /// <summary>A comparable text of a value: hashed ids stripped, partition placeholders resolved, keys sorted, unordered lists sorted.</summary>
    private static string Normalize(JsonNode? value, Dictionary<string, string> hashedIds, string property)
    {
        var normalized = NormalizeNode(value?.DeepClone(), hashedIds);
        if (property is "ManagedPolicyArns" or "Policies" && normalized is JsonArray list)
        {
            var items = list.Select(i => Canonical(i)).Order(StringComparer.Ordinal).ToList();
            return "[" + string.Join(",", items) + "]";
        }

        return Canonical(normalized);
    }

    private static JsonNode? NormalizeNode(JsonNode? node, Dictionary<string, string> hashedIds)
    {
        switch (node)
        {
            case JsonObject o when o.Count == 1 && o.First().Key == "Fn::Sub":
                var argument = o["Fn::Sub"];
                if (argument is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    var resolved = NormalizeText(text, hashedIds);
                    return resolved.Contains("${", StringComparison.Ordinal) ? new JsonObject { ["Fn::Sub"] = resolved } : JsonValue.Create(resolved);
                }

                // SAM's expected outputs sometimes list the variables before the string.
                if (argument is JsonArray { Count: 2 } pair && pair[0] is JsonObject && pair[1] is JsonValue)
                {
                    argument = new JsonArray(pair[1]!.DeepClone(), pair[0]!.DeepClone());
                }

                return new JsonObject { ["Fn::Sub"] = NormalizeNode(argument?.DeepClone(), hashedIds) };
            case JsonObject o when o.Count == 1 && o.First().Key == "Fn::GetAtt" && o["Fn::GetAtt"] is JsonValue dotted && dotted.TryGetValue<string>(out var getAtt):
                var dot = getAtt.IndexOf('.', StringComparison.Ordinal);
                return NormalizeNode(new JsonObject { ["Fn::GetAtt"] = dot < 0 ? new JsonArray(getAtt) : new JsonArray(getAtt[..dot], getAtt[(dot + 1)..]) }, hashedIds);
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (key, child) in o)
                {
                    result[NormalizeText(key, hashedIds)] = NormalizeNode(child?.DeepClone(), hashedIds);
                }

                return result;
            case JsonArray a:
                var array = new JsonArray();
                foreach (var item in a)
                {
                    array.Add(NormalizeNode(item?.DeepClone(), hashedIds));
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var s):
                return JsonValue.Create(NormalizeText(s, hashedIds));
            default:
                return node;
        }
    }

    private static string NormalizeText(string text, Dictionary<string, string> hashedIds)
    {
        text = text.Replace("${AWS::Partition}", "aws", StringComparison.Ordinal);
        if (hashedIds.TryGetValue(text, out var stripped))
        {
            return stripped;
        }

        return hashedIds.Count == 0 ? text : IdLike().Replace(text, m => hashedIds.TryGetValue(m.Value, out var s) ? s : m.Value);
    }

    private static string Canonical(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                return "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}";
            case JsonArray a when a.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                // Lists of strings (actions, resources, principals) mean the same in any order; SAM's outputs sort some.
                return "[" + string.Join(",", a.Select(Canonical).Order(StringComparer.Ordinal)) + "]";
            case JsonArray a:
                return "[" + string.Join(",", a.Select(Canonical)) + "]";
            case null:
                return "null";
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            default:
                return node.ToJsonString();
        }
    }

    public static string Strip(string id) => HashSuffix().Replace(id, string.Empty);

    [GeneratedRegex("[0-9a-f]{10}$")]
    private static partial Regex HashSuffix();

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex IdLike();
}
