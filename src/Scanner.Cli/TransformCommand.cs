using System.CommandLine;
using Scanner.CloudFormation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;

namespace Scanner.Cli;

/// <summary>
/// <c>iacscan transform FILE [--format yaml|json]</c>: the template as the rules see it, after the SAM transform
/// (generated resources in SAM's order, under their logical ids; Globals applied). Problems (a file that cannot be
/// parsed, what SAM rejects) go to stderr, one per line with their position.
/// </summary>
public static class TransformCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, string cwd, CommandHelp help)
    {
        var file = new Argument<string>("FILE") { Description = "The template to transform." };
        var format = new Option<string>("--format", "-f") { HelpName = "FORMAT", Description = "Output format: yaml (default) or json.", DefaultValueFactory = _ => "yaml" }.OneOf("yaml", "json");
        var command = new Command("transform", "Print a template after the SAM transform, as the rules see it.") { file, format };
        help.Document(
            command,
            ["iacscan transform template.yaml", "iacscan transform template.yaml --format json"],
            [
                new(ExitCodes.Success, "the template was printed"),
                new(ExitCodes.Findings, "the template cannot be parsed or SAM rejects it (the problems are on stderr)"),
                new(ExitCodes.UsageError, "usage error, or the file does not exist"),
            ]);
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!, cwd);
            if (!File.Exists(path))
            {
                throw new UsageException($"no such file: {parse.GetValue(file)}");
            }

            var display = Path.GetRelativePath(cwd, path);
            var tree = TemplateParser.ParseFile(path, display);
            var problems = new List<SyntaxDiagnostic>(tree.Diagnostics);
            var template = tree.Root is null ? null : Template.Load(tree, problems);
            var failed = false;
            foreach (var problem in problems)
            {
                var descriptor = TemplateDiagnostics.Get(problem.RuleId);
                var span = tree.Source.GetSpan(problem.Span);
                failed |= descriptor.Level == RuleLevel.Failure;
                stderr.WriteLine($"{display}:{span.StartLine}:{span.StartColumn}: {(descriptor.Level == RuleLevel.Failure ? "failure" : "warning")} {problem.RuleId} {problem.Message}");
            }

            if (template is null)
            {
                return ExitCodes.Findings;
            }

            stdout.Write(parse.GetValue(format) == "json" ? TemplateWriter.WriteJson(template.Document) : TemplateWriter.WriteYaml(template.Document));
            return failed ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }
}
