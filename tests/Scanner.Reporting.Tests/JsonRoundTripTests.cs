using Scanner.Core.Engine;

namespace Scanner.Reporting.Tests;

/// <summary>
/// The JSON report holds everything the other formats are written from: read back (what <c>iacscan merge</c> does),
/// it renders every format exactly as the scan result it was written from.
/// </summary>
public sealed class JsonRoundTripTests
{
    private static readonly JsonReportWriter Json = new();

    private static ScanResult RoundTrip(ScanResult result) =>
        JsonReportReader.Read(SampleScan.Render(Json, result), "report.json").Result;

    public static TheoryData<string> Formats() => new(ReportWriters.Formats);

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_of_the_report_read_back_is_the_format_of_the_scan(string format)
    {
        var writer = ReportWriters.Find(format)!;
        var original = SampleScan.Create();
        Assert.Equal(SampleScan.Render(writer, original), SampleScan.Render(writer, RoundTrip(original)));
    }

    [Fact]
    public void Shard_baseline_and_errors_survive_the_round_trip()
    {
        var stale = new BaselineEntry("abc", "W35", "templates/gone.yaml", "Old", "Resources/Old/Type", string.Empty);
        var original = SampleScan.Create() with
        {
            Shard = new ScanShard(2, 3) { Files = 7, Scan = "0123456789abcdef" },
            Baseline = new BaselineComparison(".iacscan-baseline.json", 4, [stale]),
            Errors = ["rules/bad.guard:1:1: expected a rule"],
            Skipped = [new SkippedFile("node_modules", "directory skipped by default")],
            SkippedFiles = 1,
        };
        var read = RoundTrip(original);
        Assert.Equal(original.Shard, read.Shard);
        Assert.Equal(original.Baseline.File, read.Baseline!.File);
        Assert.Equal(original.Baseline.Entries, read.Baseline.Entries);
        Assert.Equal([stale], read.Baseline.Stale);
        Assert.Equal(original.Errors, read.Errors);
        Assert.Equal(original.Skipped, read.Skipped);
        Assert.Equal(1, read.SkippedFiles);
        Assert.Equal(SampleScan.Render(Json, original), SampleScan.Render(Json, read));
        foreach (var format in new[] { "text", "sarif", "junit" })
        {
            var writer = ReportWriters.Find(format)!;
            Assert.Equal(SampleScan.Render(writer, original), SampleScan.Render(writer, read));
        }
    }

    [Theory]
    [InlineData("{\"tool\": \"iacscan\"", "report.json:1:")]
    [InlineData("{\"tool\": \"cfn-nag\", \"files\": []}", "not an iacscan JSON report")]
    [InlineData("{\"tool\": \"iacscan\", \"version\": \"0.9.0\", \"files\": []}", "has no \"rules\" (iacscan 0.9.0 wrote it)")]
    [InlineData("{\"tool\": \"iacscan\", \"version\": \"1\", \"files\": [{\"path\": \"a.yaml\", \"findings\": [{\"ruleId\": \"W35\"}]}], \"rules\": [], \"summary\": {\"skipped\": 0}}", "report.json: $.files[0].findings[0]: missing \"level\"")]
    [InlineData("{\"tool\": \"iacscan\", \"version\": \"1\", \"shard\": {\"index\": 3, \"count\": 2, \"files\": 1, \"scan\": \"x\"}, \"files\": [], \"rules\": [], \"summary\": {\"skipped\": 0}}", "shard 3/2 is not a shard")]
    public void A_file_that_is_not_a_report_says_where_and_why(string text, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => JsonReportReader.Read(text, "report.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
