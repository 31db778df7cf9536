using System.CommandLine;
using System.Text;
using Scanner.CloudFormation;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Editing;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Reporting;
using Scanner.Rules;

namespace Scanner.Cli;

/// <summary>What <c>iacscan fix</c> is asked to do.</summary>
public sealed record FixRequest
{
    public IReadOnlyList<string> Paths { get; init; } = [];

    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>Only findings of these rules are fixed; null: every rule that offers fixes.</summary>
    public IReadOnlySet<string>? Rules { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Also apply fixes that make CloudFormation replace the resource on a stack that exists.</summary>
    public bool AllowReplacement { get; init; }

    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();
}

/// <summary>
/// <c>iacscan fix PATH… [--rule ID]… [--dry-run] [--allow-replacement]</c>: applies the fixes the rules offer, each
/// file written atomically and only when its fixed text parses and loads as well as before. Exit codes: 0 nothing
/// left to fix (with --dry-run: nothing to change); 1 a fix was not applied (refused, needs --allow-replacement) or,
/// with --dry-run, there are changes to make; 2 usage error or a file that could not be written.
/// </summary>
public static class FixCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, string cwd, CommandHelp help)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files, directories (recursive) or globs; default '.'.", Arity = ArgumentArity.ZeroOrMore };
        var rules = new Option<string[]>("--rule") { HelpName = "ID", Description = "Fix only findings of this rule (repeatable); `iacscan rules --format json` says which rules are fixable." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write nothing: print the changes as a unified diff on stdout, the notes on stderr." };
        var allowReplacement = new Option<bool>("--allow-replacement")
        {
            Description = "Also apply fixes to properties CloudFormation sets only at creation (on a stack that exists, the resource is replaced by a new, empty one).",
        };
        var exclude = new Option<string[]>("--exclude") { HelpName = "GLOB", Description = "Leave out matching files (repeatable)." };
        var command = new Command("fix", "Apply the fixes the rules offer: the findings whose secure value is certain, edited in place keeping everything else.")
        {
            paths, rules, dryRun, allowReplacement, exclude,
        };
        help.Document(
            command,
            ["iacscan fix --dry-run stacks/        # show the diff", "iacscan fix stacks/app.yaml --rule W78", "iacscan fix --allow-replacement new-stack.yaml"],
            [
                new(ExitCodes.Success, "nothing is left to fix (with --dry-run: nothing to change)"),
                new(ExitCodes.Findings, "a fix was not applied (refused, or waiting for --allow-replacement); with --dry-run: there are changes"),
                new(ExitCodes.UsageError, "usage error, or a file that could not be written"),
            ]);
        command.SetAction(parse => Run(
            new FixRequest
            {
                Paths = parse.GetValue(paths) ?? [],
                Excludes = parse.GetValue(exclude) ?? [],
                Rules = parse.GetValue(rules) is { Length: > 0 } ids ? ids.ToHashSet(StringComparer.Ordinal) : null,
                DryRun = parse.GetValue(dryRun),
                AllowReplacement = parse.GetValue(allowReplacement),
                BaseDirectory = cwd,
            },
            stdout,
            stderr));
        return command;
    }

    public static int Run(FixRequest request, TextWriter stdout, TextWriter stderr)
    {
        ValidateRules(request.Rules);
        var inputs = FileDiscovery.Resolve(request.Paths, request.Excludes, request.BaseDirectory);
        var selection = request.Rules is null ? RuleSelection.Default : new RuleSelection(request.Rules, null);
        var analyzer = new TemplateAnalyzer(RuleRegistry.Build(BuiltInRules.All, selection), EvaluationSettings.Default, AnalysisComposition.Extensions, AnalysisComposition.Fixes);
        var fixer = new TemplateFixer(analyzer, f => request.AllowReplacement || !f.Fix!.RecreatesResource);

        var results = new FileFix?[inputs.Count];
        Parallel.For(0, inputs.Count, i => results[i] = FixFile(inputs[i], fixer));

        // With --dry-run stdout is only the diff (so it can be applied with git apply); the notes go to stderr.
        var notes = request.DryRun ? stderr : stdout;
        int fixedCount = 0, files = 0, left = 0, unwritable = 0;
        foreach (var result in results.OfType<FileFix>())
        {
            if (result.Problem is { } problem)
            {
                stderr.WriteLine(problem);
                continue;
            }

            var outcome = result.Outcome!;
            if (outcome.Changed)
            {
                files++;
                if (request.DryRun)
                {
                    var name = result.Input.DisplayPath.Replace('\\', '/');
                    stdout.Write(UnifiedDiff.Create(Decoded(outcome.OriginalText, result.Bom), Decoded(outcome.Text, result.Bom), "a/" + name, "b/" + name));
                }
                else
                {
                    try
                    {
                        AtomicFile.Write(result.Input.FullPath, w => w.Write(Decoded(outcome.Text, result.Bom)));
                    }
                    catch (ReportWriteException ex)
                    {
                        stderr.WriteLine($"iacscan: cannot write {result.Input.DisplayPath}: {ex.Reason}");
                        unwritable++;
                        continue;
                    }
                }
            }

            var verb = request.DryRun ? "would fix" : "fixed";
            foreach (var finding in outcome.Applied)
            {
                fixedCount++;
                notes.WriteLine($"{result.Input.DisplayPath}: {verb} {finding.RuleId} [{finding.LogicalId}] {finding.Fix!.Description}");
            }

            foreach (var finding in outcome.Refused)
            {
                left++;
                notes.WriteLine($"{Location(result.Input, finding)}: refused {finding.RuleId} [{finding.LogicalId}]: the fixed template would not parse or load as the original does, so this fix is not applied.");
            }

            foreach (var finding in outcome.NotApplied)
            {
                left++;
                notes.WriteLine($"{Location(result.Input, finding)}: not fixed {finding.RuleId} [{finding.LogicalId}]: the fix changes a property CloudFormation sets only at creation; on a stack that exists the resource would be replaced by a new, empty one. Rerun with --allow-replacement to apply it: {finding.Fix!.Description}");
            }
        }

        var summary = new StringBuilder($"{Count(fixedCount, "fix", "fixes")} {(request.DryRun ? "to apply" : "applied")} in {Count(files, "file", "files")}");
        if (left > 0)
        {
            summary.Append($"; {left} not applied");
        }

        notes.WriteLine(summary.Append('.').ToString());
        return unwritable > 0 ? ExitCodes.UsageError
            : left > 0 || (request.DryRun && files > 0) ? ExitCodes.Findings
            : ExitCodes.Success;
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static void ValidateRules(IReadOnlySet<string>? rules)
    {
        if (rules is null)
        {
            return;
        }

        var known = ScanRunner.KnownDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in rules.Order(StringComparer.Ordinal))
        {
            if (!known.Contains(id))
            {
                throw new UsageException($"unknown rule id '{id}' in --rule");
            }

            if (!AnalysisComposition.Fixes.IsFixable(id))
            {
                throw new UsageException($"rule {id} offers no fix (iacscan rules --format json lists \"fixable\" for each rule)");
            }
        }
    }

    private static FileFix? FixFile(InputFile input, TemplateFixer fixer)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(input.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FileFix(input, null, false, $"{input.DisplayPath}: cannot read the file: {ex.Message}");
        }

        var tree = TemplateParser.Parse(input.DisplayPath, bytes);
        if (input.Origin == FileOrigin.Discovered && !TemplateAnalyzer.IsTemplateCandidate(tree))
        {
            return null;
        }

        if (tree.HasFatalError)
        {
            var error = tree.Diagnostics.First(d => d.RuleId == TemplateDiagnostics.SyntaxErrorId);
            var span = tree.Source.GetSpan(error.Span);
            return new FileFix(input, null, false, $"{input.DisplayPath}:{span.StartLine}:{span.StartColumn}: not fixed: {error.Message}");
        }

        var bom = bytes is [0xEF, 0xBB, 0xBF, ..];
        return new FileFix(input, fixer.Fix(input.DisplayPath, tree.Source.Text), bom, null);
    }

    /// <summary>The parser leaves a byte-order mark out of the text; the file gets its mark back.</summary>
    private static string Decoded(string text, bool bom) => bom ? "\uFEFF" + text : text;

    private static string Location(InputFile input, Finding finding) =>
        finding.Span.IsEmpty ? input.DisplayPath : $"{input.DisplayPath}:{finding.Span.StartLine}:{finding.Span.StartColumn}";

    private sealed record FileFix(InputFile Input, FixOutcome? Outcome, bool Bom, string? Problem);
}
