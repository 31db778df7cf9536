using System.Globalization;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Guard;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary><c>iacscan guard validate</c>: cfn-guard validate's evaluation, summaries, structured output and exit codes.</summary>
internal static class GuardValidate
{
    public sealed record Request(string[] Rules, string[] Data, string Format, bool Structured, string[] ShowSummary, GuardOptions Options, string Cwd);

    private sealed record Evaluated(string Data, SyntaxTree Tree, LoadedGuardFile Rules, GuardFileResult? Result, string? Error);

    public static int Run(Request request, TextWriter stdout, TextWriter stderr)
    {
        if (request.Format != "single-line-summary" && !request.Structured && request.Format is "junit" or "sarif")
        {
            throw new UsageException("the structured flag (-z) must be set for junit and sarif output");
        }

        var errors = new List<string>();
        var (ruleFiles, _, discoverErrors) = GuardRuleLoader.Discover(request.Rules, request.Cwd);
        errors.AddRange(discoverErrors);
        var parseErrors = new List<string>();
        var rules = GuardRuleLoader.Parse(ruleFiles, request.Cwd, parseErrors);
        foreach (var e in parseErrors)
        {
            stderr.WriteLine($"Parse error: {e}");
        }

        var files = GuardCommand.DataFiles(request.Data, request.Cwd, errors);

        // Rule files are parsed once; each data file is loaded, converted once and evaluated against every rule file.
        // Data files are independent, so they are evaluated in parallel and taken in input order as they complete.
        // cfn-guard's structured JSON is written one document at a time, so a corpus run keeps only the results not
        // yet written; the other outputs need them all.
        var streamJson = (request.Structured || request.Format != "single-line-summary") && request.Format is not ("yaml" or "junit" or "sarif");
        var json = streamJson ? new StructuredModel.JsonSequence(stdout) : null;
        var runs = new List<DataRun>();
        var loadErrors = new List<string>();
        var evaluationErrors = new List<string>();
        var failed = false;
        ForEachInOrder(files.Count, i => EvaluateData(files[i].Full, files[i].Display, rules, request.Options), run =>
        {
            if (run.LoadError is not null)
            {
                loadErrors.Add(run.LoadError);
                return;
            }

            evaluationErrors.AddRange(run.Evaluated.Where(e => e.Error is not null).Select(e => $"Error occurred evaluating {e.Data} against {e.Rules.DisplayName}: {e.Error}"));
            failed |= run.Evaluated.Any(e => e.Result?.Status == GuardStatus.Fail);
            if (json is not null)
            {
                json.Write(Document(run));
            }
            else
            {
                runs.Add(run);
            }
        });
        errors.AddRange(loadErrors);
        errors.AddRange(evaluationErrors);

        if (json is not null)
        {
            json.Complete();
        }
        else if (request.Structured || request.Format != "single-line-summary")
        {
            WriteStructured(request, runs, stdout);
        }
        else
        {
            WriteSummary(request, runs.SelectMany(r => r.Evaluated).ToList(), stdout);
        }

        foreach (var e in errors)
        {
            stderr.WriteLine(e);
        }

        if (parseErrors.Count > 0)
        {
            return GuardExitCodes.RulesParseError;
        }

        if (errors.Count > 0)
        {
            return GuardExitCodes.EvaluationError;
        }

        return failed ? GuardExitCodes.ValidationFailed : GuardExitCodes.Success;
    }

    /// <summary>One data file: loaded (or why not) and evaluated against every rule file.</summary>
    private sealed record DataRun(string Display, SyntaxTree? Tree, string? LoadError, List<Evaluated> Evaluated);

    private static DataRun EvaluateData(string full, string display, List<LoadedGuardFile> rules, GuardOptions options)
    {
        var loadErrors = new List<string>(1);
        var tree = GuardCommand.LoadData(full, display, loadErrors);
        if (tree is null)
        {
            return new DataRun(display, null, loadErrors[0], []);
        }

        var value = GuardData.FromTree(tree, options.Guard32 ? GuardDataMode.Validate32 : GuardDataMode.Validate);
        var list = new List<Evaluated>(rules.Count);
        foreach (var file in rules)
        {
            try
            {
                list.Add(new Evaluated(display, tree, file, GuardEvaluator.Evaluate(file.Rules, value, options), null));
            }
            catch (GuardEvaluationException ex)
            {
                list.Add(new Evaluated(display, tree, file, null, ex.Message));
            }
        }

        return new DataRun(display, tree, null, list);
    }

