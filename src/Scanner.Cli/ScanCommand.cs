using System.CommandLine;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary><c>iacscan scan [PATH…]</c>: find templates, analyse them with each one's configuration, write the reports.</summary>
public sealed class ScanCommand
{
    public const string ScanGroup = "Scan options";
    public const string SelectionGroup = "Rule selection";
    public const string ReportsGroup = "Reports";
    public const string SecurityHubGroup = "Security Hub (asff, asff-aggregate)";

    internal static readonly string[] FailOnLevels = ["failure", "warning", "none"];
    private static readonly string[] ColorModes = ["auto", "always", "never"];
    private static readonly string[] UndecidedConditionModes = ["both", "true", "false"];

    private readonly Argument<string[]> _paths = new("PATH") { Description = "Files, directories (searched recursively) or globs; '-' reads one template from standard input. Default '.'.", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string[]> _exclude = new("--exclude") { HelpName = "GLOB", Description = "Leave out matching files (repeatable), e.g. '**/generated/**'.", AllowMultipleArgumentsPerToken = false };
    private readonly Option<bool> _noDefaultExcludes = new("--no-default-excludes") { Description = $"Also walk the directories skipped by default: {string.Join(", ", FileDiscovery.DefaultExcludedDirectories)}." };
    private readonly Option<string?> _config = new("--config") { HelpName = "FILE", Description = $"Configuration file for every scanned file (default: the {ConfigFile.DefaultName} nearest to each file, up to the repository root)." };
    private readonly Option<string?> _parameterValues = new("--parameter-values") { HelpName = "FILE", Description = "JSON parameter values: {\"Parameters\":{…}} or the AWS CLI's [{ParameterKey,ParameterValue}]." };
    private readonly Option<string?> _conditionValues = new("--condition-values") { HelpName = "FILE", Description = "JSON condition values: {\"IsProd\": true}." };
    private readonly Option<string> _undecidedConditions = new Option<string>("--undecided-conditions") { HelpName = "MODE", Description = "Conditions the parameter and condition values do not decide: both (default: every branch is analysed and findings name their condition), true (cfn-nag's reading: every such condition holds) or false.", DefaultValueFactory = _ => "both" }.OneOf(UndecidedConditionModes);
    private readonly Option<string> _failOn = new Option<string>("--fail-on") { HelpName = "LEVEL", Description = "Lowest level that makes the exit code 1: failure (default), warning or none." }.OneOf(FailOnLevels);
    private readonly Option<bool> _skipNonTemplates = new("--skip-non-templates") { Description = "Leave out files named as PATH that are not CloudFormation templates, as a directory walk does (for pre-commit, which passes every staged .yaml/.json); default: a named file is reported even when it is not a template." };
    private readonly Option<string?> _baseline = new("--baseline") { HelpName = "FILE", Description = "Compare with a baseline (--write-baseline): its findings are marked (JSON baseline, SARIF baselineState), left out of text and JUnit, and do not count for the exit code; entries no finding matches any more are listed." };
    private readonly Option<string?> _writeBaseline = new("--write-baseline") { HelpName = "FILE", Description = "Record this scan's findings (not suppressed ones) in FILE as the baseline, by SARIF partialFingerprints (rule, path, resource, node: not lines), and compare this scan with it." };
    private readonly Option<string?> _shard = new(ScanSharding.Option) { HelpName = "K/N", Description = "Scan the K-th of N parts of the files found (1 ≤ K ≤ N), chosen by a hash of each path relative to the repository root, for parallel builds; 'iacscan merge' makes one report of the N JSON reports. A shard without a template is not an error." };
    private readonly Option<bool> _allowEmpty = new("--allow-empty") { Description = "Exit 0 when no template is found (default: exit code 2, as a typo in a path would)." };
    private readonly Option<string?> _stdinFilename = new("--stdin-filename") { HelpName = "NAME", Description = "The path reports show for the template read from '-' (its configuration is looked up from there)." };
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print findings and errors only: no summary, no notes." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Also list, on standard error, the configuration files used, every file scanned and every file skipped with the reason." };
    private readonly Option<string> _color = new Option<string>("--color") { HelpName = "WHEN", Description = "Colour levels and rule ids: auto (on a terminal, unless NO_COLOR is set), always or never.", DefaultValueFactory = _ => "auto" }.OneOf(ColorModes);
    private readonly Option<string?> _profile = new("--profile") { HelpName = "FILE", Description = "cfn-nag profile: only these rule ids run (one per line)." };
    private readonly Option<string?> _denyList = new("--deny-list") { HelpName = "FILE", Description = "cfn-nag deny list (YAML RulesToSuppress: [{id, reason}]): these rules never run." };
    private readonly Option<string[]> _ruleArguments = new("--rule-arguments") { HelpName = "NAME=VALUE", Description = "Arguments of the rules that declare them (repeatable; 'iacscan rules' lists them), e.g. spcm_threshold=30." };
    private readonly Option<string[]> _trustedAccounts = TrustOptions.CreateOption();
    private readonly Option<string[]> _guardRules = GuardCommand.RulesOption();
    private readonly Option<string> _format = ReportTargets.FormatOption();
    private readonly Option<string[]> _output = ReportTargets.OutputOption();
    private readonly ReportingOptions _reporting = new();
    private readonly CliConsole _console;
    private readonly string _cwd;

