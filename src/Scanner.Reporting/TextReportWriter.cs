using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary><c>path:line:col: failure|warning RULEID [LogicalId] message</c>, then a summary line.</summary>
public sealed class TextReportWriter : IReportWriter
{
    public string Format => "text";

    public void Write(ScanResult result, TextWriter writer, ReportOptions options)
    {
        foreach (var error in result.Errors)
        {
            writer.WriteLine($"error: {error}");
        }

        foreach (var file in result.Files)
        {
            foreach (var f in file.Findings)
            {
                writer.WriteLine(FormatFinding(f));
            }
        }

        writer.WriteLine(Summary(result));
    }

    public static string FormatFinding(Finding f)
    {
        var level = f.Level == RuleLevel.Failure ? "failure" : "warning";
        var logical = f.LogicalId is null ? string.Empty : $" [{f.LogicalId}]";
        var line = Math.Max(1, f.Span.StartLine);
        var column = Math.Max(1, f.Span.StartColumn);
        var suppressed = f.Suppressed ? $" (suppressed: {(string.IsNullOrEmpty(f.SuppressionReason) ? "no reason given" : f.SuppressionReason)})" : string.Empty;
        return $"{f.FilePath}:{line}:{column}: {level} {f.RuleId}{logical} {f.Message}{suppressed}";
    }

    public static string Summary(ScanResult result)
    {
        var files = result.Files.Count;
        var text = $"{files} {(files == 1 ? "file" : "files")} scanned, {result.SkippedFiles} skipped: {result.Failures} {(result.Failures == 1 ? "failure" : "failures")}, {result.Warnings} {(result.Warnings == 1 ? "warning" : "warnings")}";
        if (result.SuppressedCount > 0)
        {
            text += $", {result.SuppressedCount} suppressed";
        }

        return text + ".";
    }
}
