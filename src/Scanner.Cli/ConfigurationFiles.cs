using System.Text.Json;
using System.Text.RegularExpressions;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Scanner.Cli;

/// <summary>Reads the configuration files the CLI accepts. Every problem is a <see cref="UsageException"/> naming the file.</summary>
public static partial class ConfigurationFiles
{
    /// <summary>
    /// <c>{"Parameters": {"K": "v"}}</c> or the AWS CLI's <c>[{"ParameterKey": "K", "ParameterValue": "v"}]</c>.
    /// Keys starting with <c>AWS::</c> set pseudo parameters (e.g. AWS::Region). The file describes one deployment:
    /// parameters it does not list take their Default, as CloudFormation does.
    /// </summary>
    public static EvaluationSettings LoadParameterValues(string path, EvaluationSettings settings)
    {
        using var doc = ReadJson(path, "parameter values");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in parameters.EnumerateObject())
            {
                values[p.Name] = Scalar(p.Value, path);
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("ParameterKey", out var key) || key.ValueKind != JsonValueKind.String)
                {
                    throw new UsageException($"{path}: each entry must be an object with ParameterKey and ParameterValue.");
                }

                values[key.GetString()!] = item.TryGetProperty("ParameterValue", out var v) ? Scalar(v, path) : string.Empty;
            }
        }
        else
        {
            throw new UsageException($"{path}: expected {{\"Parameters\": {{\"Name\": \"value\"}}}} or [{{\"ParameterKey\": …, \"ParameterValue\": …}}].");
        }

        return settings with
        {
            ParameterValues = values.Where(kv => !kv.Key.StartsWith("AWS::", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            PseudoParameterValues = values.Where(kv => kv.Key.StartsWith("AWS::", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            DefaultsAreValues = true,
        };
    }

    /// <summary><c>{"IsProd": true}</c>; strings "true"/"false" are accepted too.</summary>
    public static EvaluationSettings LoadConditionValues(string path, EvaluationSettings settings)
    {
        using var doc = ReadJson(path, "condition values");
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new UsageException($"{path}: expected an object of condition names to true/false.");
        }

        var values = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            values[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(p.Value.GetString(), out var b) => b,
                _ => throw new UsageException($"{path}: condition '{p.Name}' must be true or false."),
            };
        }

        return settings with { ConditionValues = values };
    }

    /// <summary>cfn-nag's profile: one rule id at the start of each line, the rest of the line ignored.</summary>
    public static IReadOnlySet<string> LoadProfile(string path, RuleIndex rules)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in ReadLines(path, "profile"))
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var match = ProfileLine().Match(trimmed);
            if (!match.Success)
            {
                throw new UsageException($"{path}:{lineNumber}:1: profile line does not start with a rule id: '{trimmed}'");
            }

            var id = match.Groups[1].Value;
            if (!rules.Contains(id))
            {
                throw new UsageException($"{path}:{lineNumber}:1: unknown rule id '{id}' in profile{Hint(id, rules)}");
            }

            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            throw new UsageException($"{path}: the profile names no rules");
        }

        return ids;
    }

    /// <summary>cfn-nag's deny list: YAML <c>RulesToSuppress: [{id, reason}]</c>.</summary>
    public static IReadOnlySet<string> LoadDenyList(string path, RuleIndex rules)
    {
        var text = ReadText(path, "deny list");
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new UsageException($"{path}:{ex.Start.Line}:{ex.Start.Column}: invalid YAML in deny list: {ex.Message}");
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("RulesToSuppress"), out var listNode) || listNode is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw new UsageException($"{path}: a deny list must have a non-empty RulesToSuppress list of {{id, reason}} entries");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode entry || !entry.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) || idNode is not YamlScalarNode { Value: { Length: > 0 } id })
            {
                throw new UsageException($"{path}:{item.Start.Line}:{item.Start.Column}: each RulesToSuppress entry needs an id");
            }

            if (!rules.Contains(id))
            {
                throw new UsageException($"{path}:{item.Start.Line}:{item.Start.Column}: unknown rule id '{id}' in deny list{Hint(id, rules)}");
            }

            ids.Add(id);
        }

        return ids;
    }

    /// <summary>" (did you mean 'W35'?)", or for an alias " (an alias of W35; name the rule id)".</summary>
    private static string Hint(string id, RuleIndex rules) =>
        rules.Resolve(id) is { Count: > 0 } aliased ? $" ({id} is an alias of {string.Join(", ", aliased.Select(r => r.Id))}; name the rule id)"
        : rules.Nearest(id) is { } near ? $" (did you mean '{near}'?)"
        : string.Empty;

    private static string Scalar(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Array => string.Join(',', e.EnumerateArray().Select(i => Scalar(i, path))),
        _ => throw new UsageException($"{path}: parameter values must be strings, numbers, booleans or lists"),
    };

    private static JsonDocument ReadJson(string path, string what)
    {
        var text = ReadText(path, what);
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: invalid JSON in {what} file");
        }
    }

    private static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {what} file '{path}': {ex.Message}");
        }
    }

    private static string[] ReadLines(string path, string what) => ReadText(path, what).Split('\n');

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9_.\\-]*?[0-9]+|[A-Za-z][A-Za-z0-9_.\\-]*)(\\s|$)")]
    private static partial Regex ProfileLine();
}
