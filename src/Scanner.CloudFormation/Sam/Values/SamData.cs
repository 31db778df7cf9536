using System.Globalization;
using System.Text.Json;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam.Values;

/// <summary>The data SAM ships with its translator, embedded in this assembly (see Sam/Data/NOTICE.md).</summary>
internal static class SamData
{
    public const string ResourcePrefix = "Scanner.CloudFormation.Sam.Data.";

    private static readonly Lazy<SamMap> PolicyTemplatesData = new(() => (SamMap)Load("policy_templates.json"));
    private static readonly Lazy<SamMap> ConnectorProfilesData = new(() => (SamMap)Load("connector_profiles.json"));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> ManagedPoliciesData = new(() =>
        ((SamMap)Load("aws_managed_policies.json")).ToDictionary(e => e.Key, e => e.Value.AsString ?? string.Empty, StringComparer.Ordinal));

    /// <summary>SAM's policy_templates.json: <c>{Version, Templates: {Name: {Parameters, Definition}}}</c>.</summary>
    public static SamMap PolicyTemplates => PolicyTemplatesData.Value;

    /// <summary>SAM's connector profiles: source type → destination type → {Type, Properties: {AccessCategories}}.</summary>
    public static SamMap ConnectorProfiles => ConnectorProfilesData.Value;

    /// <summary>AWS managed policy name → the path in its ARN ("" or "service-role/", …).</summary>
    public static IReadOnlyDictionary<string, string> ManagedPolicies => ManagedPoliciesData.Value;

    /// <summary>An embedded text file of this project's own SAM data (e.g. sam_schema.txt).</summary>
    public static string LoadText(string name)
    {
        using var stream = typeof(SamData).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Embedded SAM data '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SamValue Load(string name)
    {
        using var stream = typeof(SamData).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Embedded SAM data '{name}' is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return FromJson(document.RootElement);
    }

    public static SamValue FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new SamMap();
                foreach (var p in element.EnumerateObject())
                {
                    map.Set(p.Name, FromJson(p.Value));
                }

                return map;
            case JsonValueKind.Array:
                return new SamList(element.EnumerateArray().Select(FromJson));
            case JsonValueKind.String:
                return SamScalar.String(element.GetString()!);
            case JsonValueKind.Number:
                var text = element.GetRawText();
                return new SamScalar(text, long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? ScalarKind.Integer : ScalarKind.Float);
            case JsonValueKind.True:
                return SamScalar.Boolean(true);
            case JsonValueKind.False:
                return SamScalar.Boolean(false);
            default:
                return SamScalar.Null();
        }
    }
}