    private ScanCommand(CliConsole console, string cwd)
    {
        _console = console;
        _cwd = cwd;
    }

    public static Command Build(CliConsole console, string cwd, CommandHelp help)
    {
        var scan = new ScanCommand(console, cwd);
        var command = new Command("scan", "Scan CloudFormation and SAM templates with the built-in rules (and Guard rule files), and write reports.");
        command.Arguments.Add(scan._paths);
        foreach (var option in new Option[] { scan._format, scan._output })
        {
            command.Options.Add(help.Group(ReportsGroup, option));
        }

        foreach (var option in new Option[] { scan._exclude, scan._noDefaultExcludes, scan._config, scan._parameterValues, scan._conditionValues, scan._undecidedConditions, scan._failOn, scan._baseline, scan._writeBaseline, scan._shard, scan._skipNonTemplates, scan._allowEmpty, scan._stdinFilename, scan._quiet, scan._verbose, scan._color })
        {
            command.Options.Add(help.Group(ScanGroup, option));
        }

        foreach (var option in new Option[] { scan._profile, scan._denyList, scan._guardRules, scan._ruleArguments, scan._trustedAccounts })
        {
            command.Options.Add(help.Group(SelectionGroup, option));
        }

        scan._reporting.AddTo(command, help);
        command.SetAction(scan.Run);
        help.Document(
            command,
            [
                "iacscan scan                                   # every template under the current directory",
                "iacscan scan stacks/ --fail-on warning",
                "iacscan scan . -o results.sarif -o junit=reports/iacscan.xml",
                "iacscan scan . --write-baseline .iacscan-baseline.json   # adopt: today's findings are known",
                "iacscan scan . --baseline .iacscan-baseline.json         # then only new findings fail",
                "iacscan scan - --stdin-filename stacks/app.yaml < app.yaml",
                "iacscan scan --skip-non-templates --allow-empty $(git diff --cached --name-only)",
                "iacscan scan . --output asff-aggregate=asff.json --region eu-west-1 --aws-account-id 111122223333",
                "iacscan scan . --shard 2/4 -o json=shard-2.json -o junit=shard-2.xml   # then: iacscan merge shard-*.json …",
            ],
            [
                new(ExitCodes.Success, "nothing at or above the --fail-on level"),
                new(ExitCodes.Findings, "findings at or above the --fail-on level"),
                new(ExitCodes.UsageError, "usage or configuration error, a report that could not be written, or no template found (without --allow-empty)"),
            ]);
        return command;
    }

