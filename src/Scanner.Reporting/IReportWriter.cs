using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>Options every report may use; formats ignore what they do not need.</summary>
public sealed record ReportOptions
{
    /// <summary>The directory report paths are relative to (SARIF's %SRCROOT%).</summary>
    public string SourceRoot { get; init; } = Directory.GetCurrentDirectory();

    public string ToolVersion { get; init; } = typeof(ReportOptions).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
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
