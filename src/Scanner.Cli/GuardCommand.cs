using System.CommandLine;
using Scanner.CloudFormation.Syntax;
using Scanner.Guard;

namespace Scanner.Cli;

/// <summary>cfn-guard's exit codes, which Guard users' pipelines test for.</summary>
public static class GuardExitCodes
{
    public const int Success = 0;
    public const int TestReadError = 1;
    public const int RulesParseError = 5;
    public const int TestExpectationsNotMet = 7;
    public const int ValidationFailed = 19;
    public const int EvaluationError = 255;
}

/// <summary>
/// <c>iacscan guard validate|test</c>: drop-in replacements for <c>cfn-guard validate</c> and <c>cfn-guard test</c>,
/// and the <c>--rules</c> option that runs Guard rule files inside <c>iacscan scan</c>.
/// </summary>
public static class GuardCommand
{
    private static readonly string[] DataExtensions = [".yaml", ".yml", ".json", ".jsn", ".template"];

    /// <summary>The <c>scan --rules PATH</c> option (repeatable; files or directories of .guard/.ruleset).</summary>
    public static Option<string[]> RulesOption() =>
        new("--rules") { HelpName = "PATH", Description = "Guard rule file or directory of .guard/.ruleset files to run with the built-in rules (repeatable).", AllowMultipleArgumentsPerToken = false };

    /// <summary>Guard rules given with <c>--rules</c>, parsed once for the whole run, and the problems loading them.</summary>
    public sealed record LoadedRules(IReadOnlyList<Core.Engine.IRule> Rules, IReadOnlyList<string> Errors);

    public static LoadedRules LoadRules(string[]? paths, string cwd)
    {
        if (paths is null || paths.Length == 0)
        {
            return new LoadedRules([], []);
        }

        var (ruleSet, errors) = GuardRuleLoader.Load(paths, cwd);
        return new LoadedRules(ruleSet is null ? [] : [ruleSet], errors);
    }

    /// <summary>Adds the Guard rules and their load errors to a scan request.</summary>
    public static ScanRequest WithGuardRules(ScanRequest request, LoadedRules rules) =>
        rules.Rules.Count == 0 && rules.Errors.Count == 0
            ? request
            : request with
            {
                ExtraRules = [.. request.ExtraRules, .. rules.Rules],
                LoadErrors = [.. request.LoadErrors, .. rules.Errors],
            };

    public static Command Build(TextWriter stdout, TextWriter stderr, string cwd, CommandHelp help)
    {
        var guard = new Command("guard", "Run AWS CloudFormation Guard rules the way cfn-guard does (same arguments, formats and exit codes).");
        var validate = BuildValidate(stdout, stderr, cwd);
        var test = BuildTest(stdout, stderr, cwd);
        guard.Subcommands.Add(validate);
        guard.Subcommands.Add(test);
        help.Document(
            validate,
            ["iacscan guard validate -r rules/ -d template.yaml", "iacscan guard validate -r rules/s3.guard -d templates/ -o json -z"],
            [
                new(GuardExitCodes.Success, "every rule passes or is skipped"),
                new(GuardExitCodes.RulesParseError, "a rule file does not parse"),
                new(GuardExitCodes.ValidationFailed, "a rule fails"),
                new(GuardExitCodes.EvaluationError, "a data file cannot be read or evaluated"),
                new(ExitCodes.UsageError, "usage error"),
            ]);
        help.Document(
            test,
            ["iacscan guard test -r rules/s3.guard -t rules/tests/s3_tests.yaml", "iacscan guard test -d rules/"],
            [
                new(GuardExitCodes.Success, "every expectation is met"),
                new(GuardExitCodes.TestReadError, "a test or rule file cannot be read or parsed"),
                new(GuardExitCodes.TestExpectationsNotMet, "an expectation is not met"),
                new(ExitCodes.UsageError, "usage error"),
            ]);
        help.Document(guard, [], [new(ExitCodes.UsageError, "no subcommand given")]);
        return guard;
    }

