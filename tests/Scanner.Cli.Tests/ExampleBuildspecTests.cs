using System.Text;
using System.Text.RegularExpressions;
using Scanner.Tests;
using YamlDotNet.RepresentationModel;

namespace Scanner.Cli.Tests;

/// <summary>
/// examples/codebuild (the sharded CodeBuild batch build offered to users): valid YAML whose build graph fans out
/// SHARDS shard tasks and a merge task that waits for all of them, and whose iacscan commands run as written: every
/// shard's scan, then the merge of their reports on the same templates (equal to one whole scan), and the Security
/// Hub import of what the merge wrote (parsed, not sent).
/// </summary>
public sealed partial class ExampleBuildspecTests : CliHarness
{
    private static readonly string Example = Path.Combine(TestPaths.RepoRoot, "examples", "codebuild");

    private static YamlMappingNode Load(string name)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Example, name)))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    private static bool Has(YamlNode node, string key) => ((YamlMappingNode)node).Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>The commands of every phase, in order (commands, then finally).</summary>
    private static List<string> Commands(YamlMappingNode buildspec)
    {
        var commands = new List<string>();
        foreach (var phase in Map(buildspec, "phases").Children.Values.Cast<YamlMappingNode>())
        {
            foreach (var list in new[] { "commands", "finally" }.Where(k => Has(phase, k)))
            {
                commands.AddRange(((YamlSequenceNode)phase.Children[new YamlScalarNode(list)]).Children.Cast<YamlScalarNode>().Select(c => c.Value!));
            }
        }

        return commands;
    }

    private static Dictionary<string, string> Variables(YamlMappingNode buildspec) =>
        Map(Map(buildspec, "env"), "variables").Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    [Fact]
    public void The_batch_fans_out_the_shards_and_the_merge_waits_for_all_of_them()
    {
        var buildspec = Load("buildspec.yml");
        Assert.Equal("0.2", Scalar(buildspec, "version"));
        var shards = int.Parse(Variables(buildspec)["SHARDS"], System.Globalization.CultureInfo.InvariantCulture);
        var tasks = ((YamlSequenceNode)Map(buildspec, "batch").Children[new YamlScalarNode("build-graph")]).Children.Cast<YamlMappingNode>().ToList();
        var shardTasks = tasks.Where(t => !Has(t, "depend-on")).ToList();
        Assert.Equal(Enumerable.Range(1, shards).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)), shardTasks.Select(t => Scalar(Map(Map(t, "env"), "variables"), "SHARD")));

        var merge = Assert.Single(tasks, t => Has(t, "depend-on"));
        Assert.Equal(shardTasks.Select(t => Scalar(t, "identifier")), ((YamlSequenceNode)merge.Children[new YamlScalarNode("depend-on")]).Children.Cast<YamlScalarNode>().Select(n => n.Value));
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, Scalar(merge, "buildspec"))), "the merge task's buildspec exists at the path it names (relative to the source root)");
        Assert.Equal("examples/codebuild/merge.yml", Scalar(merge, "buildspec"));

        // Both write JUnit report groups.
        foreach (var file in new[] { "buildspec.yml", "merge.yml" })
        {
            Assert.All(Map(Load(file), "reports").Children.Values, group => Assert.Equal("JUNITXML", Scalar(group, "file-format")));
        }
    }

    [Fact]
    public void Its_iacscan_commands_run_as_written_and_the_merge_is_the_whole_scan()
    {
        // Each build of the batch has its own checkout of the repository.
        string Checkout(string build)
        {
            Write($"{build}/stacks/app.yaml", BucketWithoutLogging);
            Write($"{build}/stacks/web.yaml", BucketWithoutLogging.Replace("DataBucket", "WebBucket", StringComparison.Ordinal));
            Write($"{build}/stacks/group.yaml", GroupWithoutEgress);
            Write($"{build}/stacks/other/queue.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
            Write($"{build}/stacks/other/bucket.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
            Write($"{build}/.github/workflows/ci.yml", "on: push\n");
            return P(build);
        }

        var mergeBuild = Checkout("merge");

        var buildspec = Load("buildspec.yml");
        var merge = Load("merge.yml");
        var environment = new Dictionary<string, string>
        {
            ["CODEBUILD_RESOLVED_SOURCE_VERSION"] = "0123456789abcdef0123456789abcdef01234567",
            ["CODEBUILD_BUILD_ARN"] = "arn:aws:codebuild:eu-west-1:123456789012:build/infra:1",
            ["CODEBUILD_SOURCE_REPO_URL"] = "https://github.com/acme/infra.git",
            ["CODEBUILD_WEBHOOK_HEAD_REF"] = "refs/heads/main",
            ["AWS_REGION"] = "eu-west-1",
            ["SOURCE_DATE_EPOCH"] = "1767225600",
            ["HOME"] = "/root",
            ["PATH"] = "/usr/bin",
        };
        var shards = int.Parse(Variables(buildspec)["SHARDS"], System.Globalization.CultureInfo.InvariantCulture);
        var shardCommands = Commands(buildspec).Where(c => c.StartsWith("iacscan ", StringComparison.Ordinal)).ToList();
        Assert.Single(shardCommands);
        for (var k = 1; k <= shards; k++)
        {
            var variables = new Dictionary<string, string>(environment) { ["SHARD"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            foreach (var (key, value) in Variables(buildspec))
            {
                variables[key] = value;
            }

            var build = Checkout($"shard-{k}");
            var (exit, _, stderr) = RunCommand(shardCommands[0], variables, build);
            Assert.True(exit == 0, $"shard {k}: {stderr}");
            Assert.True(File.Exists(Path.Combine(build, $"reports/shard-{k}.xml")));

            // What `aws s3 cp` does between the shard builds and the merge build.
            Directory.CreateDirectory(Path.Combine(mergeBuild, "shards"));
            File.Copy(Path.Combine(build, $"reports/shard-{k}.json"), Path.Combine(mergeBuild, $"shards/shard-{k}.json"));
        }

        var mergeVariables = new Dictionary<string, string>(environment);
        foreach (var (key, value) in Variables(merge))
        {
            mergeVariables[key] = value;
        }

        var mergeCommands = Commands(merge).Where(c => c.StartsWith("iacscan ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mergeCommands.Count);
        var merged = RunCommand(mergeCommands[0], mergeVariables, mergeBuild);
        Assert.True(merged.Exit == 1, $"the merge fails on the templates' failures: {merged.Err}");
        foreach (var report in new[] { "iacscan.json", "iacscan.xml", "iacscan.sarif", "asff.json", "asff-aggregate.json" })
        {
            Assert.True(File.Exists(Path.Combine(mergeBuild, $"reports/{report}")), report);
        }

        var wholeBuild = Checkout("whole");
        var whole = RunWith(new Options { Environment = environment, WorkingDirectory = wholeBuild }, "scan", ".", "-q", "-o", "json=whole.json");
        Assert.Equal(1, whole.Exit);
        Assert.Equal(File.ReadAllText(Path.Combine(wholeBuild, "whole.json")), File.ReadAllText(Path.Combine(mergeBuild, "reports/iacscan.json")));

        // The import is parsed, with the files the merge wrote, not sent.
        var import = Words(mergeCommands[1], mergeVariables, mergeBuild);
        Assert.Equal(["securityhub", "import"], import[..2]);
        var root = CliApplication.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null), mergeBuild, out _);
        var parse = root.Parse(import);
        Assert.Empty(CommandLineErrors.Of(parse, import));
        Assert.Contains("reports/asff.json", import);
        Assert.Contains("reports/asff-aggregate.json", import);
        Assert.All(import.Where(a => a.StartsWith("reports/", StringComparison.Ordinal)), a => Assert.True(File.Exists(Path.Combine(mergeBuild, a)), a));
    }

    private (int Exit, string Out, string Err) RunCommand(string command, Dictionary<string, string> variables, string directory) =>
        RunWith(new Options { Environment = variables, WorkingDirectory = directory }, Words(command, variables, directory));

    /// <summary>
    /// The words a POSIX shell makes of a simple command: variables expanded ($NAME, ${NAME}), double quotes kept
    /// together, unquoted globs matched against the working directory (as sh does: sorted, kept when nothing matches).
    /// </summary>
    private static string[] Words(string command, Dictionary<string, string> variables, string directory)
    {
        Assert.StartsWith("iacscan ", command, StringComparison.Ordinal);
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var glob = false;
        var started = false;
        void End()
        {
            if (started)
            {
                words.AddRange(glob ? Glob(word.ToString(), directory) : [word.ToString()]);
            }

            word.Clear();
            started = glob = false;
        }

        var text = Variable().Replace(command, m => variables.TryGetValue(m.Groups[1].Value + m.Groups[2].Value, out var value) ? value : throw new InvalidOperationException($"unset variable {m.Value} in '{command}'"));
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                started = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                End();
            }
            else
            {
                Assert.False(c is '\'' or '|' or ';' or '&' or '`' or '$' or '<' or '>', $"'{command}' needs more of a shell than this test has");
                glob |= c == '*' && !quoted;
                word.Append(c);
                started = true;
            }
        }

        End();
        return [.. words.Skip(1)];
    }

    private static IEnumerable<string> Glob(string pattern, string workingDirectory)
    {
        var directory = Path.GetDirectoryName(pattern) ?? string.Empty;
        var full = Path.Combine(workingDirectory, directory);
        var matches = Directory.Exists(full)
            ? Directory.GetFiles(full, Path.GetFileName(pattern)).Select(f => Path.Combine(directory, Path.GetFileName(f)).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
        return matches.Count > 0 ? matches : [pattern];
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
