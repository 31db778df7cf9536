using System.Globalization;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>
/// <c>path:line:col: failure|warning RULEID [LogicalId] message</c>, then how many findings each rule made and a
/// summary line. On a terminal, levels and rule ids are coloured and long messages wrap under the line (the JSON
/// report always has the full text on one line).
/// </summary>
public sealed class TextReportWriter : IReportWriter
{
    private const string Reset = "\u001b[0m";
    private const string Red = "\u001b[1;31m";
    private const string Yellow = "\u001b[33m";
    private const string Cyan = "\u001b[36m";
    private const string Dim = "\u001b[2m";

    public string Format => "text";

    public void Write(ScanResult result, TextWriter writer, ReportOptions options)
    {
        foreach (var error in result.Errors)
        {
            writer.WriteLine($"error: {error}");
        }

        foreach (var file in result.Files)
        {
            // Findings the baseline holds are known debt: only new ones are listed.
            foreach (var f in file.Findings.Where(f => !f.Baseline))
            {
                foreach (var line in Lines(f, options))
                {
                    writer.WriteLine(line);
                }
            }
        }

        if (options.Quiet)
        {
            return;
        }

        if (ByRule(result) is { Length: > 0 } byRule)
        {
            writer.WriteLine(byRule);
        }

        writer.WriteLine(Summary(result));
    }

    /// <summary>The finding's line, or on a narrow terminal its head line and the message wrapped below it.</summary>
    public static IReadOnlyList<string> Lines(Finding f, ReportOptions options)
    {
        var level = f.Level == RuleLevel.Failure ? "failure" : "warning";
        var logical = f.LogicalId is null ? string.Empty : $" [{f.LogicalId}]";
        var line = Math.Max(1, f.Span.StartLine);
        var column = Math.Max(1, f.Span.StartColumn);
        var suppressed = f.Suppressed ? $" (suppressed: {(string.IsNullOrEmpty(f.SuppressionReason) ? "no reason given" : f.SuppressionReason)})" : string.Empty;
        var head = $"{f.FilePath}:{line}:{column}: {level} {f.RuleId}{logical}";
        var message = f.Message + suppressed;
        var coloredHead = options.Color
            ? $"{f.FilePath}:{line}:{column}: {(f.Suppressed ? Dim : f.Level == RuleLevel.Failure ? Red : Yellow)}{level}{Reset} {Cyan}{f.RuleId}{Reset}{logical}"
            : head;

        if (options.Width is not { } width || head.Length + 1 + message.Length <= width)
        {
            return [$"{coloredHead} {message}"];
        }

        // Fit the terminal: the location line, then the message wrapped and indented under it.
        return [coloredHead, .. TextWrap.Wrap(message, width, "    ").Select((l, i) => i == 0 ? "    " + l : l)];
    }

    /// <summary>"By rule: F1000 ×126, W35 ×66." over active findings, most frequent first; empty without findings.</summary>
    public static string ByRule(ScanResult result)
    {
        var counts = result.AllFindings.Where(f => f.IsActive)
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Count()}"))
            .ToList();
        return counts.Count == 0 ? string.Empty : $"By rule: {string.Join(", ", counts)}.";
    }

    public static string Summary(ScanResult result)
    {
        var files = result.Files.Count;
        var text = $"{(result.Shard is { } shard ? $"shard {shard}: " : string.Empty)}{files} {(files == 1 ? "file" : "files")} scanned, {result.SkippedFiles} skipped: {result.Failures} {(result.Failures == 1 ? "failure" : "failures")}, {result.Warnings} {(result.Warnings == 1 ? "warning" : "warnings")}";
        if (result.SuppressedCount > 0)
        {
            text += $", {result.SuppressedCount} suppressed";
        }

        if (result.Baseline is not null)
        {
            text += $", {result.BaselineCount} in the baseline";
        }

        return text + ".";
    }
}
