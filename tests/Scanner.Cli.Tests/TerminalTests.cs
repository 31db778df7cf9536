using System.Diagnostics;

namespace Scanner.Cli.Tests;

/// <summary>Terminal manners: colour only where wanted, a per-rule summary, lines that fit, and no stray escape sequences.</summary>
public sealed class TerminalTests : CliHarness
{
    private const string Escape = "\u001b[";

    public TerminalTests()
    {
        Write("bucket.yaml", BucketWithoutLogging);
        Write("group.yaml", GroupWithoutEgress);
    }

    [Fact]
    public void Colour_follows_the_terminal_no_color_and_the_option()
    {
        Assert.DoesNotContain(Escape, Run("scan", ".").Out, StringComparison.Ordinal); // not a terminal

        var terminal = new Options { Terminal = true, Width = 400 };
        var colored = RunWith(terminal, "scan", ".").Out;
        Assert.Contains("\u001b[1;31mfailure\u001b[0m \u001b[36mF1000\u001b[0m [Group]", colored, StringComparison.Ordinal);
        Assert.Contains("\u001b[33mwarning\u001b[0m \u001b[36mW35\u001b[0m", colored, StringComparison.Ordinal);

        var noColor = terminal with { Environment = new() { ["NO_COLOR"] = "1" } };
        Assert.DoesNotContain(Escape, RunWith(noColor, "scan", ".").Out, StringComparison.Ordinal);
        Assert.Contains(Escape, RunWith(noColor, "scan", ".", "--color", "always").Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, RunWith(terminal, "scan", ".", "--color", "never").Out, StringComparison.Ordinal);
        Assert.Contains(Escape, Run("scan", ".", "--color", "always").Out, StringComparison.Ordinal);

        // Report files never get colour.
        RunWith(terminal, "scan", ".", "-o", "text=r.txt");
        Assert.DoesNotContain(Escape, File.ReadAllText(P("r.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_ends_with_a_per_rule_summary()
    {
        var lines = Run("scan", ".").Out.TrimEnd('\n').Split('\n');
        Assert.Equal("By rule: F1000 ×1, W35 ×1.", lines[^2]);
        Assert.Equal("2 files scanned, 0 skipped: 1 failure, 1 warning.", lines[^1]);
    }

    [Fact]
    public void Lines_fit_the_terminal_and_json_keeps_the_full_message()
    {
        var (_, stdout, _) = RunWith(new Options { Terminal = true, Width = 60 }, "scan", "group.yaml", "--color", "never");
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.All(lines.Where(l => !l.StartsWith("By rule", StringComparison.Ordinal) && !l.Contains("scanned", StringComparison.Ordinal)), l => Assert.True(l.Length <= 60, $"{l.Length} columns: {l}"));
        Assert.Equal("group.yaml:3:11: failure F1000 [Group]", lines[0]);
        Assert.StartsWith("    Security group has no egress rules", lines[1], StringComparison.Ordinal);

        var json = RunWith(new Options { Terminal = true, Width = 60 }, "scan", "group.yaml", "-f", "json").Out;
        Assert.Contains("\"message\": \"Security group has no egress rules, so EC2 allows all outbound traffic; declare the egress you intend.\"", json, StringComparison.Ordinal);
    }

    /// <summary>
    /// The real executable on a pseudo-terminal (util-linux <c>script</c>): .NET's console would switch the terminal
    /// to keypad mode (ESC[?1h ESC=) and never switch it back; iacscan writes nothing but its text.
    /// </summary>
    [PseudoTerminalFact]
    public void The_executable_writes_no_escape_sequences_to_a_terminal()
    {
        var script = PseudoTerminalFactAttribute.Script;
        var exe = PseudoTerminalFactAttribute.Executable;
        foreach (var command in new[] { $"'{exe}' scan . --color never", $"'{exe}' scan . --color never -o json=/dev/stdout", $"'{exe}' rules | head -1", $"'{exe}' scan . -f json > out.json" })
        {
            var start = new ProcessStartInfo(script) { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            foreach (var argument in new[] { "-qec", command, "/dev/null" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), command);
            Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
            Assert.Contains(command.Contains(" rules", StringComparison.Ordinal) ? "E0000" : command.EndsWith("out.json", StringComparison.Ordinal) ? string.Empty : "W35", output, StringComparison.Ordinal);
        }
    }
}

/// <summary>Runs where util-linux <c>script</c> can give the iacscan executable a pseudo-terminal.</summary>
public sealed class PseudoTerminalFactAttribute : FactAttribute
{
    public PseudoTerminalFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !File.Exists(Script))
        {
            Skip = $"{Script} (util-linux) is absent: no pseudo-terminal to run iacscan on.";
        }
        else if (!File.Exists(Executable))
        {
            Skip = $"{Executable} is absent (the test build copies the iacscan executable next to the tests).";
        }
    }

    public static string Script => "/usr/bin/script";

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "iacscan");
}