    private int Run(ParseResult parse)
    {
        var quiet = parse.GetValue(_quiet);
        var verbose = parse.GetValue(_verbose);
        if (quiet && verbose)
        {
            throw new UsageException("--quiet and --verbose cannot be used together");
        }

        var settings = EvaluationSettings.Default;
        if (parse.GetValue(_parameterValues) is { } pv)
        {
            settings = ConfigurationFiles.LoadParameterValues(Path.GetFullPath(pv, _cwd), settings);
        }

        if (parse.GetValue(_conditionValues) is { } cv)
        {
            settings = ConfigurationFiles.LoadConditionValues(Path.GetFullPath(cv, _cwd), settings);
        }

        settings = settings with
        {
            UndecidedConditions = parse.GetValue(_undecidedConditions) switch
            {
                "true" => UndecidedConditions.True,
                "false" => UndecidedConditions.False,
                _ => UndecidedConditions.Both,
            },
        };

        // Guard rule files first: their rule names are ids that profiles, deny lists and the configuration may name.
        var guard = GuardCommand.LoadRules(parse.GetValue(_guardRules), _cwd);
        var rules = new RuleIndex(ScanRunner.KnownDescriptors(guard.Rules));
        var cliArguments = CommandLineArguments(parse.GetValue(_ruleArguments) ?? [], rules);

        var targets = ReportTargets.Parse(parse, _output, _format);
        var baselinePath = parse.GetValue(_baseline) is { } b ? Path.GetFullPath(b, _cwd) : null;
        var writeBaselinePath = parse.GetValue(_writeBaseline) is { } wb ? Path.GetFullPath(wb, _cwd) : null;
        var shard = parse.GetValue(_shard) is { } shardText ? ScanSharding.Parse(shardText) : null;
        if (shard is not null)
        {
            if (writeBaselinePath is not null)
            {
                throw new UsageException($"--write-baseline cannot be used with {ScanSharding.Option}: a shard's baseline would hold only its own files; write it from a whole scan");
            }

            if (targets.FirstOrDefault(t => t.Writer is AsffWriterBase) is { } asffTarget)
            {
                throw new UsageException($"{ScanSharding.Option} cannot write {asffTarget.Writer.Format} reports: importing one shard's findings would archive the other shards'; write them from the merged report ('iacscan merge SHARD.json… -o {asffTarget.Writer.Format}=FILE')");
            }
        }
        var baseline = baselinePath is null ? null : BaselineFile.Load(baselinePath, FileDiscovery.Display(baselinePath, _cwd));

        // Baseline fingerprints hold the template path relative to the repository root, as SARIF's do.
        var reportOptions = _reporting.Build(parse, _cwd, targets.Select(t => t.Writer), _console.Environment, needsRepository: baseline is not null || writeBaselinePath is not null || shard is not null);

        var discovery = Discover(parse);
        var configs = new ConfigurationPlan(parse.GetValue(_config), _cwd, rules);
        var plan = configs.Apply(discovery, CommandLineSettings(parse, cliArguments, rules));
        var found = plan.Files.Count;
        if (shard is not null)
        {
            (plan, shard) = ScanSharding.Split(plan, shard, reportOptions, ShardSettings(parse, guard), _cwd);
        }

        var request = GuardCommand.WithGuardRules(new ScanRequest(), guard) with
        {
            Inputs = plan.Files,
            Skipped = plan.Skipped,
            SettingsFor = plan.SettingsFor,
            BaseDirectory = _cwd,
            Settings = settings,
        };

        var result = ScanRunner.Run(request) with { Shard = shard };
        if (baseline is not null)
        {
            result = baseline.Apply(result, reportOptions, FileDiscovery.Display(baselinePath!, _cwd));
            if (shard is not null)
            {
                // An entry is judged by the shard its template belongs to, so the shards' stale lists add up to the whole scan's.
                result = result with { Baseline = result.Baseline! with { Stale = [.. result.Baseline.Stale.Where(e => shard.Owns(e.Path))] } };
            }
        }

        if (result.Baseline is { Stale.Count: > 0 } comparison && !quiet)
        {
            var stale = comparison.Stale;
            _console.Error.WriteLine($"iacscan: {stale.Count} of the {comparison.Entries} findings in the baseline {comparison.File} are gone (fixed, or the resource or template moved){(writeBaselinePath is null ? $"; --write-baseline {comparison.File} drops them" : string.Empty)}:");
            foreach (var e in stale)
            {
                _console.Error.WriteLine($"  {e.Path}: {e.RuleId}{(e.LogicalId is null ? string.Empty : $" [{e.LogicalId}]")} {e.NodePath}".TrimEnd());
            }
        }

        var wroteBaseline = writeBaselinePath is null || WriteBaseline(ref result, writeBaselinePath, reportOptions, quiet);

        if (verbose)
        {
            Describe(result);
        }

        var color = parse.GetValue(_color) switch
        {
            "always" => true,
            "never" => false,
            _ => _console.IsOutputTerminal && string.IsNullOrEmpty(_console.Environment("NO_COLOR")) && _console.Environment("TERM") != "dumb",
        };
        var stdoutOptions = reportOptions with { Color = color, Width = _console.IsOutputTerminal ? _console.Width : null, Quiet = quiet };
        var wroteAll = ReportTargets.WriteAll(targets, result, reportOptions, stdoutOptions, _console, _cwd);

        if (result.Files.Count == 0 && shard is not null && found > 0)
        {
            // The scan found templates; the hash gave none to this shard (more shards than templates, say).
            if (!quiet)
            {
                _console.Error.WriteLine($"iacscan: note: shard {shard}: no template ({plan.Files.Count} of the {found} files found are this shard's)");
            }
        }
        else if (result.Files.Count == 0 && !parse.GetValue(_allowEmpty))
        {
            var skipped = result.Skipped.Count;
            _console.Error.WriteLine($"iacscan: no CloudFormation template to scan{(skipped > 0 ? $" ({skipped} {(skipped == 1 ? "path" : "paths")} skipped{(verbose ? string.Empty : "; --verbose lists them")})" : string.Empty)}. Pass --allow-empty if that is expected.");
            return ExitCodes.UsageError;
        }

        if (!wroteAll || !wroteBaseline)
        {
            return ExitCodes.UsageError;
        }

        string? cliFailOn = parse.GetValue(_failOn);
        return CliApplication.ExitCode(result, file => cliFailOn ?? file.FailOn ?? "failure");
    }

