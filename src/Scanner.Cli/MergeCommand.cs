using System.CommandLine;
using Scanner.Core.Engine;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary>
/// <c>iacscan merge REPORT.json… -o FORMAT=FILE…</c>: one report of every format from the JSON reports of a sharded
/// scan (<c>scan --shard K/N</c>), the same as one scan of all the files would have written (<see cref="ReportMerge"/>).
/// </summary>
public sealed class MergeCommand(CliConsole console, string cwd)
{
    private readonly Argument<string[]> _reports = new("REPORT") { Description = "JSON reports to merge (scan -o json=FILE), e.g. the N reports of scan --shard K/N.", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _format = ReportTargets.FormatOption();
    private readonly Option<string[]> _output = ReportTargets.OutputOption();
    private readonly Option<string> _failOn = new Option<string>("--fail-on") { HelpName = "LEVEL", Description = "Lowest level that makes the exit code 1: failure, warning or none (default: each template's configuration file's failOn, else failure), as for scan." }.OneOf(ScanCommand.FailOnLevels);
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "No summary and no warnings, only errors." };
    private readonly ReportingOptions _reporting = new();

    public static Command Build(CliConsole console, string cwd, CommandHelp help)
    {
        var merge = new MergeCommand(console, cwd);
        var command = new Command("merge", "Merge the JSON reports of a sharded scan (scan --shard K/N) into one report of any format, as one scan of all the files would have written it.") { merge._reports };
        var groups = new[] { (ScanCommand.ReportsGroup, new Option[] { merge._format, merge._output }), (ScanCommand.ScanGroup, [merge._failOn, merge._quiet]) };
        foreach (var (group, options) in groups)
        {
            foreach (var option in options)
            {
                command.Options.Add(help.Group(group, option));
            }
        }

        merge._reporting.AddTo(command, help);
        command.SetAction(merge.Run);
        help.Document(
            command,
            [
                "iacscan merge shard-*.json -o json=iacscan.json -o junit=iacscan.xml -o sarif=iacscan.sarif",
                "iacscan merge shard-*.json -o asff=asff.json -o asff-aggregate=asff-aggregate.json   # then: iacscan securityhub import",
            ],
            [
                new(ExitCodes.Success, "nothing at or above the --fail-on level"),
                new(ExitCodes.Findings, "findings at or above the --fail-on level"),
                new(ExitCodes.UsageError, "usage error, a report that cannot be read or merged (a template in two reports, a shard missing or given twice), or a report that could not be written"),
            ]);
        return command;
    }

    private int Run(ParseResult parse)
    {
        var targets = ReportTargets.Parse(parse, _output, _format);
        var options = _reporting.Build(parse, cwd, targets.Select(t => t.Writer), console.Environment);
        var quiet = parse.GetValue(_quiet);

        var reports = new List<JsonReport>();
        foreach (var name in parse.GetValue(_reports) ?? [])
        {
            reports.Add(Read(name));
        }

        MergedReport merged;
        try
        {
            merged = ReportMerge.Merge(reports);
        }
        catch (ReportMergeException ex)
        {
            throw new UsageException($"cannot merge: {ex.Message}");
        }

        if (!quiet)
        {
            foreach (var warning in merged.Warnings)
            {
                console.Error.WriteLine($"iacscan: warning: {warning}");
            }
        }

        // The merged report is the scan's: it names the version that scanned (when the shards agree), not the merging one.
        options = options with { ToolVersion = merged.Version ?? options.ToolVersion };
        var result = merged.Result;
        var stdoutOptions = options with { Width = console.IsOutputTerminal ? console.Width : null, Quiet = quiet };
        var wroteAll = ReportTargets.WriteAll(targets, result, options, stdoutOptions, console, cwd, $"{reports.Count} {(reports.Count == 1 ? "report" : "reports")} merged: ");
        if (!wroteAll)
        {
            return ExitCodes.UsageError;
        }

        string? cliFailOn = parse.GetValue(_failOn);
        return CliApplication.ExitCode(result, file => cliFailOn ?? file.FailOn ?? "failure");
    }

    private JsonReport Read(string name)
    {
        var full = Path.GetFullPath(name, cwd);
        var display = FileDiscovery.Display(full, cwd);
        if (Directory.Exists(full))
        {
            throw new UsageException($"cannot read {display}: it is a directory (give the JSON reports in it)");
        }

        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {display}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}");
        }

        try
        {
            return JsonReportReader.Read(text, display);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