    /// <summary>
    /// Computes <paramref name="count"/> items in parallel and hands each to <paramref name="take"/> on this thread, in
    /// index order, as soon as it and all before it are done (an item is dropped once taken).
    /// </summary>
    private static void ForEachInOrder<T>(int count, Func<int, T> compute, Action<T> take)
        where T : class
    {
        var done = new T?[count];
        var gate = new object();
        var work = Task.Run(() => Parallel.For(0, count, i =>
        {
            var item = compute(i);
            lock (gate)
            {
                done[i] = item;
                Monitor.PulseAll(gate);
            }
        }));
        for (var i = 0; i < count; i++)
        {
            T? item;
            lock (gate)
            {
                while ((item = done[i]) is null && !work.IsCompleted)
                {
                    Monitor.Wait(gate, 100);
                }

                done[i] = null;
            }

            if (item is null)
            {
                break;
            }

            take(item);
        }

        // Rethrows what a computation threw (the items after it were never completed).
        work.GetAwaiter().GetResult();
    }

    private static void WriteSummary(Request request, List<Evaluated> evaluated, TextWriter stdout)
    {
        var show = request.ShowSummary.Select(s => s.ToLowerInvariant()).ToHashSet();
        var none = show.Contains("none");
        var all = show.Contains("all");
        foreach (var group in evaluated.Where(e => e.Result is not null).GroupBy(e => e.Rules))
        {
            foreach (var e in group)
            {
                var result = e.Result!;
                if (!none)
                {
                    stdout.WriteLine($"{e.Data} Status = {Label(result.Status)}");
                    foreach (var (status, title) in new[] { (GuardStatus.Skip, "SKIP"), (GuardStatus.Pass, "PASS"), (GuardStatus.Fail, "FAILED") })
                    {
                        if (!all && !show.Contains(Label(status).ToLowerInvariant()))
                        {
                            continue;
                        }

                        var listed = result.Rules.Where(r => r.Status == status).ToList();
                        if (listed.Count == 0)
                        {
                            continue;
                        }

                        stdout.WriteLine($"{title} rules");
                        foreach (var r in listed)
                        {
                            stdout.WriteLine($"{Path.GetFileName(e.Rules.Path)}/{r.Name}    {Label(r.Status)}");
                        }
                    }

                    stdout.WriteLine("---");
                }

                var failing = result.Rules.Where(r => r.Status == GuardStatus.Fail).ToList();
                if (failing.Count == 0)
                {
                    continue;
                }

                stdout.WriteLine($"Evaluating data {e.Data} against rules {Path.GetFileName(e.Rules.Path)}");
                var resources = failing.SelectMany(r => r.Failures).Select(f => ResourceOf(f.Value)).Where(id => id is not null).Distinct().Count();
                stdout.WriteLine($"Number of non-compliant resources {resources}");
                foreach (var rule in failing)
                {
                    foreach (var failure in rule.Failures)
                    {
                        var where = failure.Value is null ? string.Empty : " at " + PathWithPosition(e.Tree, failure.Value);
                        stdout.WriteLine($"Rule [{rule.Name}]{where}: {failure.DisplayMessage}");
                    }
                }
            }
        }
    }

