using System.CommandLine;
using System.Text.Json;
using Scanner.Core.Diagnostics;

namespace Scanner.Cli;

/// <summary><c>iacscan rules [--format text|markdown|json]</c>: every rule this build knows.</summary>
public static class RulesCommand
{
    public static Command Build(TextWriter stdout, CommandHelp help)
    {
        var format = new Option<string>("--format", "-f") { HelpName = "FORMAT", Description = "Output format: text (default), markdown or json.", DefaultValueFactory = _ => "text" }.OneOf("text", "markdown", "json");
        var command = new Command("rules", "List the rules with id, level, severity, title, aliases in other tools and the arguments they take.") { format };
        help.Document(
            command,
            ["iacscan rules", "iacscan rules --format json"],
            [new(ExitCodes.Success, "the list was printed"), new(ExitCodes.UsageError, "usage error")]);
        command.SetAction(parse =>
        {
            var descriptors = ScanRunner.KnownDescriptors();
            stdout.Write(parse.GetValue(format) switch
            {
                "json" => Json(descriptors),
                "markdown" => RuleCatalog.Markdown(descriptors),
                _ => Text(descriptors),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Text(IEnumerable<RuleDescriptor> descriptors)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var d in descriptors)
        {
            sb.Append($"{d.Id,-10} {(d.Level == RuleLevel.Failure ? "failure" : "warning"),-8} {d.Severity.ToString().ToUpperInvariant(),-13} {d.Title}");
            if (!d.EnabledByDefault)
            {
                sb.Append(" (off by default)");
            }

            sb.Append('\n');
            foreach (var argument in d.Arguments)
            {
                sb.Append($"{string.Empty,-10} argument {ArgumentText(argument)}\n");
            }
        }

        foreach (var (name, version) in DataVersions.All)
        {
            sb.Append($"\n{name}: {version}\n");
        }

        return sb.ToString();
    }

    /// <summary>"spcm_threshold (integer, default 25): Complexity score at which a policy is reported."</summary>
    public static string ArgumentText(RuleArgument argument) =>
        $"{argument.Name} ({argument.KindName}{(argument.DefaultValue is null ? string.Empty : $", default {argument.DefaultValue}")}): {argument.Description}";

    public static string Json(IEnumerable<RuleDescriptor> descriptors) =>
        JsonSerializer.Serialize(descriptors.Select(RuleInfo.From).ToArray(), CliJson.Context.RuleInfoArray) + "\n";
}

/// <summary>The data this build's rules check against, with versions (shown by <c>iacscan rules</c>, in the catalog and in SARIF).</summary>
public static class DataVersions
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["IAM service reference"] = Scanner.Iam.Permissions.IamServiceReference.EmbeddedVersion.ToString(),
    };
}

/// <summary>The rule catalog (rules/CATALOG.md) generated from descriptors.</summary>
public static class RuleCatalog
{
    public static string Markdown(IEnumerable<RuleDescriptor> descriptors)
    {
        var list = descriptors.ToList();
        var sb = new System.Text.StringBuilder();
        sb.Append("# Rule catalog\n\n");
        sb.Append("Generated from the rule descriptors by `iacscan rules --format markdown`; do not edit by hand ");
        sb.Append("(a test fails when this file is stale).\n\n");
        sb.Append($"{list.Count} rules: {list.Count(d => d.Level == RuleLevel.Failure)} failures, {list.Count(d => d.Level == RuleLevel.Warning)} warnings.\n\n");
        sb.Append("A finding has its rule's level, except for rules shown as `W (F by finding)`, which raise a finding to failure where ");
        sb.Append("their description says. Its Security Hub severity is the rule's, except for tiered rules, shown as ");
        sb.Append("`MEDIUM (LOW–CRITICAL by finding)`: each finding is rated within that range and says why.\n\n");
        foreach (var (name, version) in DataVersions.All)
        {
            sb.Append($"Rules of source iam check against the {name}: {version} (`tools/iam-data/update.sh` refreshes it).\n\n");
        }

        sb.Append("| Id | Level | Severity | Title | Resource types | Aliases |\n|---|---|---|---|---|---|\n");
        foreach (var d in list)
        {
            var level = d.Level == RuleLevel.Failure ? "F" : "W";
            if (d.LevelVariesByFinding)
            {
                level += " (F by finding)";
            }

            var types = string.Join("<br>", d.ResourceTypes);
            var aliases = string.Join(", ", d.Aliases.Select(a => $"{a.Tool}:{a.Id}"));
            var title = d.EnabledByDefault ? d.Title : d.Title + " (off by default)";
            sb.Append($"| {d.Id} | {level} | {SeverityText(d)} | {Escape(title)} | {types} | {Escape(aliases)} |\n");
        }

        sb.Append("\n## Details\n");
        foreach (var d in list)
        {
            sb.Append($"\n### {d.Id}: {Escape(d.Title)}\n\n");
            sb.Append($"- Level: {(d.Level == RuleLevel.Failure ? "failure" : "warning")}; Security Hub severity: {SeverityText(d)}; category: {d.Category}; source: {d.Source}\n");
            sb.Append($"- {Escape(d.Description)}\n");
            if (d.Remediation.Length > 0)
            {
                sb.Append($"- Remediation: {Escape(d.Remediation)}\n");
            }

            foreach (var argument in d.Arguments)
            {
                sb.Append($"- Argument `{argument.Name}`: {Escape(RulesCommand.ArgumentText(argument)[(argument.Name.Length + 1)..])}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>"HIGH", or "MEDIUM (LOW–CRITICAL by finding)" for tiered rules.</summary>
    private static string SeverityText(RuleDescriptor d)
    {
        var severity = d.Severity.ToString().ToUpperInvariant();
        if (!d.SeverityVariesByFinding)
        {
            return severity;
        }

        var low = d.FindingSeverities[0].ToString().ToUpperInvariant();
        var high = d.FindingSeverities[^1].ToString().ToUpperInvariant();
        return $"{severity} ({low}–{high} by finding)";
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
