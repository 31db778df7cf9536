using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary>One exit code of a command and what it means.</summary>
public sealed record ExitCode(int Code, string Meaning);

/// <summary>
/// The help iacscan prints (<c>--help</c>, and the usage of a command given without its subcommand): usage line,
/// description, arguments, options in named groups, subcommands, examples and exit codes. System.CommandLine 2.0
/// keeps its help layout internal, so the layout is ours; the command tree (names, aliases, descriptions) is its.
/// </summary>
public sealed class CommandHelp
{
    public const string DefaultGroup = "Options";

    private readonly Dictionary<Option, string> _groups = [];
    private readonly Dictionary<Command, string[]> _examples = [];
    private readonly Dictionary<Command, ExitCode[]> _exitCodes = [];

    /// <summary>Puts <paramref name="option"/> in a titled group of the help (options without one are under "Options").</summary>
    public T Group<T>(string group, T option)
        where T : Option
    {
        _groups[option] = group;
        return option;
    }

    public void Document(Command command, IEnumerable<string> examples, IEnumerable<ExitCode> exitCodes)
    {
        _examples[command] = [.. examples];
        _exitCodes[command] = [.. exitCodes];
    }

    /// <summary>The exit codes a command documents (its own, else its parent's).</summary>
    public IReadOnlyList<ExitCode> ExitCodesOf(Command command) =>
        _exitCodes.TryGetValue(command, out var codes) ? codes
        : command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? ExitCodesOf(parent)
        : [];

    public string GroupOf(Option option) => _groups.GetValueOrDefault(option, DefaultGroup);

    /// <summary>Replaces the help option's action of <paramref name="root"/> (it applies to every subcommand).</summary>
    public void Attach(RootCommand root, Func<int?> width)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            option.Action = new HelpAction(this, width);

            // Windows spellings (/?, /h) and -? only crowd the help of a Unix-style tool.
            foreach (var alias in option.Aliases.Where(a => a is not "-h").ToList())
            {
                option.Aliases.Remove(alias);
            }
        }
    }

    /// <summary>"iacscan guard validate": the command's names from the root.</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is not null; s = s.Parents.FirstOrDefault())
        {
            if (s is RootCommand)
            {
                names.Add("iacscan");
                break;
            }

            names.Add(s.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    public static string Usage(Command command)
    {
        var usage = PathOf(command);
        if (command.Subcommands.Count > 0)
        {
            usage += " COMMAND";
        }

        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            var name = argument.HelpName ?? argument.Name;
            usage += argument.Arity.MaximumNumberOfValues > 1
                ? (argument.Arity.MinimumNumberOfValues == 0 ? $" [{name}…]" : $" {name}…")
                : (argument.Arity.MinimumNumberOfValues == 0 ? $" [{name}]" : $" {name}");
        }

        if (VisibleOptions(command).Any(o => o is not HelpOption and not VersionOption))
        {
            usage += " [options]";
        }

        return usage;
    }

    /// <summary>"-f, --format FORMAT": the option's spellings and the name of its value.</summary>
    public static string Label(Option option)
    {
        var names = option.Aliases.Append(option.Name).Distinct().OrderBy(n => n.StartsWith("--", StringComparison.Ordinal) ? 1 : 0).ThenBy(n => n, StringComparer.Ordinal);
        var label = string.Join(", ", names);
        if (option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool))
        {
            label += " " + (option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant());
        }

        return label;
    }

    /// <summary>The options a user can give to <paramref name="command"/>: its own and the recursive ones of its parents.</summary>
    public static IEnumerable<Option> VisibleOptions(Command command)
    {
        var inherited = command.Parents.OfType<Command>().SelectMany(p => VisibleOptions(p).Where(o => o.Recursive));
        return command.Options.Concat(inherited).Where(o => !o.Hidden).Distinct();
    }

    public void Write(Command command, TextWriter writer, int width)
    {
        width = Math.Clamp(width, 40, 120);
        writer.WriteLine($"Usage: {Usage(command)}");
        writer.WriteLine();
        if (!string.IsNullOrWhiteSpace(command.Description))
        {
            foreach (var line in TextWrap.Wrap(command.Description, width, string.Empty))
            {
                writer.WriteLine(line);
            }

            writer.WriteLine();
        }

        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => (a.HelpName ?? a.Name, a.Description ?? string.Empty)).ToList();
        WriteSection(writer, "Arguments", arguments, width);

        var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? string.Empty)).ToList();
        WriteSection(writer, "Commands", subcommands, width);

        var options = VisibleOptions(command).ToList();
        var order = options.Select(GroupOf).Distinct().OrderBy(g => g == DefaultGroup ? 1 : 0).ToList();
        foreach (var group in order)
        {
            var rows = options.Where(o => GroupOf(o) == group).Select(o => (Label(o), o.Description ?? string.Empty)).ToList();
            WriteSection(writer, group, rows, width);
        }

        if (_examples.TryGetValue(command, out var examples) && examples.Length > 0)
        {
            writer.WriteLine("Examples:");
            foreach (var example in examples)
            {
                writer.WriteLine($"  {example}");
            }

            writer.WriteLine();
        }

        var codes = ExitCodesOf(command);
        if (codes.Count > 0)
        {
            WriteSection(writer, "Exit codes", codes.OrderBy(c => c.Code).Select(c => (c.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Meaning)).ToList(), width);
        }
    }

    private static void WriteSection(TextWriter writer, string title, List<(string Label, string Text)> rows, int width)
    {
        if (rows.Count == 0)
        {
            return;
        }

        writer.WriteLine($"{title}:");
        var column = Math.Min(rows.Max(r => r.Label.Length) + 4, 34);
        foreach (var (label, text) in rows)
        {
            var head = $"  {label}";
            var indent = new string(' ', column);
            var lines = TextWrap.Wrap(text, width - column, string.Empty);
            if (head.Length + 2 > column)
            {
                writer.WriteLine(head);
                foreach (var line in lines)
                {
                    writer.WriteLine(indent + line);
                }

                continue;
            }

            for (var i = 0; i < lines.Count; i++)
            {
                writer.WriteLine((i == 0 ? head.PadRight(column) : indent) + lines[i]);
            }

            if (lines.Count == 0)
            {
                writer.WriteLine(head);
            }
        }

        writer.WriteLine();
    }

    private sealed class HelpAction(CommandHelp help, Func<int?> width) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            help.Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output, width() ?? 100);
            return ExitCodes.Success;
        }
    }
}
