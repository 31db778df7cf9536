namespace Scanner.Reporting;

/// <summary>The formats this build knows, by name.</summary>
public static class ReportWriters
{
    private static readonly List<IReportWriter> Writers = [new TextReportWriter(), new JsonReportWriter()];

    public static IReadOnlyList<string> Formats => Writers.Select(w => w.Format).ToArray();

    public static IReportWriter? Find(string format) =>
        Writers.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));
}