    private static string? ResourceOf(GuardValue? value)
    {
        if (value is null || !value.Path.StartsWith("/Resources/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = value.Path["/Resources/".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    private static string PathWithPosition(SyntaxTree tree, GuardValue value)
    {
        if (value.Node is null)
        {
            return value.Path;
        }

        var span = tree.Source.GetSpan(value.Node.Span);
        return $"{value.Path}[L:{span.StartLine},C:{span.StartColumn}]";
    }

    private static string Label(GuardStatus status) => status switch
    {
        GuardStatus.Pass => "PASS",
        GuardStatus.Fail => "FAIL",
        _ => "SKIP",
    };

    private static void WriteStructured(Request request, List<DataRun> runs, TextWriter stdout)
    {
        if (request.Format is "junit" or "sarif")
        {
            var writer = ReportWriters.Find(request.Format) ?? throw new UsageException($"the {request.Format} report format is not available in this build");
            writer.Write(ToScanResult(runs), stdout, new ReportOptions { SourceRoot = request.Cwd });
            return;
        }

        StructuredModel.WriteYaml(runs.Select(r => (object?)Document(r)).ToList(), stdout);
    }

    /// <summary>cfn-guard's structured report on one data file.</summary>
    private static object Document(DataRun run)
    {
        var display = run.Display;
        var results = run.Evaluated.Where(e => e.Result is not null)
            .SelectMany(e => e.Result!.Rules.Select(r => (e.Tree, Rule: r, Name: r.Rule.IsImplicit ? Path.GetFileName(e.Rules.Path) + "/default" : r.Name))).ToList();
        var status = results.Any(r => r.Rule.Status == GuardStatus.Fail) ? GuardStatus.Fail
            : results.Any(r => r.Rule.Status == GuardStatus.Pass) ? GuardStatus.Pass : GuardStatus.Skip;
        return StructuredModel.Map(
            ("name", display),
            ("metadata", StructuredModel.Map()),
            ("status", Label(status)),
            ("not_compliant", results.Where(r => r.Rule.Status == GuardStatus.Fail).Select(r => (object?)NotCompliant(r.Name, r.Rule)).ToList()),
            ("not_applicable", results.Where(r => r.Rule.Status == GuardStatus.Skip).Select(r => (object?)r.Name).ToList()),
            ("compliant", results.Where(r => r.Rule.Status == GuardStatus.Pass).Select(r => (object?)r.Name).ToList()));
    }

    private static object NotCompliant(string name, GuardRuleResult rule) =>
        StructuredModel.Map(("Rule", StructuredModel.Map(
            ("name", name),
            ("metadata", StructuredModel.Map()),
            ("messages", StructuredModel.Map(("custom_message", null), ("error_message", null))),
            ("checks", rule.Failures.Select(f => (object?)Check(f)).ToList()))));

    private static object Check(GuardFailure failure)
    {
        var messages = StructuredModel.Map(("custom_message", failure.CustomMessage?.Trim()), ("error_message", failure.Message));
        if (failure.Clause is not AccessClause clause)
        {
            return StructuredModel.Map(("Rule", StructuredModel.Map(
                ("name", failure.Clause switch { RuleReference r => r.Name, ParameterizedCall p => p.Name, _ => string.Empty }),
                ("status", "FAIL"),
                ("messages", messages))));
        }

        var comparison = new List<object?> { OperatorName(clause.Operator), clause.OperatorNegated };
        object check;
        if (failure.IsUnresolved)
        {
            check = StructuredModel.Map(("UnResolved", StructuredModel.Map(
                ("value", StructuredModel.Map(
                    ("traversed_to", PathValue(failure.Value)),
                    ("remaining_query", failure.RemainingQuery),
                    ("reason", failure.Reason))),
                ("comparison", comparison))));
        }
        else if (clause.IsUnary)
        {
            check = StructuredModel.Map(("Resolved", StructuredModel.Map(("value", PathValue(failure.Value)), ("comparison", comparison))));
        }
        else
        {
            check = StructuredModel.Map(("Resolved", StructuredModel.Map(
                ("from", PathValue(failure.Value)),
                ("to", PathValue(failure.ComparedWith)),
                ("comparison", comparison))));
        }

        var context = " " + clause.Text;
        return StructuredModel.Map(("Clause", StructuredModel.Map((clause.IsUnary ? "Unary" : "Binary", StructuredModel.Map(
            ("context", context),
            ("messages", messages),
            ("check", check))))));
    }

    private static object PathValue(GuardValue? value) =>
        StructuredModel.Map(("path", value?.Path ?? string.Empty), ("value", value));

    private static string OperatorName(GuardOperator op) => op switch
    {
        GuardOperator.Eq => "Eq",
        GuardOperator.In => "In",
        GuardOperator.Lt => "Lt",
        GuardOperator.Le => "Le",
        GuardOperator.Gt => "Gt",
        GuardOperator.Ge => "Ge",
        GuardOperator.Exists => "Exists",
        GuardOperator.Empty => "Empty",
        GuardOperator.IsString => "IsString",
        GuardOperator.IsList => "IsList",
        GuardOperator.IsStruct => "IsMap",
        GuardOperator.IsBool => "IsBool",
        GuardOperator.IsInt => "IsInt",
        GuardOperator.IsFloat => "IsFloat",
        _ => "IsNull",
    };

    /// <summary>Guard results as a scan result, so our SARIF/JUnit writers can render them.</summary>
    private static ScanResult ToScanResult(List<DataRun> runs)
    {
        var descriptors = new Dictionary<string, RuleDescriptor>(StringComparer.Ordinal);
        var files = new List<FileResult>();
        foreach (var run in runs)
        {
            var (display, tree, evaluated) = (run.Display, run.Tree!, run.Evaluated);
            var findings = new List<Finding>();
            foreach (var e in evaluated.Where(e => e.Result is not null))
            {
                foreach (var rule in e.Result!.Rules.Where(r => r.Status == GuardStatus.Fail))
                {
                    var id = GuardRuleSet.RuleId(e.Rules, rule.Rule);
                    descriptors.TryAdd(id, RuleDescriptor.Create(id, $"Guard rule {rule.Name} failed", $"The data does not comply with Guard rule {rule.Name}.", RuleLevel.Failure, SecuritySeverity.Medium, "Guard", kind: RuleKind.Guard));
                    foreach (var failure in rule.Failures)
                    {
                        findings.Add(new Finding
                        {
                            RuleId = id,
                            Kind = RuleKind.Guard,
                            Level = RuleLevel.Failure,
                            Severity = SecuritySeverity.Medium,
                            Message = failure.DisplayMessage,
                            FilePath = display,
                            Span = failure.Value?.Node is { } node ? tree.Source.GetSpan(node.Span) : Core.Text.SourceSpan.None,
                            Path = failure.Value?.Path.TrimStart('/') ?? string.Empty,
                        });
                    }
                }
            }

            files.Add(new FileResult(display, findings.Order(Finding.Order).ToList()));
        }

        return new ScanResult(files, descriptors.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList());
    }

    internal static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
