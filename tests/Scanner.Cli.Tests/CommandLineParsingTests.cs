using System.CommandLine;
using System.Text.RegularExpressions;
using Scanner.Tests;

namespace Scanner.Cli.Tests;

/// <summary>Strict, helpful parsing: unknown names suggest the nearest, bare commands print usage, help is complete, nothing crashes.</summary>
public sealed partial class CommandLineParsingTests : CliHarness
{
    [Theory]
    [InlineData(new[] { "scan", "--formt", "json", "." }, "unknown option '--formt' for 'iacscan scan' (did you mean '--format'?)")]
    [InlineData(new[] { "scan", "--exlude", "x" }, "unknown option '--exlude' for 'iacscan scan' (did you mean '--exclude'?)")]
    [InlineData(new[] { "rules", "--fromat", "json" }, "unknown option '--fromat' for 'iacscan rules' (did you mean '--format'?)")]
    [InlineData(new[] { "sca" }, "unknown command 'sca' for 'iacscan' (did you mean 'scan'?)")]
    [InlineData(new[] { "guard", "valdate" }, "unknown command 'valdate' for 'iacscan guard' (did you mean 'validate'?)")]
    [InlineData(new[] { "scan", "--format", "jsn" }, "--format: 'jsn' is not one of text, json, sarif, junit, asff, asff-aggregate (did you mean 'json'?)")]
    [InlineData(new[] { "scan", "--fail-on", "warnings" }, "(did you mean 'warning'?)")]
    [InlineData(new[] { "rules", "extra" }, "unexpected argument 'extra' for 'iacscan rules'")]
    public void Unknown_names_are_usage_errors_with_the_nearest_valid_name(string[] args, string message)
    {
        Write("t.yaml", BucketWithoutLogging);
        var (exit, stdout, stderr) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_starting_with_a_dash_is_reachable_after_double_dash()
    {
        Write("-odd.yaml", BucketWithoutLogging);
        Assert.Equal(2, Run("scan", "-odd.yaml").Exit);
        var (exit, stdout, _) = Run("scan", "--", "-odd.yaml");
        Assert.Equal(0, exit);
        Assert.Contains("-odd.yaml:4:11: warning W35", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "Usage: iacscan COMMAND")]
    [InlineData(new[] { "guard" }, "Usage: iacscan guard COMMAND")]
    [InlineData(new[] { "securityhub" }, "Usage: iacscan securityhub COMMAND")]
    public void A_command_without_its_subcommand_prints_its_usage(string[] args, string usage)
    {
        var (exit, stdout, stderr) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith(usage, stderr, StringComparison.Ordinal);
        Assert.Contains("Commands:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_has_examples_exit_codes_and_grouped_options()
    {
        var (exit, stdout, _) = Run("scan", "--help");
        Assert.Equal(0, exit);
        foreach (var section in new[] { "Usage: iacscan scan [PATH…] [options]", "Scan options:", "Rule selection:", "Reports:", "Security Hub (asff, asff-aggregate):", "Examples:", "Exit codes:" })
        {
            Assert.Contains(section, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("-o, --output [FORMAT=]FILE", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  2 +usage or configuration error", stdout);

        // Help wins over everything else on the line, as it does in git or the AWS CLI.
        Assert.Equal(0, Run("scan", "--formt", "--help").Exit);
    }

    [Fact]
    public void Every_command_has_help_with_exit_codes()
    {
        var root = CliApplication.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null), Dir, out var help);
        foreach (var command in CliApplication.Descendants(root))
        {
            var args = CommandHelp.PathOf(command).Split(' ').Skip(1).Append("--help").ToArray();
            var (exit, stdout, stderr) = Run(args);
            Assert.True(exit == 0, $"{string.Join(' ', args)}: {stderr}");
            Assert.StartsWith("Usage: " + CommandHelp.PathOf(command), stdout, StringComparison.Ordinal);
            Assert.NotEmpty(help.ExitCodesOf(command));
            Assert.Contains("Exit codes:", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Shell_completion_uses_the_suggest_directive()
    {
        var root = CliApplication.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null), Dir, out _);
        Assert.Contains(root.Directives, d => d is System.CommandLine.Completions.SuggestDirective);
        var line = "iacscan scan --form";
        var (exit, stdout, _) = Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, exit);
        Assert.Contains("--format", stdout.Split('\n'));

        var commands = Run("[suggest:9]", "iacscan s").Out.Split('\n');
        Assert.Contains("scan", commands);
        Assert.Contains("securityhub", commands);
    }

    /// <summary>
    /// Every command (walked from the root, so commands added later are covered) with hostile arguments: the exit code
    /// is one the command documents, and standard error never shows a stack trace or an internal error.
    /// </summary>
    [Fact]
    public void No_argument_makes_any_command_crash()
    {
        Write("t.yaml", BucketWithoutLogging);
        Write("plain", "x");
        Write("bad.json", "{\"Resources\": [");
        string[] values =
        [
            // No "/" or "..": a scan of them would walk the whole machine, which proves nothing more.
            string.Empty, "-", "--", "\0", "x\0y", "/dev/null", "/proc/iacscan/none", "plain/below", "bad.json", "t.yaml", "-1", "99999999999999999999",
            "NaN", new string('a', 5000), "=", "json=", "=x", "*", "[", "{", "~", "%s%n", "é\u202e", "--help=1",
        ];
        var root = CliApplication.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null), Dir, out var help);
        var failures = new List<string>();
        foreach (var command in CliApplication.Descendants(root))
        {
            var path = CommandHelp.PathOf(command).Split(' ').Skip(1).ToArray();
            var allowed = help.ExitCodesOf(command).Select(c => c.Code).Append(ExitCodes.Success).Append(ExitCodes.UsageError).ToHashSet();
            List<string[]> lines = [path, [.. path, "--no-such-option"], [.. path, "-"], [.. path, "--", "-x"]];
            lines.AddRange(values.Select(v => (string[])[.. path, v]));
            foreach (var option in CommandHelp.VisibleOptions(command).Where(o => o.Name != "--help"))
            {
                lines.Add([.. path, option.Name]);
                lines.AddRange(values.Select(v => (string[])[.. path, option.Name, v]));
                lines.Add([.. path, option.Name, "t.yaml", option.Name, "t.yaml"]);
            }

            foreach (var args in lines)
            {
                var (exit, stdout, stderr) = RunWith(new Options { Stdin = "Resources: {" }, args);
                var shown = string.Join(' ', args.Select(a => a.Length > 40 ? a[..40] + "…" : a));
                if (!allowed.Contains(exit))
                {
                    failures.Add($"{shown}: exit code {exit}: {stderr}");
                }

                if (StackFrame().IsMatch(stderr + stdout) || stderr.Contains("internal error", StringComparison.Ordinal) || stderr.Contains("Unhandled", StringComparison.Ordinal))
                {
                    failures.Add($"{shown}: {stderr}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>README's command-line section (its synopsis block and option table) names every option of every command, and nothing else.</summary>
    [Fact]
    public void Readme_command_line_section_matches_the_help()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var start = readme.IndexOf("\n## Command line", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no '## Command line' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var fence = section.IndexOf("```", StringComparison.Ordinal);
        var synopsis = section[fence..section.IndexOf("```", fence + 3, StringComparison.Ordinal)];
        var table = string.Join('\n', section.Split('\n').Where(l => l.StartsWith("| `-", StringComparison.Ordinal)));
        var documented = OptionName().Matches(synopsis + "\n" + table).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        var root = CliApplication.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null), Dir, out _);
        var actual = CliApplication.Descendants(root)
            .SelectMany(CommandHelp.VisibleOptions)
            .SelectMany(o => o.Aliases.Append(o.Name))
            .Where(n => n.StartsWith("--", StringComparison.Ordinal) && n is not "--help" and not "--version")
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(actual.Except(documented).Order().ToList() is { Count: 0 } missing, $"not in README's command-line section: {string.Join(", ", actual.Except(documented).Order())}");
        Assert.True(documented.Except(actual).Order().ToList() is { Count: 0 }, $"in README but not an option: {string.Join(", ", documented.Except(actual).Order())}");
        foreach (var command in CliApplication.Descendants(root).Where(c => c.Action is not null && c.Subcommands.Count == 0))
        {
            Assert.Contains(CommandHelp.PathOf(command), section, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^\s+at .+\(.*\)|\bat Scanner\.", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9.-]*[a-z0-9]")]
    private static partial Regex OptionName();
}
