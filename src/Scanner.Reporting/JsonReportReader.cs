using System.Globalization;
using System.Text.Json;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Core.Text;

namespace Scanner.Reporting;

/// <summary>A JSON report read back: where it came from, the version of iacscan that wrote it, and its scan result.</summary>
public sealed record JsonReport(string Source, string Version, ScanResult Result)
{
    /// <summary>A digest of the report's text, to tell the same report given twice.</summary>
    public string Digest { get; init; } = string.Empty;
}

/// <summary>
/// Reads the JSON report (<see cref="JsonReportWriter"/>) back into the <see cref="ScanResult"/> it was written from,
/// so that every writer can render it again (<c>iacscan merge</c>). A file that is not such a report is an
/// <see cref="InvalidDataException"/> naming the file and, for JSON syntax, its line and column.
/// </summary>
public static class JsonReportReader
{
    public static JsonReport Read(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"{source}:{line + 1}:{(ex.BytePositionInLine ?? 0) + 1}" : source;
            throw new InvalidDataException($"{where}: not valid JSON ({FirstSentence(ex.Message)})");
        }

        using (document)
        {
            var root = new Node(document.RootElement, source, "$");
            if (root.Element.ValueKind != JsonValueKind.Object || root.OptionalString("tool") != "iacscan" || root.Element.TryGetProperty("files", out _) is false)
            {
                throw new InvalidDataException($"{source}: not an iacscan JSON report (scan --format json, or -o json=FILE)");
            }

            if (!root.Element.TryGetProperty("rules", out _))
            {
                throw new InvalidDataException($"{source}: this JSON report has no \"rules\" (iacscan {root.OptionalString("version") ?? "?"} wrote it): scan again with this iacscan to merge it");
            }

            var rules = root.Array("rules").Select(ReadRule).ToArray();
            var kinds = rules.ToDictionary(r => r.Id, r => r.Kind, StringComparer.Ordinal);
            var files = root.Array("files").Select(f => ReadFile(f, kinds)).ToArray();
            var summary = root.Object("summary");
            var result = new ScanResult(files, rules)
            {
                SkippedFiles = summary.Int("skipped"),
                Skipped = [.. root.OptionalArray("skippedFiles").Select(s => new SkippedFile(s.String("path"), s.String("reason")))],
                ConfigFiles = [.. summary.OptionalArray("configFiles").Select(c => c.AsString())],
                Errors = [.. root.OptionalArray("errors").Select(e => e.AsString())],
                Baseline = root.OptionalObject("baseline") is { } baseline
                    ? new BaselineComparison(baseline.String("file"), baseline.Int("entries"), [.. baseline.Array("stale").Select(ReadBaselineEntry)])
                    : null,
                Shard = root.OptionalObject("shard") is { } shard ? ReadShard(shard) : null,
            };

            var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
            return new JsonReport(source, root.String("version"), result) { Digest = digest };
        }
    }

    private static ScanShard ReadShard(Node shard)
    {
        var index = shard.Int("index");
        var count = shard.Int("count");
        if (count < 1 || index < 1 || index > count)
        {
            throw shard.Invalid($"shard {index}/{count} is not a shard (1 ≤ index ≤ count)");
        }

        return new ScanShard(index, count) { Files = shard.Int("files"), Scan = shard.String("scan") };
    }

    private static FileResult ReadFile(Node file, Dictionary<string, RuleKind> kinds)
    {
        var path = file.String("path");
        var findings = file.Array("findings").Select(f => ReadFinding(f, path, kinds)).ToArray();
        return new FileResult(path, findings)
        {
            ConfigFile = file.OptionalString("config"),
            FailOn = file.OptionalString("failOn"),
            ParseFailed = file.OptionalBool("parseFailed") ?? false,
        };
    }

    private static Finding ReadFinding(Node f, string filePath, Dictionary<string, RuleKind> kinds)
    {
        var ruleId = f.String("ruleId");
        FindingScenario? when = null;
        if (f.OptionalObject("when") is { } w)
        {
            when = new FindingScenario(
                [.. w.Object("conditions").Properties().Select(p => new KeyValuePair<string, bool>(p.Name, p.Value.AsBool()))],
                [.. w.Object("parameters").Properties().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.AsString()))],
                w.String("description"));
        }

        return new Finding
        {
            RuleId = ruleId,

            // Findings of rules the report does not describe are labelled as built-in rules (as SARIF describes them).
            Kind = kinds.TryGetValue(ruleId, out var kind) ? kind : RuleKind.BuiltIn,
            Level = Level(f, "level"),
            Severity = Severity(f, "severity"),
            Message = f.String("message"),
            FilePath = filePath,
            LogicalId = f.OptionalString("logicalId"),
            ResourceType = f.OptionalString("resourceType"),
            Span = new SourceSpan(f.Int("line"), f.Int("column"), f.Int("endLine"), f.Int("endColumn")),
            Path = f.String("path"),
            When = when,
            Suppressed = f.Bool("suppressed"),
            SuppressionReason = f.OptionalString("suppressionReason"),
            SuppressionSource = f.OptionalString("suppressionSource"),
            Baseline = f.OptionalBool("baseline") ?? false,
            Fix = f.OptionalObject("fix") is { } fix ? ReadFix(fix) : null,
        };
    }

    private static CodeFix ReadFix(Node fix) =>
        new(fix.String("description"), [.. fix.Array("edits").Select(e => new TextEdit(
            new TextSpan(e.Int("start"), e.Int("end")),
            new SourceSpan(e.Int("line"), e.Int("column"), e.Int("endLine"), e.Int("endColumn")),
            e.String("newText")))])
        {
            RecreatesResource = fix.OptionalBool("recreatesResource") ?? false,
        };

    private static RuleDescriptor ReadRule(Node rule)
    {
        var source = rule.String("source");
        if (!RuleKinds.TryParse(source, out var kind))
        {
            throw rule.Invalid($"unknown rule source '{source}'");
        }

        try
        {
            return RuleDescriptor.Create(
                rule.String("id"),
                rule.String("title"),
                rule.String("message"),
                Level(rule, "level"),
                Severity(rule, "severity"),
                rule.String("category"),
                rule.String("description"),
                rule.OptionalString("remediation") ?? string.Empty,
                [.. rule.OptionalArray("aliases").Select(a => new RuleAlias(a.String("tool"), a.String("id")))],
                kind: kind,
                enabledByDefault: rule.OptionalBool("enabledByDefault") ?? true,
                helpUri: rule.OptionalString("helpUri"),
                findingSeverities: [.. rule.OptionalArray("findingSeverities").Select(s => SeverityOf(s, s.AsString()))],
                findingLevels: [.. rule.OptionalArray("findingLevels").Select(l => LevelOf(l, l.AsString()))]);
        }
        catch (ArgumentException ex)
        {
            throw rule.Invalid(ex.Message);
        }
    }

    private static BaselineEntry ReadBaselineEntry(Node e) =>
        new(e.String("fingerprint"), e.String("ruleId"), e.String("path"), e.OptionalString("logicalId"), e.String("nodePath"), e.OptionalString("message") ?? string.Empty);

    private static RuleLevel Level(Node parent, string name) => LevelOf(parent.Property(name), parent.String(name));

    private static RuleLevel LevelOf(Node node, string text) => text switch
    {
        "failure" => RuleLevel.Failure,
        "warning" => RuleLevel.Warning,
        _ => throw node.Invalid($"'{text}' is not a level (failure, warning)"),
    };

    private static SecuritySeverity Severity(Node parent, string name) => SeverityOf(parent.Property(name), parent.String(name));

    private static SecuritySeverity SeverityOf(Node node, string text) => text switch
    {
        "INFORMATIONAL" => SecuritySeverity.Informational,
        "LOW" => SecuritySeverity.Low,
        "MEDIUM" => SecuritySeverity.Medium,
        "HIGH" => SecuritySeverity.High,
        "CRITICAL" => SecuritySeverity.Critical,
        _ => throw node.Invalid($"'{text}' is not a severity (INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL)"),
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }

    /// <summary>A JSON value with the path to it, for messages that say where a report is malformed.</summary>
    private readonly record struct Node(JsonElement Element, string Source, string Path)
    {
        public InvalidDataException Invalid(string problem) => new($"{Source}: {Path}: {problem}");

        public Node Property(string name) =>
            Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var value)
                ? new Node(value, Source, $"{Path}.{name}")
                : throw Invalid($"missing \"{name}\"");

        private Node? Optional(string name) =>
            Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? new Node(value, Source, $"{Path}.{name}") : null;

        public string String(string name) => Property(name).AsString();

        public string? OptionalString(string name) => Optional(name)?.AsString();

        public int Int(string name) => Property(name).AsInt();

        public bool Bool(string name) => Property(name).AsBool();

        public bool? OptionalBool(string name) => Optional(name)?.AsBool();

        public Node Object(string name) => Property(name).AsObject();

        public Node? OptionalObject(string name) => Optional(name)?.AsObject();

        public IEnumerable<Node> Array(string name) => Property(name).Items();

        public IEnumerable<Node> OptionalArray(string name) => Optional(name)?.Items() ?? [];

        public IEnumerable<(string Name, Node Value)> Properties()
        {
            foreach (var p in Element.EnumerateObject())
            {
                yield return (p.Name, new Node(p.Value, Source, $"{Path}.{p.Name}"));
            }
        }

        public string AsString() => Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Invalid("expected a string");

        public bool AsBool() => Element.ValueKind is JsonValueKind.True or JsonValueKind.False ? Element.GetBoolean() : throw Invalid("expected true or false");

        public int AsInt() => Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var n) ? n : throw Invalid("expected a whole number");

        public Node AsObject() => Element.ValueKind == JsonValueKind.Object ? this : throw Invalid("expected an object");

        private IEnumerable<Node> Items()
        {
            if (Element.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("expected an array");
            }

            var (source, path) = (Source, Path);
            return Element.EnumerateArray().Select((item, i) => new Node(item, source, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]")));
        }
    }
}
