using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>Options every report may use; formats ignore what they do not need.</summary>
public sealed record ReportOptions
{
    /// <summary>The directory report paths are relative to (SARIF's %SRCROOT%).</summary>
    public string SourceRoot { get; init; } = Directory.GetCurrentDirectory();

    public string ToolVersion { get; init; } = typeof(ReportOptions).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <summary>Data the rules check against, by name, with its version (the IAM service reference); SARIF puts them in tool.driver's properties.</summary>
    public IReadOnlyDictionary<string, string> DataVersions { get; init; } = new Dictionary<string, string>();

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

    /// <summary>The tool's own home page (its repository), for SARIF informationUri; null when unknown.</summary>
    public Uri? ToolInformationUri { get; init; }

    /// <summary>Base URL of the rule documentation pages (rules/docs/ID.md); null when unknown (no links are made).</summary>
    public Uri? RuleDocsUrl { get; init; }

    /// <summary>The repository's clone URL, for SARIF versionControlProvenance; null when unknown.</summary>
    public Uri? RepositoryUri { get; init; }

    /// <summary>The commit scanned (SARIF versionControlProvenance revisionId).</summary>
    public string? Revision { get; init; }

    /// <summary>Text report: colour levels and rule ids with ANSI sequences (only for a terminal).</summary>
    public bool Color { get; init; }

    /// <summary>Text report: columns to fit lines into (a terminal's width); null = one line per finding, however long.</summary>
    public int? Width { get; init; }

    /// <summary>Text report: findings only, no per-rule and summary lines.</summary>
    public bool Quiet { get; init; }

    public DateTimeOffset Now => Timestamp ?? DateTimeOffset.UtcNow;
}

/// <summary>Renders a scan result in one format.</summary>
public interface IReportWriter
{
    /// <summary>The name used on the command line (<c>--format NAME</c>, <c>--output NAME=FILE</c>).</summary>
    string Format { get; }

    void Write(ScanResult result, TextWriter writer, ReportOptions options);
}

/// <summary>A report file that could not be written, with the reason in a few words.</summary>
public sealed class ReportWriteException(string path, string reason, Exception? inner = null) : IOException($"cannot write {path}: {reason}", inner)
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}

/// <summary>
/// Writes report files where they were asked for, without harming what is there: a regular file (or a new one) is
/// written all-or-nothing (a temporary file in the same directory, then a rename), so a reader never sees half a
/// report; anything else (a pipe, a terminal, <c>/dev/stdout</c>, a process substitution) is written in place, and a
/// symbolic link has its target written while the link stays. Every failure is a <see cref="ReportWriteException"/>.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<TextWriter> write) => Write(path, _ => write);

    /// <summary>
    /// Writes <paramref name="path"/>; <paramref name="choose"/> is told whether the target is a regular file (true:
    /// written atomically, siblings may follow) or a pipe, device or link to one (false: written in place, once).
    /// </summary>
    /// <returns>Whether the target was a regular file.</returns>
    public static bool Write(string path, Func<bool, Action<TextWriter>> choose)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            var (target, inPlace) = Resolve(full);
            if (inPlace)
            {
                using var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
                WriteInPlace(stream, choose(false));
                return false;
            }

            if (File.Exists(target))
            {
                // An existing file that cannot seek is a named pipe or socket: write into it (the one opening, since
                // a pipe's reader sees the end of the data when its writer closes) instead of replacing it.
                FileStream probe;
                try
                {
                    probe = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1);
                }
                catch (UnauthorizedAccessException)
                {
                    // A read-only regular file: replacing it would defeat the protection, so say it cannot be written.
                    throw new ReportWriteException(path, "permission denied");
                }

                using (probe)
                {
                    if (!probe.CanSeek)
                    {
                        WriteInPlace(probe, choose(false));
                        return false;
                    }
                }
            }

            WriteAtomically(target, choose(true));
            return true;
        }
        catch (ReportWriteException)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            throw new ReportWriteException(path, Reason(full, ex), ex);
        }
    }

    /// <summary>The file to write and whether it must be written in place (a device or a link to something that is not a file).</summary>
    private static (string Path, bool InPlace) Resolve(string full)
    {
        // Devices and the process's own descriptors (/dev/stdout → /proc/self/fd/1 → the shell's file or pipe) are
        // never replaced: renaming over them would cut the link to what the caller redirected.
        if (IsSystemPath(full))
        {
            return (full, true);
        }

        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            var final = File.ResolveLinkTarget(full, returnFinalTarget: true);
            if (final is null || IsSystemPath(final.FullName))
            {
                return (full, true);
            }

            if (final.Exists || Directory.Exists(System.IO.Path.GetDirectoryName(final.FullName)))
            {
                return Resolve(final.FullName);
            }

            return (full, true);
        }

        if (Directory.Exists(full))
        {
            throw new ReportWriteException(full, "it is a directory");
        }

        return (full, false);
    }

    private static bool IsSystemPath(string full) =>
        !OperatingSystem.IsWindows() && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal));

    private static void WriteInPlace(FileStream stream, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        write(writer);
        writer.Flush();
    }

    private static void WriteAtomically(string full, Action<TextWriter> write)
    {
        var directory = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
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

            // A file that is replaced keeps its permissions (an executable script, a group-writable template).
            if (!OperatingSystem.IsWindows() && File.Exists(full))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
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

    /// <summary>The reason in a few words ("permission denied", "'out' is a file, not a directory"), not .NET's sentence.</summary>
    private static string Reason(string full, Exception ex)
    {
        // Walk up to the first part of the path that exists: a file there means the path cannot be made.
        for (var dir = System.IO.Path.GetDirectoryName(full); !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir) && !Directory.Exists(dir))
            {
                return $"'{dir}' is a file, not a directory";
            }

            if (Directory.Exists(dir))
            {
                break;
            }
        }

        return ex switch
        {
            UnauthorizedAccessException => "permission denied",
            DirectoryNotFoundException => "no such directory",
            PathTooLongException => "the path is too long",
            _ => Plain(ex.Message),
        };
    }

    /// <summary>"Broken pipe : '/dev/stdout'" → "broken pipe": .NET's Unix I/O messages end with the path, which the caller already shows.</summary>
    private static string Plain(string message)
    {
        var quote = message.LastIndexOf(" : '", StringComparison.Ordinal);
        var text = (quote > 0 ? message[..quote] : message).Trim().TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
