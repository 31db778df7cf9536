using System.CommandLine;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary>One report of a run: its format and where it goes (null = standard output).</summary>
public sealed record ReportTarget(IReportWriter Writer, string? File);

/// <summary>
/// The reports a scan writes, from <c>--format</c> and <c>--output</c>:
/// <list type="bullet">
/// <item><c>--output FORMAT=FILE</c> writes FORMAT to FILE; <c>--output FILE</c> takes the format from the extension
/// (<c>.sarif</c>, <c>.json</c>, <c>.xml</c> = junit, <c>.txt</c> = text), else from <c>--format</c>, else refuses;
/// <c>-</c> for FILE is standard output.</item>
/// <item><c>--format</c> given explicitly goes to standard output too unless an <c>--output</c> already writes that
/// format; without any <c>--output</c> the <c>--format</c> report (default text) goes there.</item>
/// </list>
/// </summary>
public static class ReportTargets
{
    public const string StandardOutput = "-";

    private static readonly (string Suffix, string Format)[] Extensions =
        [(".sarif.json", "sarif"), (".sarif", "sarif"), (".json", "json"), (".xml", "junit"), (".txt", "text")];

    /// <summary><c>--format</c>/<c>-f</c>: the report on standard output (default text).</summary>
    public static Option<string> FormatOption() =>
        new Option<string>("--format", "-f") { HelpName = "FORMAT", Description = $"Report on standard output: {string.Join(", ", ReportWriters.Formats)} (default text).", DefaultValueFactory = _ => "text" }.OneOf([.. ReportWriters.Formats]);

    /// <summary><c>--output</c>/<c>-o</c> <c>[FORMAT=]FILE</c>, repeatable.</summary>
    public static Option<string[]> OutputOption() =>
        new("--output", "-o") { HelpName = "[FORMAT=]FILE", Description = "Also write a report to FILE (repeatable). Without FORMAT= the format comes from the extension (.sarif, .json, .xml = junit, .txt = text) or --format; '-' is standard output." };

    /// <summary>The reports <c>--output</c> and <c>--format</c> ask for (see the class).</summary>
    public static IReadOnlyList<ReportTarget> Parse(ParseResult parse, Option<string[]> output, Option<string> format) =>
        Parse(parse.GetValue(output) ?? [], parse.GetResult(format) is { Implicit: false } ? parse.GetValue(format) : null);

    public static IReadOnlyList<ReportTarget> Parse(IReadOnlyList<string> outputs, string? explicitFormat)
    {
        var chosen = explicitFormat is null ? null : Find(explicitFormat);
        var targets = new List<ReportTarget>();
        foreach (var output in outputs)
        {
            if (output.Length == 0)
            {
                throw new UsageException("--output needs a file name ('-' is standard output)");
            }

            var eq = output.IndexOf('=', StringComparison.Ordinal);
            var prefix = eq > 0 ? output[..eq] : null;
            if (prefix is not null && prefix.IndexOfAny(['/', '\\', '.']) < 0)
            {
                var file = output[(eq + 1)..];
                if (file.Length == 0)
                {
                    throw new UsageException($"--output {output}: the file name is missing ('-' is standard output)");
                }

                targets.Add(new ReportTarget(Find(prefix), file == StandardOutput ? null : file));
            }
            else if (output == StandardOutput)
            {
                targets.Add(new ReportTarget(chosen ?? Find("text"), null));
            }
            else
            {
                var byExtension = FromExtension(output);
                targets.Add(new ReportTarget(
                    byExtension ?? chosen ?? throw new UsageException(
                        $"--output {output}: cannot tell the report format from the extension (.sarif, .json, .xml, .txt); write --output FORMAT={output} (formats: {string.Join(", ", ReportWriters.Formats)}) or give --format"),
                    output));
            }
        }

        if (chosen is not null && !targets.Any(t => t.Writer.Format == chosen.Format))
        {
            targets.Add(new ReportTarget(chosen, null));
        }

        if (targets.Count == 0)
        {
            targets.Add(new ReportTarget(Find("text"), null));
        }

        if (targets.Count(t => t.File is null) > 1)
        {
            throw new UsageException($"only one report can go to standard output, not {string.Join(" and ", targets.Where(t => t.File is null).Select(t => t.Writer.Format))}; write the others with --output FORMAT=FILE");
        }

        var duplicate = targets.Where(t => t.File is not null).GroupBy(t => Path.GetFullPath(t.File!)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UsageException($"two reports would be written to {duplicate.First().File}");
        }

        return targets;
    }

    /// <summary>Writes every report; a file that cannot be written is one line on stderr and the others are still written.</summary>
    /// <returns>False when a report could not be written.</returns>
    public static bool Write(IReadOnlyList<ReportTarget> targets, ScanResult result, ReportOptions options, ReportOptions stdoutOptions, CliConsole console, string cwd)
    {
        var ok = true;
        foreach (var target in targets.OrderBy(t => t.File is null ? 0 : 1))
        {
            if (target.File is null)
            {
                target.Writer.Write(result, console.Out, stdoutOptions);
                continue;
            }

            // A file target may be this process's own standard output (/dev/stdout): what is buffered goes first.
            console.Out.Flush();
            try
            {
                ReportFiles.Write(target.Writer, result, Path.GetFullPath(target.File, cwd), options);
            }
            catch (ReportWriteException ex)
            {
                console.Error.WriteLine($"iacscan: cannot write {target.File}: {ex.Reason}");
                ok = false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"iacscan: cannot write {target.File}: {ex.Message}");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>
    /// Writes every report (<see cref="Write"/>), then, unless quiet, the summary line when no report went to standard
    /// output, and a warning when the SARIF report had to leave results out.
    /// </summary>
    /// <returns>False when a report could not be written.</returns>
    public static bool WriteAll(IReadOnlyList<ReportTarget> targets, ScanResult result, ReportOptions options, ReportOptions stdoutOptions, CliConsole console, string cwd, string summaryPrefix = "")
    {
        var ok = Write(targets, result, options, stdoutOptions, console, cwd);
        if (!targets.Any(t => t.File is null) && !stdoutOptions.Quiet)
        {
            console.Out.WriteLine(summaryPrefix + TextReportWriter.Summary(result));
        }

        if (targets.Any(t => t.Writer is SarifReportWriter) && SarifReportWriter.Truncation(result, options) is { } truncation)
        {
            console.Error.WriteLine($"iacscan: warning: the SARIF report holds {truncation.Kept} of {truncation.Total} results (--sarif-max-results {options.SarifMaxResults}); the most severe are kept. --sarif-max-results 0 writes them all.");
        }

        return ok;
    }

    private static IReportWriter Find(string format) =>
        ReportWriters.Find(format) ?? throw new UsageException($"unknown report format '{format}'{NearestName.Hint(format, ReportWriters.Formats)}; formats: {string.Join(", ", ReportWriters.Formats)}");

    private static IReportWriter? FromExtension(string file)
    {
        var name = Path.GetFileName(file);
        foreach (var (suffix, format) in Extensions)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length)
            {
                return ReportWriters.Find(format);
            }
        }

        return null;
    }
}
