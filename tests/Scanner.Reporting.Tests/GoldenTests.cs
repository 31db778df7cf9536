namespace Scanner.Reporting.Tests;

public sealed class GoldenTests
{
    private static readonly Dictionary<string, string> GoldenFiles = new(StringComparer.Ordinal)
    {
        ["text"] = "sample.txt",
        ["json"] = "sample.json",
        ["sarif"] = "sample.sarif",
        ["junit"] = "sample.junit.xml",
        ["asff"] = "sample.asff.json",
        ["asff-aggregate"] = "sample.asff-aggregate.json",
    };

    public static TheoryData<string> Formats() => new(ReportWriters.Formats);

    [Theory]
    [MemberData(nameof(Formats))]
    public void Report_matches_its_golden_file(string format)
    {
        var writer = ReportWriters.Find(format);
        Assert.NotNull(writer);
        Assert.True(GoldenFiles.TryGetValue(format, out var golden), $"Format '{format}' has no golden file: add it to {nameof(GoldenFiles)} and run {Golden.UpdateCommand}");
        Golden.Match(golden, SampleScan.Render(writer, SampleScan.Create()));
    }

    [Fact]
    public void The_issue_formats_are_all_registered()
    {
        Assert.Equal(["text", "json", "sarif", "junit", "asff", "asff-aggregate"], ReportWriters.Formats);
    }
}
