using System.CommandLine;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary>The <c>iacscan</c> command line. In-process and testable: no Console or Environment.Exit inside.</summary>
public static class CliApplication
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? workingDirectory = null)
    {
        var cwd = workingDirectory ?? Directory.GetCurrentDirectory();
        var root = new RootCommand("iacscan: static analysis for AWS CloudFormation and SAM templates.");
        root.Subcommands.Add(BuildScanCommand(stdout, stderr, cwd));
        root.Subcommands.Add(RulesCommand.Build(stdout));
        root.Subcommands.Add(SecurityHubCommand.Build(stdout, stderr, cwd));
        root.Subcommands.Add(GuardCommand.Build(stdout, stderr, cwd));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"iacscan: {error.Message}");
            }

            stderr.WriteLine("Run 'iacscan --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"iacscan: {ex.Message}");
            return ExitCodes.UsageError;
        }
    }

    private static Command BuildScanCommand(TextWriter stdout, TextWriter stderr, string cwd)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files, directories (recursive) or globs; default '.'.", Arity = ArgumentArity.ZeroOrMore };
        var exclude = new Option<string[]>("--exclude") { Description = "Glob of files to leave out (repeatable).", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format", "-f") { Description = "Report format on stdout.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong([.. ReportWriters.Formats]);
        var output = new Option<string[]>("--output", "-o") { Description = "Write the report to FILE (atomically) instead of stdout; FORMAT=FILE writes that format (repeatable)." };
        var parameterValues = new Option<string?>("--parameter-values") { Description = "JSON parameter values: {\"Parameters\":{…}} or the AWS CLI's [{ParameterKey,ParameterValue}]." };
        var conditionValues = new Option<string?>("--condition-values") { Description = "JSON condition values: {\"IsProd\": true}." };
        var failOn = new Option<string>("--fail-on") { Description = "Lowest level that makes the exit code 1 (default failure)." };
        failOn.AcceptOnlyFromAmong("failure", "warning", "none");
        var profile = new Option<string?>("--profile") { Description = "cfn-nag profile: only these rule ids run (one per line)." };
        var denyList = new Option<string?>("--deny-list") { Description = "cfn-nag deny list (YAML RulesToSuppress: [{id, reason}]): these rules never run." };
        var ruleArguments = new Option<string[]>("--rule-arguments") { Description = "Arguments for rules that take them, key=value (repeatable)." };
        var config = new Option<string?>("--config") { Description = $"Configuration file (default: {ConfigFile.DefaultName} in the working directory, if present)." };
        var trustedAccounts = TrustOptions.CreateOption();
        var guardRules = GuardCommand.RulesOption();

        var command = new Command("scan", "Scan CloudFormation/SAM templates.")
        {
            paths, exclude, format, output, parameterValues, conditionValues, failOn, profile, denyList, ruleArguments, config, trustedAccounts, guardRules,
        };
        var reporting = new ReportingOptions();
        reporting.AddTo(command);

        command.SetAction(parse =>
        {
            var settings = EvaluationSettings.Default;
            if (parse.GetValue(parameterValues) is { } pv)
            {
                settings = ConfigurationFiles.LoadParameterValues(Path.GetFullPath(pv, cwd), settings);
            }

            if (parse.GetValue(conditionValues) is { } cv)
            {
                settings = ConfigurationFiles.LoadConditionValues(Path.GetFullPath(cv, cwd), settings);
            }

            // Guard rule files first: their rule names are ids that profiles, deny lists and the configuration may name.
            var guard = GuardCommand.LoadRules(parse.GetValue(guardRules), cwd);
            var known = ScanRunner.KnownDescriptors(guard.Rules).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var configuration = ConfigFile.Load(parse.GetValue(config), cwd, known.Contains);
            var profilePath = parse.GetValue(profile) is { } p ? Path.GetFullPath(p, cwd) : configuration.Profile;
            var denyListPath = parse.GetValue(denyList) is { } d ? Path.GetFullPath(d, cwd) : configuration.DenyList;
            var selection = new RuleSelection(
                profilePath is null ? null : ConfigurationFiles.LoadProfile(profilePath, known.Contains),
                denyListPath is null ? null : ConfigurationFiles.LoadDenyList(denyListPath, known.Contains));
            var cliArguments = RuleArguments.Parse(parse.GetValue(ruleArguments) ?? [], out var argumentError);
            if (argumentError is not null)
            {
                throw new UsageException(argumentError);
            }

            var merged = new Dictionary<string, string>(configuration.RuleArguments, StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in cliArguments.Values)
            {
                merged[k] = v;
            }

            // Trusted accounts: the configuration file's, unless the command line names some.
            var accounts = parse.GetValue(trustedAccounts) is { Length: > 0 } given ? given : [.. configuration.TrustedAccounts];
            var arguments = TrustOptions.Apply(new RuleArguments(merged), accounts);
            var threshold = parse.GetValue(failOn) ?? configuration.FailOn ?? "failure";

            var outputs = ParseOutputs(parse.GetValue(output) ?? [], parse.GetValue(format)!);
            var reportOptions = reporting.Build(parse, cwd, outputs.Select(o => o.Writer));
            var request = GuardCommand.WithGuardRules(new ScanRequest(), guard) with
            {
                Paths = parse.GetValue(paths) ?? [],
                Excludes = [.. configuration.Exclude, .. parse.GetValue(exclude) ?? []],
                BaseDirectory = cwd,
                Settings = settings,
                Selection = selection,
                Arguments = arguments,
                Policy = configuration.Policy,
            };

            var result = ScanRunner.Run(request);
            var wroteStdout = false;
            foreach (var (writer, file) in outputs)
            {
                if (file is null)
                {
                    writer.Write(result, stdout, reportOptions);
                    wroteStdout = true;
                }
                else
                {
                    ReportFiles.Write(writer, result, Path.GetFullPath(file, cwd), reportOptions);
                }
            }

            if (!wroteStdout)
            {
                stdout.WriteLine(TextReportWriter.Summary(result));
            }

            return ExitCode(result, threshold);
        });

        return command;
    }

    /// <summary>
    /// <c>--output FILE</c> writes the --format report to FILE; <c>--output FORMAT=FILE</c> writes that format.
    /// Without any --output, the --format report goes to stdout.
    /// </summary>
    private static List<(IReportWriter Writer, string? File)> ParseOutputs(string[] outputs, string format)
    {
        var defaultWriter = ReportWriters.Find(format) ?? throw new UsageException($"unknown format '{format}'");
        var result = new List<(IReportWriter, string?)>();
        foreach (var o in outputs)
        {
            var eq = o.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && ReportWriters.Find(o[..eq]) is { } named)
            {
                result.Add((named, o[(eq + 1)..]));
            }
            else if (eq > 0 && !o[..eq].Contains('/', StringComparison.Ordinal) && !o[..eq].Contains('.', StringComparison.Ordinal))
            {
                throw new UsageException($"unknown report format '{o[..eq]}' in --output {o}; known: {string.Join(", ", ReportWriters.Formats)}");
            }
            else
            {
                result.Add((defaultWriter, o));
            }
        }

        if (result.Count == 0)
        {
            result.Add((defaultWriter, null));
        }

        return result;
    }

    public static int ExitCode(ScanResult result, string failOn)
    {
        if (result.Errors.Count > 0)
        {
            return ExitCodes.UsageError;
        }

        var threshold = failOn switch
        {
            "warning" => RuleLevel.Warning,
            "none" => (RuleLevel?)null,
            _ => RuleLevel.Failure,
        };
        if (threshold is null)
        {
            return ExitCodes.Success;
        }

        return result.AllFindings.Any(f => f.IsActive && f.Level >= threshold) ? ExitCodes.Findings : ExitCodes.Success;
    }
}