    private static Command BuildValidate(TextWriter stdout, TextWriter stderr, string cwd)
    {
        var rules = new Option<string[]>("--rules", "-r") { HelpName = "PATH", Description = "Rule files or directories (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var data = new Option<string[]>("--data", "-d") { HelpName = "PATH", Description = "Data files or directories (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--output-format", "-o") { HelpName = "FORMAT", Description = "single-line-summary, json, yaml, junit or sarif.", DefaultValueFactory = _ => "single-line-summary" };
        format.OneOf("single-line-summary", "json", "yaml", "junit", "sarif");
        var structured = new Option<bool>("--structured", "-z") { Description = "Print one structured document (needed for json/yaml/junit/sarif)." };
        var showSummary = new Option<string[]>("--show-summary", "-S") { HelpName = "STATUS", Description = "Which rule statuses to list: all, pass, fail, skip, none.", AllowMultipleArgumentsPerToken = true };
        var alphabetical = new Option<bool>("--alphabetical", "-a") { Description = "Read files in alphabetical order." };
        var guard32 = new Option<bool>("--guard-3.2") { Description = "Use cfn-guard 3.2 semantics where they differ from 3.1.1." };
        var command = new Command("validate", "Evaluate data files against Guard rules.") { rules, data, format, structured, showSummary, alphabetical, guard32 };
        command.SetAction(parse => GuardValidate.Run(new GuardValidate.Request(
            parse.GetValue(rules) ?? [],
            parse.GetValue(data) ?? [],
            parse.GetValue(format)!,
            parse.GetValue(structured),
            parse.GetValue(showSummary) is { Length: > 0 } s ? s : ["fail"],
            parse.GetValue(guard32) ? new GuardOptions { Guard32 = true } : GuardOptions.Default,
            cwd), stdout, stderr));
        return command;
    }

    private static Command BuildTest(TextWriter stdout, TextWriter stderr, string cwd)
    {
        var rules = new Option<string?>("--rules-file", "-r") { HelpName = "FILE", Description = "The rule file to test." };
        var tests = new Option<string?>("--test-data", "-t") { HelpName = "PATH", Description = "A test spec file or a directory of them." };
        var dir = new Option<string?>("--dir", "-d") { HelpName = "DIR", Description = "A directory of rule files with their tests/ directories." };
        var format = new Option<string>("--output-format", "-o") { HelpName = "FORMAT", Description = "single-line-summary or json.", DefaultValueFactory = _ => "single-line-summary" };
        format.OneOf("single-line-summary", "json");
        var alphabetical = new Option<bool>("--alphabetical", "-a") { Description = "Read files in alphabetical order." };
        var command = new Command("test", "Run Guard unit-test specs against rule files.") { rules, tests, dir, format, alphabetical };
        command.SetAction(parse =>
        {
            var r = parse.GetValue(rules);
            var t = parse.GetValue(tests);
            var d = parse.GetValue(dir);
            if (d is null && (r is null || t is null))
            {
                throw new UsageException("guard test needs either -r RULES -t TESTS or -d DIR");
            }

            return GuardTest.Run(r, t, d, parse.GetValue(format) == "json", cwd, stdout, stderr);
        });
        return command;
    }

    /// <summary>Data files under the given paths, in a stable order.</summary>
    internal static List<(string Full, string Display)> DataFiles(IEnumerable<string> paths, string cwd, List<string> errors)
    {
        var files = new List<(string, string)>();
        foreach (var given in paths)
        {
            var full = Path.GetFullPath(given, cwd);
            if (File.Exists(full))
            {
                files.Add((full, given));
            }
            else if (Directory.Exists(full))
            {
                files.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Where(f => DataExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .Select(f => (f, Path.GetRelativePath(cwd, f))));
            }
            else
            {
                errors.Add($"{given}: no such file or directory.");
            }
        }

        return files;
    }

    internal static SyntaxTree? LoadData(string full, string display, List<string> errors)
    {
        var tree = TemplateParser.ParseFile(full, display);
        if (tree.Root is null)
        {
            var problem = tree.Diagnostics.Count > 0 ? tree.Diagnostics[0] : null;
            var span = problem is null ? default : tree.Source.GetSpan(problem.Span);
            errors.Add($"{display}:{Math.Max(1, span.StartLine)}:{Math.Max(1, span.StartColumn)}: {problem?.Message ?? "the file could not be read"}");
            return null;
        }

        return tree;
    }
}
