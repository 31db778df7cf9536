using System.CommandLine;
using System.CommandLine.Parsing;
using Scanner.Core.Diagnostics;

namespace Scanner.Cli;

/// <summary>
/// What is wrong with a command line, each problem one sentence with the nearest valid name. Stricter than
/// System.CommandLine alone: a word starting with '-' that the command does not know is an unknown option, even
/// where the command also takes paths (<c>scan --formt json</c> is a typo, not a file named "--formt"); a path that
/// really starts with '-' can follow <c>--</c> or be written <c>./-name</c>.
/// </summary>
public static class CommandLineErrors
{
    public static IReadOnlyList<string> Of(ParseResult parse, IReadOnlyList<string> args)
    {
        var command = parse.CommandResult.Command;
        var where = CommandHelp.PathOf(command);
        var problems = new List<string>();
        var afterDoubleDash = AfterDoubleDash(args);

        foreach (var token in parse.UnmatchedTokens)
        {
            problems.Add(Unknown(command, where, token));
        }

        foreach (var argument in command.Arguments)
        {
            var tokens = parse.GetResult(argument)?.Tokens ?? [];
            foreach (var token in tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-' && !afterDoubleDash.Contains(t.Value)))
            {
                problems.Add(Unknown(command, where, token.Value));
            }
        }

        foreach (var error in parse.Errors)
        {
            // Unmatched tokens are reported above with a suggestion; the rest are System.CommandLine's own sentences.
            if (parse.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)))
            {
                continue;
            }

            problems.Add(error.Message.TrimEnd('.'));
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Unknown(Command command, string where, string token)
    {
        if (token.StartsWith('-') && token.Length > 1)
        {
            var names = CommandHelp.VisibleOptions(command).SelectMany(o => o.Aliases.Append(o.Name));
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? token[..eq] : token;
            return $"unknown option '{name}' for '{where}'{NearestName.Hint(name, names)}";
        }

        if (command.Subcommands.Count > 0)
        {
            return $"unknown command '{token}' for '{where}'{NearestName.Hint(token, command.Subcommands.SelectMany(c => c.Aliases.Append(c.Name)))}";
        }

        return $"unexpected argument '{token}' for '{where}'";
    }

    /// <summary>The words after a lone <c>--</c>: arguments however they look.</summary>
    private static HashSet<string> AfterDoubleDash(IReadOnlyList<string> args)
    {
        var index = -1;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                index = i;
                break;
            }
        }

        return index < 0 ? [] : args.Skip(index + 1).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Accepts only the given values (exactly as written), with a suggestion for a near miss, and offers them as
    /// completions.
    /// </summary>
    public static Option<string> OneOf(this Option<string> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!values.Contains(token.Value, StringComparer.Ordinal))
                {
                    result.AddError($"{option.Name}: '{token.Value}' is not one of {string.Join(", ", values)}{NearestName.Hint(token.Value, values)}");
                }
            }
        });
        return option;
    }
}