    /// <summary>
    /// --write-baseline: records the scan's findings (atomically) and compares the scan with them, keeping the stale
    /// entries of a --baseline given too (the ones the new file drops).
    /// </summary>
    private bool WriteBaseline(ref ScanResult result, string path, ReportOptions options, bool quiet)
    {
        var display = FileDiscovery.Display(path, _cwd);
        var written = Baseline.Of(result, options);
        try
        {
            AtomicFile.Write(path, written.Write);
        }
        catch (ReportWriteException ex)
        {
            _console.Error.WriteLine($"iacscan: cannot write {display}: {ex.Reason}");
            return false;
        }

        var dropped = result.Baseline?.Stale ?? [];
        result = written.Apply(result, options, display);
        result = result with { Baseline = result.Baseline! with { Stale = dropped } };
        if (!quiet)
        {
            _console.Error.WriteLine($"iacscan: wrote the baseline {display} ({written.Entries.Count} {(written.Entries.Count == 1 ? "finding" : "findings")}); scan with --baseline {display} to fail on new findings only.");
        }

        return true;
    }

    /// <summary>The files to scan: paths, globs and directories, plus a template from standard input for '-'.</summary>
    private Discovery Discover(ParseResult parse)
    {
        var paths = parse.GetValue(_paths) ?? [];
        var stdinName = parse.GetValue(_stdinFilename);
        var readsStdin = paths.Contains(FileDiscovery.StandardInput, StringComparer.Ordinal);
        if (stdinName is not null && !readsStdin)
        {
            throw new UsageException("--stdin-filename names the template read from standard input; give '-' as a PATH too");
        }

        var others = paths.Where(p => p != FileDiscovery.StandardInput).ToList();
        var discovery = others.Count == 0 && readsStdin
            ? new Discovery([], [])
            : FileDiscovery.Discover(others, parse.GetValue(_exclude) ?? [], _cwd, defaultExcludes: !parse.GetValue(_noDefaultExcludes));
        if (parse.GetValue(_skipNonTemplates))
        {
            // Named files are then judged like the files of a directory walk: not a template, not scanned.
            discovery = discovery with { Files = [.. discovery.Files.Select(f => f.Origin == FileOrigin.Explicit ? f with { Origin = FileOrigin.Discovered } : f)] };
        }

        if (!readsStdin)
        {
            return discovery;
        }

        string text;
        using (var input = _console.OpenInput())
        {
            text = input.ReadToEnd();
        }

        var full = Path.GetFullPath(stdinName ?? "<stdin>", _cwd);
        var display = stdinName is null ? "<stdin>" : FileDiscovery.Display(full, _cwd);
        return discovery with { Files = [.. discovery.Files, new InputFile(full, display, FileOrigin.Explicit) { Text = text }] };
    }

