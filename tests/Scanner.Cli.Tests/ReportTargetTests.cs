using System.Text.Json;

namespace Scanner.Cli.Tests;

/// <summary>Reports go where they are asked, safely: standard output, symbolic links, pipes, regular files; I/O errors are one line.</summary>
public sealed class ReportTargetTests : CliHarness
{
    public ReportTargetTests() => Write("bucket.yaml", BucketWithoutLogging);

    [Fact]
    public void Dash_is_standard_output_not_a_file_named_dash()
    {
        var (exit, stdout, stderr) = Run("scan", "bucket.yaml", "-o", "-");
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.StartsWith("bucket.yaml:4:11: warning W35", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(P("-")));

        var json = Run("scan", "bucket.yaml", "-o", "json=-").Out;
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("summary").GetProperty("warnings").GetInt32());
        Assert.False(File.Exists(P("-")));
    }

    [Fact]
    public void A_symbolic_link_keeps_being_a_link_and_its_target_gets_the_report()
    {
        var target = Write("reports/real.json", "old");
        var link = P("latest.json");
        File.CreateSymbolicLink(link, target);

        var (exit, _, stderr) = Run("scan", "bucket.yaml", "-o", "json=latest.json");
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal(1, JsonDocument.Parse(File.ReadAllText(target)).RootElement.GetProperty("summary").GetProperty("warnings").GetInt32());
        Assert.Single(Directory.GetFiles(P("reports")));
    }

    [Fact]
    public void A_link_to_a_device_is_written_in_place_never_replaced()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // The shape of /dev/stdout: a link to a device. Replacing it (temp file + rename) would cut the link.
        var link = P("sink.json");
        File.CreateSymbolicLink(link, "/dev/null");
        var (exit, _, stderr) = Run("scan", "bucket.yaml", "-o", "json=sink.json");
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal("/dev/null", new FileInfo(link).LinkTarget);
        Assert.Empty(Directory.GetFiles(Dir, ".sink.json*"));
    }

    [Fact]
    public async Task A_named_pipe_is_written_in_place()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/usr/bin/mkfifo"))
        {
            return;
        }

        var fifo = P("pipe.json");
        using (var mkfifo = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        var reader = Task.Run(() => File.ReadAllText(fifo));
        var (exit, _, stderr) = Run("scan", "bucket.yaml", "-o", "json=pipe.json");
        var text = await reader.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal(1, JsonDocument.Parse(text).RootElement.GetProperty("summary").GetProperty("warnings").GetInt32());
        Assert.Equal(0, new FileInfo(fifo).Length); // still a pipe: a regular file put in its place would hold the report
    }

    [Fact]
    public void A_path_under_a_regular_file_is_one_line_and_the_other_reports_are_still_written()
    {
        Write("plainfile", "not a directory");
        var (exit, _, stderr) = Run("scan", "bucket.yaml", "-o", "json=plainfile/out.json", "-o", "sarif=ok.sarif");
        Assert.Equal(2, exit);
        Assert.Equal("iacscan: cannot write plainfile/out.json: '" + P("plainfile") + "' is a file, not a directory\n", stderr);
        Assert.True(File.Exists(P("ok.sarif")));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_that_cannot_be_written_is_one_line_with_exit_code_2()
    {
        string path;
        var locked = Directory.CreateDirectory(P("locked")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        // As root, permissions do not stop a write: then use a path that cannot exist at all.
        var canWrite = false;
        try
        {
            File.WriteAllText(Path.Combine(locked, "probe"), "x");
            canWrite = true;
        }
        catch (UnauthorizedAccessException)
        {
        }

        path = canWrite ? "/proc/iacscan-no-such-process/out.json" : "locked/out.json";
        var (exit, stdout, stderr) = Run("scan", "bucket.yaml", "-o", $"json={path}", "-o", "text=written.txt");
        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"iacscan: cannot write {path}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.Contains("1 file scanned", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(P("written.txt")));
    }

    [Fact]
    public void A_directory_as_report_path_is_refused_in_one_line()
    {
        Directory.CreateDirectory(P("out"));
        var (exit, _, stderr) = Run("scan", "bucket.yaml", "-o", "json=out");
        Assert.Equal(2, exit);
        Assert.Equal("iacscan: cannot write out: it is a directory\n", stderr);
    }

    [Theory]
    [InlineData("r.sarif", "\"$schema\"")]
    [InlineData("r.sarif.json", "\"$schema\"")]
    [InlineData("r.json", "\"tool\": \"iacscan\"")]
    [InlineData("r.xml", "<testsuites")]
    [InlineData("r.txt", "bucket.yaml:4:11")]
    public void Output_without_a_format_takes_it_from_the_extension(string file, string expected)
    {
        var (exit, stdout, _) = Run("scan", "bucket.yaml", "-o", file);
        Assert.Equal(0, exit);
        Assert.Contains(expected, File.ReadAllText(P(file)), StringComparison.Ordinal);
        Assert.Equal("1 file scanned, 0 skipped: 0 failures, 1 warning.\n", stdout);
    }

    [Fact]
    public void An_unknown_extension_without_a_format_is_refused()
    {
        var (exit, _, stderr) = Run("scan", "bucket.yaml", "-o", "report.out");
        Assert.Equal(2, exit);
        Assert.Contains("cannot tell the report format", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("report.out")));

        // With --format, the file gets that format.
        Assert.Equal(0, Run("scan", "bucket.yaml", "-f", "json", "-o", "report.out").Exit);
        Assert.StartsWith("{", File.ReadAllText(P("report.out")), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_and_output_of_another_format_write_both()
    {
        var (exit, stdout, _) = Run("scan", "bucket.yaml", "--format", "json", "--output", "sarif=r.sarif");
        Assert.Equal(0, exit);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("summary").GetProperty("warnings").GetInt32());
        Assert.Contains("\"$schema\"", File.ReadAllText(P("r.sarif")), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_reports_on_standard_output_are_refused()
    {
        var (exit, _, stderr) = Run("scan", "bucket.yaml", "-f", "json", "-o", "sarif=-");
        Assert.Equal(2, exit);
        Assert.Contains("only one report can go to standard output", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_prefix_suggests_the_nearest()
    {
        var (exit, _, stderr) = Run("scan", "bucket.yaml", "-o", "srif=r.sarif");
        Assert.Equal(2, exit);
        Assert.Contains("unknown report format 'srif' (did you mean 'sarif'?)", stderr, StringComparison.Ordinal);
    }
}
