using System.CommandLine;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Cli;

/// <summary>
/// The <c>iacscan</c> command line. In-process and testable: no Console or Environment.Exit inside. Whatever the
/// arguments, the result is an exit code and at most a few lines on standard error, never a stack trace.
/// </summary>
public static class CliApplication
{
    /// <summary>Set to 1 to see the stack trace of an internal error (a bug) instead of its one-line summary.</summary>
    public const string DebugVariable = "IACSCAN_DEBUG";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? workingDirectory = null) =>
        Run(args, new CliConsole(stdout, stderr), workingDirectory);

    public static int Run(string[] args, CliConsole console, string? workingDirectory = null)
    {
        try
        {
            // No file name, option or value can hold a NUL (a shell cannot even pass one); say so once, here.
            if (Array.FindIndex(args, a => a.Contains('\0', StringComparison.Ordinal)) is >= 0 and var nul)
            {
                return Report(console, $"iacscan: argument {nul + 1} contains a NUL character");
            }

            var cwd = workingDirectory ?? Directory.GetCurrentDirectory();
            var root = BuildRoot(console, cwd, out _);
            var parse = root.Parse(args);

            // Directives ([suggest] for shell completion) and --help answer whatever else the line holds.
            var isDirective = parse.Tokens.Any(t => t.Type == System.CommandLine.Parsing.TokenType.Directive);
            if (!isDirective && parse.Action is not { ClearsParseErrors: true } && CommandLineErrors.Of(parse, args) is { Count: > 0 } errors)
            {
                foreach (var error in errors)
                {
                    console.Error.WriteLine($"iacscan: {error}");
                }

                console.Error.WriteLine($"Run '{CommandHelp.PathOf(parse.CommandResult.Command)} --help' for usage.");
                return ExitCodes.UsageError;
            }

            return parse.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,

                // No Ctrl-C handler: registering one makes .NET put the terminal in keypad mode (ESC[?1h ESC=).
                ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException ex)
        {
            return Report(console, $"iacscan: {ex.Message}");
        }
        catch (IOException ex) when (console.Environment(DebugVariable) is not ("1" or "true"))
        {
            // Reading an input or writing an output failed in a way no command handles itself (a full disk under stdout).
            return Report(console, $"iacscan: {ex.Message}");
        }
        catch (Exception ex) when (console.Environment(DebugVariable) is not ("1" or "true"))
        {
            return Report(console, $"iacscan: internal error: {ex.GetType().Name}: {ex.Message} (this is a bug; {DebugVariable}=1 shows where it happened)");
        }
    }

    private static int Report(CliConsole console, string line)
    {
        try
        {
            console.Error.WriteLine(line);
        }
        catch (IOException)
        {
            // Standard error itself is gone: the exit code is all that is left to say it.
        }

        return ExitCodes.UsageError;
    }

    /// <summary>The command tree, with its help; public so tests can walk every command and compare the README with it.</summary>
    public static RootCommand BuildRoot(CliConsole console, string cwd, out CommandHelp help)
    {
        help = new CommandHelp();
        var root = new RootCommand("iacscan: static analysis of AWS CloudFormation and SAM templates (cfn-nag's rules, trust-policy rules, CloudFormation Guard rule files).");
        root.Subcommands.Add(ScanCommand.Build(console, cwd, help));
        root.Subcommands.Add(MergeCommand.Build(console, cwd, help));
        root.Subcommands.Add(RulesCommand.Build(console.Out, help));
        root.Subcommands.Add(ExplainCommand.Build(console.Out, help));
        root.Subcommands.Add(SecurityHubCommand.Build(console, cwd, help));
        root.Subcommands.Add(GuardCommand.Build(console.Out, console.Error, cwd, help));
        root.Subcommands.Add(FixCommand.Build(console.Out, console.Error, cwd, help));
        root.Subcommands.Add(TransformCommand.Build(console.Out, console.Error, cwd, help));
        help.Document(
            root,
            [
                "iacscan scan .                       # scan every template below the current directory",
                "iacscan scan stacks/ -o results.sarif",
                "iacscan rules                        # the rules, their levels, aliases and arguments",
                "iacscan explain W35                  # one rule: why, examples, how to suppress it",
                "iacscan scan --help                  # the options of one command",
            ],
            [
                new(ExitCodes.Success, "success (scan: nothing at or above --fail-on)"),
                new(ExitCodes.Findings, "scan: findings at or above --fail-on; fix: a fix not applied, or --dry-run has changes; securityhub import: findings rejected"),
                new(ExitCodes.UsageError, "usage or configuration error, or a report that could not be written"),
                new(GuardExitCodes.RulesParseError, "guard: a rule file does not parse"),
                new(GuardExitCodes.TestExpectationsNotMet, "guard test: an expectation is not met"),
                new(GuardExitCodes.ValidationFailed, "guard validate: a rule fails"),
            ]);

        var currentHelp = help;
        foreach (var command in Descendants(root))
        {
            // Unknown words are reported by CommandLineErrors, with the nearest valid name.
            command.TreatUnmatchedTokensAsErrors = false;
            if (command.Subcommands.Count > 0 && command.Action is null)
            {
                var group = command;
                group.SetAction(parse =>
                {
                    currentHelp.Write(group, console.Error, console.Width ?? 100);
                    return ExitCodes.UsageError;
                });
            }
        }

        help.Attach(root, () => console.Width);
        return root;
    }

    /// <summary>The command and every command below it.</summary>
    public static IEnumerable<Command> Descendants(Command command) =>
        command.Subcommands.SelectMany(Descendants).Prepend(command);

    /// <summary>Exit code of a scan: 2 for configuration errors, else 1 when a file has an active finding at or above its --fail-on level.</summary>
    public static int ExitCode(ScanResult result, Func<FileResult, string> failOn)
    {
        if (result.Errors.Count > 0)
        {
            return ExitCodes.UsageError;
        }

        foreach (var file in result.Files)
        {
            RuleLevel? threshold = failOn(file) switch
            {
                "warning" => RuleLevel.Warning,
                "none" => null,
                _ => RuleLevel.Failure,
            };
            if (threshold is { } t && file.Findings.Any(f => f.IsActive && f.Level >= t))
            {
                return ExitCodes.Findings;
            }
        }

        return ExitCodes.Success;
    }
}