    /// <summary>What decides a sharded scan's findings besides its files, for the fingerprint all its shards share.</summary>
    private IEnumerable<string> ShardSettings(ParseResult parse, GuardCommand.LoadedRules guard)
    {
        foreach (var option in new[] { _config, _parameterValues, _conditionValues, _profile, _denyList, _baseline })
        {
            if (parse.GetValue(option) is { } file)
            {
                yield return $"{option.Name} {ScanSharding.Digest(Path.GetFullPath(file, _cwd))}";
            }
        }

        foreach (var argument in (parse.GetValue(_ruleArguments) ?? []).Order(StringComparer.Ordinal))
        {
            yield return $"{_ruleArguments.Name} {argument}";
        }

        foreach (var account in (parse.GetValue(_trustedAccounts) ?? []).Order(StringComparer.Ordinal))
        {
            yield return $"{_trustedAccounts.Name} {account}";
        }

        foreach (var rule in guard.Rules.SelectMany(r => r.SupportedDescriptors).OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            yield return $"guard {rule.Id} {rule.MessageFormat}";
        }

        yield return $"{_undecidedConditions.Name} {parse.GetValue(_undecidedConditions)}";
        yield return $"{_skipNonTemplates.Name} {parse.GetValue(_skipNonTemplates)}";
    }

    /// <summary>--rule-arguments, each checked against the arguments the rules declare.</summary>
    private static Dictionary<string, string> CommandLineArguments(string[] given, RuleIndex rules)
    {
        var parsed = RuleArguments.Parse(given, out var error);
        if (error is not null)
        {
            throw new UsageException($"--rule-arguments: {error}");
        }

        foreach (var (name, value) in parsed.Values)
        {
            if (RuleArguments.Check(name, value, rules) is { } problem)
            {
                throw new UsageException($"--rule-arguments: {problem}");
            }
        }

        return new Dictionary<string, string>(parsed.Values, StringComparer.OrdinalIgnoreCase);
    }

    private CommandLineSettings CommandLineSettings(ParseResult parse, Dictionary<string, string> arguments, RuleIndex rules) => new(
        parse.GetValue(_profile) is { } p ? Path.GetFullPath(p, _cwd) : null,
        parse.GetValue(_denyList) is { } d ? Path.GetFullPath(d, _cwd) : null,
        arguments,
        parse.GetValue(_trustedAccounts) is { Length: > 0 } accounts ? accounts : null,
        rules);

    /// <summary>--verbose: what was used, scanned and skipped, on standard error so reports stay clean.</summary>
    private void Describe(ScanResult result)
    {
        var error = _console.Error;
        if (result.ConfigFiles.Count == 0)
        {
            error.WriteLine($"config: none (no {ConfigFile.DefaultName} from the scanned files up to the repository root)");
        }

        foreach (var config in result.ConfigFiles)
        {
            error.WriteLine($"config: {config}");
        }

        foreach (var file in result.Files)
        {
            error.WriteLine(file.ConfigFile is null ? $"scan: {file.Path}" : $"scan: {file.Path} (config {file.ConfigFile})");
        }

        foreach (var skipped in result.Skipped)
        {
            error.WriteLine($"skip: {skipped.Path}: {skipped.Reason}");
        }
    }
}

