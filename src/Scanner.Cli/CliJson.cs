using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scanner.Core.Diagnostics;

namespace Scanner.Cli;

/// <summary>
/// The command line's JSON, serialized through System.Text.Json source generation (no reflection, so the native AOT
/// binary writes exactly what the JIT build writes). To serialize a new type, add a <c>[JsonSerializable]</c> line to
/// <see cref="CliJsonContext"/> and pass <c>CliJson.Context.YourType</c> to <see cref="JsonSerializer"/>; the build's AOT
/// analyzers reject the reflection-based overloads.
/// </summary>
internal static class CliJson
{
    /// <summary>Indented, with non-ASCII text kept as written (the reports' convention).</summary>
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>One line, for values embedded in other text.</summary>
    public static CliJsonContext Compact { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

/// <summary>Every type the command line serializes.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(RuleInfo[]))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>One rule in <c>iacscan rules --format json</c> (field names are a contract).</summary>
internal sealed record RuleInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("findingSeverities")] IReadOnlyList<string> FindingSeverities,
    [property: JsonPropertyName("findingLevels")] IReadOnlyList<string> FindingLevels,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("enabledByDefault")] bool EnabledByDefault,
    [property: JsonPropertyName("fixable")] bool Fixable,
    [property: JsonPropertyName("resourceTypes")] IReadOnlyList<string> ResourceTypes,
    [property: JsonPropertyName("aliases")] IReadOnlyList<RuleAliasInfo> Aliases,
    [property: JsonPropertyName("arguments")] IReadOnlyList<RuleArgumentInfo> Arguments,
    [property: JsonPropertyName("helpUri")] string? HelpUri)
{
    public static RuleInfo From(RuleDescriptor d) => new(
        d.Id,
        d.Level == RuleLevel.Failure ? "failure" : "warning",
        d.Severity.ToString().ToUpperInvariant(),
        [.. d.FindingSeverities.Select(s => s.ToString().ToUpperInvariant())],
        [.. d.FindingLevels.Select(l => l == RuleLevel.Failure ? "failure" : "warning")],
        d.Title,
        d.Category,
        d.Source,
        d.EnabledByDefault,
        AnalysisComposition.Fixes.IsFixable(d.Id),
        d.ResourceTypes,
        [.. d.Aliases.Select(a => new RuleAliasInfo(a.Tool, a.Id))],
        [.. d.Arguments.Select(a => new RuleArgumentInfo(a.Name, a.KindName, a.DefaultValue, a.Description))],
        Reporting.ReportFacts.HelpUri(d, new Reporting.ReportOptions { RuleDocsUrl = ToolInfo.DefaultRuleDocsUrl })?.AbsoluteUri);
}

internal sealed record RuleAliasInfo([property: JsonPropertyName("tool")] string Tool, [property: JsonPropertyName("id")] string Id);

internal sealed record RuleArgumentInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("defaultValue")] string? DefaultValue,
    [property: JsonPropertyName("description")] string Description);
