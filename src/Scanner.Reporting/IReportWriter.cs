using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>Options every report may use; formats ignore what they do not need.</summary>
public sealed record ReportOptions
{
    /// <summary>The directory report paths are relative to (SARIF's %SRCROOT%).</summary>
    public string SourceRoot { get; init; } = Directory.GetCurrentDirectory();

    public string ToolVersion { get; init; } = typeof(ReportOptions).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <summary>The directory that relative <see cref="Core.Diagnostics.Finding.FilePath"/>s are relative to.</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The time stamped on findings (ASFF CreatedAt/UpdatedAt); null means now. Fixed in tests.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Repository name (e.g. owner/name), for ASFF ids, titles and Security Hub filters.</summary>
    public string? Repository { get; init; }

    /// <summary>Branch name without refs/heads/.</summary>
    public string? Branch { get; init; }

    /// <summary>The 12-digit AWS account that owns the Security Hub findings.</summary>
    public string? AwsAccountId { get; init; }

    public string? Region { get; init; }

    /// <summary>aws, aws-cn or aws-us-gov.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>Weight of one failure in the aggregate severity.</summary>
    public int WeightFailure { get; init; } = 20;

    /// <summary>Weight of one warning in the aggregate severity.</summary>
    public int WeightWarning { get; init; } = 1;

    /// <summary>Where the full report can be read (the aggregate finding links to it).</summary>
    public Uri? ReportUrl { get; init; }

    /// <summary>Most results one SARIF run holds (the most severe are kept); 0 = all. GitHub's GH1004 default is 1,000.</summary>
    public int SarifMaxResults { get; init; } = 1000;

    public DateTimeOffset Now => Timestamp ?? DateTimeOffset.UtcNow;
}

/// <summary>Renders a scan result in one format.</summary>
public interface IReportWriter
{
    /// <summary>The name used on the command line (<c>--format NAME</c>, <c>--output NAME=FILE</c>).</summary>
    string Format { get; }

    void Write(ScanResult result, TextWriter writer, ReportOptions options);
}

/// <summary>Writes files all-or-nothing: a temporary file in the same directory, then a rename.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            {
                writer.NewLine = "\n";
                write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
