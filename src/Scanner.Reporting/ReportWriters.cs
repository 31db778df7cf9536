using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>The formats this build knows, by name.</summary>
public static class ReportWriters
{
    private static readonly List<IReportWriter> Writers =
    [
        new TextReportWriter(),
        new JsonReportWriter(),
        new SarifReportWriter(),
        new JUnitReportWriter(),
        new AsffReportWriter(),
        new AsffAggregateReportWriter(),
    ];

    public static IReadOnlyList<string> Formats => Writers.Select(w => w.Format).ToArray();

    public static IReportWriter? Find(string format) =>
        Writers.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Writes a report to a file (see <see cref="AtomicFile"/>); batched formats written to a regular file spill into
/// numbered siblings (f.json, f.2.json, …), while a pipe or device gets the whole report as one document.
/// </summary>
public static class ReportFiles
{
    /// <summary>Returns the files written, first the one named.</summary>
    public static IReadOnlyList<string> Write(IReportWriter writer, ScanResult result, string path, ReportOptions options)
    {
        var full = Path.GetFullPath(path);
        if (writer is not IBatchedReportWriter batched)
        {
            AtomicFile.Write(full, w => writer.Write(result, w, options));
            return [full];
        }

        var parts = batched.WriteBatches(result, options);
        if (!AtomicFile.Write(full, regular => regular ? parts[0] : w => writer.Write(result, w, options)))
        {
            return [full];
        }

        var written = new List<string> { full };
        for (var i = 1; i < parts.Count; i++)
        {
            var target = PartPath(full, i + 1);
            AtomicFile.Write(target, parts[i]);
            written.Add(target);
        }

        // Parts left from an earlier, larger report would otherwise be imported again.
        for (var n = parts.Count + 1; File.Exists(PartPath(full, n)); n++)
        {
            File.Delete(PartPath(full, n));
        }

        return written;
    }

    /// <summary>Part 1 is the named file itself; part n is NAME.n.EXT beside it.</summary>
    public static string PartPath(string path, int part)
    {
        if (part <= 1)
        {
            return path;
        }

        var extension = Path.GetExtension(path);
        var stem = path[..^extension.Length];
        return $"{stem}.{part}{extension}";
    }
}
