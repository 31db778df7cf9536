using System.CommandLine;
using System.Text;
using Scanner.Core.Diagnostics;

namespace Scanner.Cli;

/// <summary><c>iacscan explain ID</c>: a rule's page (rules/docs/ID.md, built into the tool), found by its id or an alias.</summary>
public static class ExplainCommand
{
    public static Command Build(TextWriter stdout, CommandHelp help)
    {
        var id = new Argument<string>("ID") { Description = "A rule id (W35, TRUST005, a Guard rule loaded with --rules is not known here) or an alias other tools use for it (CKV_AWS_18)." };
        var command = new Command("explain", "Explain a rule: what it checks, why it matters, a failing and a passing example, how to suppress it and its aliases in other tools.") { id };
        help.Document(
            command,
            ["iacscan explain W35", "iacscan explain CKV_AWS_18      # checkov's id for the same check"],
            [new(ExitCodes.Success, "the rule was explained"), new(ExitCodes.UsageError, "unknown rule id, or usage error")]);
        command.SetAction(parse =>
        {
            var given = parse.GetValue(id)!;
            var descriptors = ScanRunner.KnownDescriptors();
            var rule = descriptors.FirstOrDefault(d => string.Equals(d.Id, given, StringComparison.OrdinalIgnoreCase))
                ?? descriptors.FirstOrDefault(d => d.Aliases.Any(a => string.Equals(a.Id, given, StringComparison.OrdinalIgnoreCase)))
                ?? throw new UsageException($"unknown rule id '{given}'{NearestName.Hint(given, descriptors.Select(d => d.Id))}; 'iacscan rules' lists them");
            stdout.Write(RuleDocs.Embedded(rule.Id) ?? RuleDocs.Page(rule, null, null));
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>
/// The rule pages, rules/docs/ID.md: generated from the descriptors with examples from the rule's fixtures (a test
/// regenerates them, as it does rules/CATALOG.md), built into the tool for <c>iacscan explain</c>, and where the
/// SARIF helpUri and ASFF remediation links point (<c>--rule-docs-url</c>).
/// </summary>
public static class RuleDocs
{
    /// <summary>An example template for a page: its path in the repository, its text and the lines the rule reports (1-based).</summary>
    public sealed record Example(string Path, string Text, IReadOnlyList<int> Lines);

    /// <summary>The page built into this tool for the rule, or null (a rule newer than its pages).</summary>
    public static string? Embedded(string id)
    {
        using var stream = typeof(RuleDocs).Assembly.GetManifestResourceStream($"rules/docs/{id}.md");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static string Page(RuleDescriptor d, Example? failing, Example? passing)
    {
        var sb = new StringBuilder();
        sb.Append($"# {d.Id}: {d.Title}\n\n");
        sb.Append($"Level: {(d.Level == RuleLevel.Failure ? "failure" : "warning")}{(d.LevelVariesByFinding ? " (failure for some findings)" : string.Empty)}. ");
        sb.Append($"Security Hub severity: {d.Severity.ToString().ToUpperInvariant()}{(d.SeverityVariesByFinding ? " (rated per finding)" : string.Empty)}. ");
        sb.Append($"Category: {d.Category}. Source: {d.Source}.{(d.EnabledByDefault ? string.Empty : " Off by default: a profile or --profile that names it turns it on.")}\n");
        if (d.ResourceTypes.Count > 0)
        {
            sb.Append($"Resource types: {string.Join(", ", d.ResourceTypes)}.\n");
        }

        sb.Append("\n## What it checks and why it matters\n\n").Append(d.Description.Trim()).Append('\n');
        if (d.Remediation.Length > 0)
        {
            sb.Append("\n## How to fix it\n\n").Append(d.Remediation.Trim()).Append('\n');
        }

        if (d.Arguments.Count > 0)
        {
            sb.Append("\n## Arguments\n\n");
            foreach (var argument in d.Arguments)
            {
                sb.Append($"- `--rule-arguments {argument.Name}=…` ({RulesCommand.ArgumentText(argument)[(argument.Name.Length + 2)..]}\n");
            }
        }

        AppendExample(sb, "Failing example", failing, d.Id);
        AppendExample(sb, "Passing example", passing, d.Id);

        sb.Append("\n## Suppressing it\n\n");
        if (!d.Kind.CanBeSuppressed())
        {
            sb.Append("A template error cannot be suppressed: fix the template.\n");
        }
        else
        {
            sb.Append("On one resource, with the reason, in its `Metadata`:\n\n```yaml\nMetadata:\n  iacscan:\n    suppress:\n");
            sb.Append($"      - id: {d.Id}\n        reason: why this is acceptable here\n```\n\n");
            if (d.Kind == RuleKind.CfnNag)
            {
                sb.Append($"cfn-nag's `Metadata: cfn_nag: rules_to_suppress: [{{id: {d.Id}, reason: …}}]` works too. ");
            }

            sb.Append($"For many files, a `suppressions` entry in `.iacscan.yml` (`{{id: {d.Id}, file: GLOB, resource: ID, reason: …, expires: DATE}}`); ");
            sb.Append("for every file, a deny list (`--deny-list`).\n");
        }

        sb.Append("\n## Aliases\n\n");
        if (d.Aliases.Count == 0)
        {
            sb.Append("None: no other tool's id is known for this check.\n");
        }
        else
        {
            sb.Append("The same check in other tools; a suppression naming any of these ids suppresses this rule too:\n\n");
            foreach (var alias in d.Aliases)
            {
                sb.Append($"- {alias.Tool}: `{alias.Id}`\n");
            }
        }

        return sb.ToString();
    }

    private static void AppendExample(StringBuilder sb, string title, Example? example, string id)
    {
        if (example is null)
        {
            return;
        }

        var json = example.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var note = example.Lines.Count == 0
            ? "the rule stays quiet"
            : $"the rule reports line{(example.Lines.Count == 1 ? string.Empty : "s")} {string.Join(", ", example.Lines)}{(json ? string.Empty : $", marked `# ← {id}`")}";
        sb.Append($"\n## {title}\n\n`{example.Path}` ({note}):\n\n```{(json ? "json" : "yaml")}\n");
        var lines = example.Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // The fixture's own "# expect: IDS" comments are test expectations: the page marks this rule's lines instead.
            var at = lines[i].IndexOf("# expect:", StringComparison.Ordinal);
            var code = at < 0 ? lines[i] : lines[i][..at].TrimEnd();
            sb.Append(!json && example.Lines.Contains(i + 1) ? $"{code}  # ← {id}" : code).Append('\n');
        }

        sb.Append("```\n");
    }
}
