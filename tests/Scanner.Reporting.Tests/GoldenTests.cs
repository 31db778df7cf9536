namespace Scanner.Reporting.Tests;

public sealed class GoldenTests
{
    [Theory]
    [InlineData("text", "sample.txt")]
    [InlineData("json", "sample.json")]
    [InlineData("sarif", "sample.sarif")]
    [InlineData("junit", "sample.junit.xml")]
    [InlineData("asff", "sample.asff.json")]
    [InlineData("asff-aggregate", "sample.asff-aggregate.json")]
    public void Report_matches_its_golden_file(string format, string golden)
    {
        var writer = ReportWriters.Find(format);
        Assert.NotNull(writer);
        Golden.Match(golden, SampleScan.Render(writer, SampleScan.Create()));
    }

    [Fact]
    public void Every_registered_format_has_a_golden_file()
    {
        Assert.Equal(["text", "json", "sarif", "junit", "asff", "asff-aggregate"], ReportWriters.Formats);
    }
}