/// <summary>The rule settings given on the command line; they win over every configuration file.</summary>
internal sealed record CommandLineSettings(string? Profile, string? DenyList, Dictionary<string, string> Arguments, string[]? TrustedAccounts, RuleIndex Rules);

/// <summary>
/// Which configuration applies to which file (<c>--config</c> for all, else the nearest <c>.iacscan.yml</c>), the
/// settings each configuration gives merged with the command line, and the files its <c>exclude</c> leaves out.
/// </summary>
internal sealed class ConfigurationPlan(string? explicitConfig, string cwd, RuleIndex rules)
{
    private readonly ConfigLocator _locator = new(cwd, rules);
    private readonly Dictionary<string, IReadOnlySet<string>> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlySet<string>> _denyLists = new(StringComparer.Ordinal);

    public sealed record Result(IReadOnlyList<InputFile> Files, IReadOnlyList<SkippedFile> Skipped, Func<InputFile, ScanSettings?> SettingsFor);

    public Result Apply(Discovery discovery, CommandLineSettings commandLine)
    {
        var explicitFile = explicitConfig is null ? null : _locator.Load(Path.GetFullPath(explicitConfig, cwd));
        var none = new ConfigFile();
        var settings = new Dictionary<string, ScanSettings>(StringComparer.Ordinal);
        var perFile = new Dictionary<InputFile, ScanSettings>(ReferenceEqualityComparer.Instance);
        var files = new List<InputFile>();
        var skipped = new List<SkippedFile>(discovery.Skipped);
        foreach (var file in discovery.Files)
        {
            var config = explicitFile ?? _locator.For(file.FullPath) ?? none;
            var directory = config.FullPath is null ? cwd : Path.GetDirectoryName(config.FullPath)!;
            if (file.Text is null && FileDiscovery.ExcludedBy(config.Exclude, file, directory) is { } pattern)
            {
                skipped.Add(new SkippedFile(file.DisplayPath, $"excluded by '{pattern}' in {config.Display}"));
                continue;
            }

            var key = config.FullPath ?? string.Empty;
            if (!settings.TryGetValue(key, out var s))
            {
                s = SettingsOf(config, commandLine);
                settings[key] = s;
            }

            perFile[file] = s;
            files.Add(file);
        }

        return new Result(files, skipped, f => perFile.GetValueOrDefault(f));
    }

    private ScanSettings SettingsOf(ConfigFile config, CommandLineSettings commandLine)
    {
        var profile = commandLine.Profile ?? config.Profile;
        var denyList = commandLine.DenyList ?? config.DenyList;
        var selection = new RuleSelection(
            profile is null ? null : Cached(_profiles, profile, () => ConfigurationFiles.LoadProfile(profile, rules)),
            denyList is null ? null : Cached(_denyLists, denyList, () => ConfigurationFiles.LoadDenyList(denyList, rules)));

        var merged = new Dictionary<string, string>(config.RuleArguments, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in commandLine.Arguments)
        {
            merged[k] = v;
        }

        // Trusted accounts: the configuration file's, unless the command line names some.
        var accounts = commandLine.TrustedAccounts ?? [.. config.TrustedAccounts];
        return new ScanSettings(selection, TrustOptions.Apply(new RuleArguments(merged), accounts), config.Policy)
        {
            ConfigFile = config.Display,
            FailOn = config.FailOn,
            ConfigDirectory = config.FullPath is null ? null : Path.GetDirectoryName(config.FullPath),
        };
    }

    private static IReadOnlySet<string> Cached(Dictionary<string, IReadOnlySet<string>> cache, string path, Func<IReadOnlySet<string>> load)
    {
        if (!cache.TryGetValue(path, out var ids))
        {
            ids = load();
            cache[path] = ids;
        }

        return ids;
    }
}
