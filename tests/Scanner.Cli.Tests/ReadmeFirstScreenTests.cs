using Scanner.Tests;
using YamlDotNet.RepresentationModel;

namespace Scanner.Cli.Tests;

/// <summary>
/// README's first screen (everything before "## What it checks") is what a new user copies: the install command,
/// the pre-commit snippet, the CodeBuild snippet and its pointer to the sharded example, and the commands to run.
/// Each must work as written: valid YAML, hook ids that exist, iacscan command lines the CLI accepts, links that
/// resolve; and it stays one screen.
/// </summary>
public sealed class ReadmeFirstScreenTests
{
    private static readonly string FirstScreen = ReadFirstScreen();

    private static string ReadFirstScreen()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var end = readme.IndexOf("\n## What it checks", StringComparison.Ordinal);
        Assert.True(end > 0, "README has no '## What it checks' section after its first screen");
        return readme[..end];
    }

    /// <summary>The fenced blocks of one language, in order.</summary>
    private static List<string> Blocks(string language)
    {
        var blocks = new List<string>();
        var fence = $"```{language}\n";
        for (var start = FirstScreen.IndexOf(fence, StringComparison.Ordinal); start >= 0; start = FirstScreen.IndexOf(fence, start, StringComparison.Ordinal))
        {
            start += fence.Length;
            var end = FirstScreen.IndexOf("```", start, StringComparison.Ordinal);
            blocks.Add(FirstScreen[start..end]);
            start = end;
        }

        return blocks;
    }

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    /// <summary>Every iacscan command line in the text (shell comments dropped), as arguments after "iacscan".</summary>
    private static List<string[]> IacscanCommands(string text) =>
        [.. text.Split('\n')
            .Select(line => line.Trim().TrimStart('-').Trim().Trim(',', '[', ']', '\'').Trim())
            .Select(line => line.Contains(" #", StringComparison.Ordinal) ? line[..line.IndexOf(" #", StringComparison.Ordinal)].Trim() : line)
            .Where(line => line.StartsWith("iacscan ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..])];

    private static void AssertAccepted(string[] args)
    {
        var root = CliApplication.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null), TestPaths.RepoRoot, out _);
        var parse = root.Parse(args);
        Assert.True(CommandLineErrors.Of(parse, args).Count == 0, $"iacscan {string.Join(' ', args)}: {string.Join("; ", CommandLineErrors.Of(parse, args))}");
    }

    [Fact]
    public void It_installs_the_tool_and_its_commands_are_accepted_as_written()
    {
        var shell = Blocks("sh")[0];
        Assert.Contains("dotnet tool install --global iacscan", shell, StringComparison.Ordinal);
        var commands = IacscanCommands(shell);
        Assert.Contains(commands, c => c[0] == "scan");
        Assert.Contains(commands, c => c[0] == "securityhub");
        commands.ForEach(AssertAccepted);
    }

    [Fact]
    public void The_pre_commit_snippet_names_the_hook_this_repository_defines()
    {
        var snippet = Yaml(Blocks("yaml").Single(b => b.Contains("repos:", StringComparison.Ordinal)));
        var hooks = ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)snippet.Children[new YamlScalarNode("repos")]).Children[0]).Children[new YamlScalarNode("hooks")]).Children.Cast<YamlMappingNode>();
        var defined = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(TestPaths.RepoRoot, ".pre-commit-hooks.yaml")))
        {
            defined.Load(reader);
        }

        var ids = ((YamlSequenceNode)defined.Documents[0].RootNode).Children.Cast<YamlMappingNode>().Select(h => ((YamlScalarNode)h.Children[new YamlScalarNode("id")]).Value).ToList();
        Assert.All(hooks, h => Assert.Contains(((YamlScalarNode)h.Children[new YamlScalarNode("id")]).Value, ids));
    }

    [Fact]
    public void The_codebuild_snippet_is_a_buildspec_whose_commands_are_accepted_and_it_points_at_the_sharded_example()
    {
        var text = Blocks("yaml").Single(b => b.Contains("phases:", StringComparison.Ordinal));
        var buildspec = Yaml(text);
        Assert.True(buildspec.Children.ContainsKey(new YamlScalarNode("reports")), "the snippet feeds a report group");
        var commands = IacscanCommands(text);
        Assert.True(commands.Count >= 2, text);
        commands.ForEach(AssertAccepted);

        Assert.Contains("](examples/codebuild/buildspec.yml)", FirstScreen, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "examples", "codebuild", "buildspec.yml")));
    }

    [Fact]
    public void It_gives_the_two_commands_from_a_clone_the_test_one_exactly_as_ci_runs_it()
    {
        var blocks = Blocks("sh");
        Assert.Equal(2, blocks.Count);
        var lines = blocks[1].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("dotnet run --project src/Scanner.Cli -- scan fixtures", lines[0], StringComparison.Ordinal);
        var ci = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, ".ci", "run")).Single(l => l.StartsWith("dotnet test ", StringComparison.Ordinal));
        Assert.Equal(ci, lines[1]);
    }

    [Fact]
    public void It_stays_one_screen()
    {
        var lines = FirstScreen.Split('\n').Length;
        Assert.True(lines <= 50, $"README's first screen has {lines} lines; keep it to what a new user copies");
    }
}
