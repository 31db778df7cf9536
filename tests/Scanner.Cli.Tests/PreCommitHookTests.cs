using System.Diagnostics;
using System.Text.RegularExpressions;
using Scanner.Tests;
using YamlDotNet.RepresentationModel;

namespace Scanner.Cli.Tests;

/// <summary>
/// The pre-commit hook (.pre-commit-hooks.yaml): its entry run the way pre-commit runs it, with the staged file names
/// its <c>files</c> pattern selects as arguments; and, where pre-commit is installed, pre-commit itself.
/// </summary>
public sealed class PreCommitHookTests : CliHarness
{
    private const string Workflow = """
        name: ci
        on: [push]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
        """;

    private const string KubernetesManifests = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: app
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        """;

    private const string HelmTemplate = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-config
        data:
          {{- toYaml .Values.config | nindent 2 }}
        """;

    private const string PackageJson = """{"name": "app", "version": "1.0.0", "scripts": {"test": "jest"}}""";

    private const string OpenIngress = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Open:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: web
              SecurityGroupIngress:
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
        """;

    /// <summary>The hook as pre-commit reads it from the repository root.</summary>
    private static (string Id, string Entry, string Language, Regex Files) Hook()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".pre-commit-hooks.yaml"))));
        var hook = (YamlMappingNode)Assert.Single(((YamlSequenceNode)yaml.Documents[0].RootNode).Children);
        string Get(string key) => ((YamlScalarNode)hook.Children[new YamlScalarNode(key)]).Value!;

        // pre-commit matches `files` with Python's re.search on the path relative to the repository root.
        return (Get("id"), Get("entry"), Get("language"), new Regex(Get("files"), RegexOptions.CultureInvariant));
    }

    private string[] StageRepository()
    {
        Write("stacks/web.yaml", OpenIngress);
        Write("stacks/data.yaml", BucketWithoutLogging);
        Write(".github/workflows/ci.yml", Workflow);
        Write("package.json", PackageJson);
        Write("k8s/app.yaml", KubernetesManifests);
        Write("chart/templates/config.yaml", HelmTemplate);
        Write("README.md", "# app\n");
        Write("tsconfig.json", """{"compilerOptions": {"strict": true}}""");
        return ["stacks/web.yaml", "stacks/data.yaml", ".github/workflows/ci.yml", "package.json", "k8s/app.yaml", "chart/templates/config.yaml", "README.md", "tsconfig.json"];
    }

    [Fact]
    public void The_hook_is_a_dotnet_hook_running_iacscan_scan_on_template_file_names()
    {
        var (id, entry, language, files) = Hook();
        Assert.Equal("iacscan", id);
        Assert.Equal("dotnet", language);
        Assert.StartsWith("iacscan scan ", entry + " ", StringComparison.Ordinal);
        Assert.Contains("--skip-non-templates", entry.Split(' '));
        foreach (var name in new[] { "a.yaml", "b/c.yml", "d.json", "e.template", "stacks/app.template" })
        {
            Assert.Matches(files, name);
        }

        foreach (var name in new[] { "README.md", "main.py", "template.yaml.bak", "Dockerfile" })
        {
            Assert.DoesNotMatch(files, name);
        }
    }

    [Fact]
    public void Staged_non_templates_are_skipped_and_templates_are_scanned()
    {
        var (_, entry, _, pattern) = Hook();
        var staged = StageRepository().Where(f => pattern.IsMatch(f)).ToArray();
        Assert.DoesNotContain("README.md", staged);
        Assert.Contains("package.json", staged);

        // pre-commit runs the entry with the file names appended.
        var (exit, stdout, stderr) = Run([.. entry.Split(' ').Skip(1), .. staged]);
        Assert.Equal(1, exit);
        Assert.Contains("stacks/web.yaml:", stdout, StringComparison.Ordinal);
        Assert.Contains("W35 [DataBucket]", stdout, StringComparison.Ordinal);
        Assert.Contains("2 files scanned", stdout, StringComparison.Ordinal);
        foreach (var other in new[] { "ci.yml", "package.json", "k8s/app.yaml", "config.yaml", "tsconfig.json" })
        {
            Assert.DoesNotContain(other, stdout + stderr, StringComparison.Ordinal);
        }

        // --verbose says why each was left out.
        (_, _, stderr) = Run([.. entry.Split(' ').Skip(1), "--verbose", .. staged]);
        Assert.Contains("skip: package.json: not a CloudFormation template", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commit_without_templates_passes_and_without_the_flag_named_non_templates_are_reported()
    {
        var (_, entry, _, pattern) = Hook();
        var staged = StageRepository().Where(f => pattern.IsMatch(f) && !f.StartsWith("stacks/", StringComparison.Ordinal)).ToArray();
        var (exit, stdout, stderr) = Run([.. entry.Split(' ').Skip(1), .. staged]);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("0 files scanned", stdout, StringComparison.Ordinal);

        // A file named on the command line is a template to the plain scan (a Helm template is then broken YAML, a
        // manifest a template without findings): that is why the hook passes the flag.
        (exit, stdout, _) = Run("scan", "chart/templates/config.yaml", "package.json");
        Assert.Equal(1, exit);
        Assert.Contains("chart/templates/config.yaml:4:", stdout, StringComparison.Ordinal);
        Assert.Contains("2 files scanned", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_template_is_still_reported_when_non_templates_are_skipped()
    {
        Write("stacks/broken.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: [unclosed\n");
        var (exit, stdout, _) = Run("scan", "--skip-non-templates", "--allow-empty", "stacks/broken.yaml");
        Assert.Equal(1, exit);
        Assert.Contains("stacks/broken.yaml:", stdout, StringComparison.Ordinal);
        Assert.Contains("E0000", stdout, StringComparison.Ordinal);
    }

    /// <summary>pre-commit itself: installs the hook from this repository (dotnet pack, dotnet tool install) and runs it on staged files.</summary>
    [PreCommitFact]
    public void Pre_commit_try_repo_runs_the_hook()
    {
        StageRepository();
        Git("init", "-q");
        Git("add", ".");
        var home = Directory.CreateTempSubdirectory("iacscan-pre-commit-").FullName;
        try
        {
            var (exit, output) = Process(
                "pre-commit",
                Dir,
                new Dictionary<string, string> { ["PRE_COMMIT_HOME"] = home, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
                "try-repo", TestPaths.RepoRoot, "iacscan", "--verbose", "--color", "never");
            Assert.True(exit == 1, output);
            Assert.Contains("stacks/web.yaml:", output, StringComparison.Ordinal);
            Assert.Contains("W35 [DataBucket]", output, StringComparison.Ordinal);
            Assert.DoesNotContain("package.json:", output, StringComparison.Ordinal);
            Assert.DoesNotContain("k8s/app.yaml:", output, StringComparison.Ordinal);

            // Only non-templates staged: the hook passes.
            Git("rm", "-q", "--cached", "stacks/web.yaml", "stacks/data.yaml");
            (exit, output) = Process(
                "pre-commit",
                Dir,
                new Dictionary<string, string> { ["PRE_COMMIT_HOME"] = home, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
                "try-repo", TestPaths.RepoRoot, "iacscan", "--color", "never");
            Assert.True(exit == 0, output);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private void Git(params string[] arguments)
    {
        var (exit, output) = Process("git", Dir, [], ["-c", "user.name=test", "-c", "user.email=test@example.com", .. arguments]);
        Assert.True(exit == 0, output);
    }

    private static (int Exit, string Output) Process(string executable, string workingDirectory, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(900_000), $"{executable} {string.Join(' ', arguments)} did not finish");
        return (process.ExitCode, output + error.Result);
    }
}

/// <summary>
/// Runs where pre-commit is installed (apt install pre-commit, or pip install pre-commit) and IACSCAN_PRE_COMMIT_TEST=1
/// asks for it: pre-commit builds the tool in Release from a clone of the repository, which takes minutes (6 on two
/// busy cores), a third of the CI budget for one test.
/// </summary>
public sealed class PreCommitFactAttribute : FactAttribute
{
    public PreCommitFactAttribute()
    {
        if (MotoServer.Find("pre-commit") is null)
        {
            Skip = "pre-commit is not installed (apt install pre-commit or pip install pre-commit): the check that pre-commit installs and runs the hook needs it.";
        }
        else if (Environment.GetEnvironmentVariable("IACSCAN_PRE_COMMIT_TEST") != "1")
        {
            Skip = "pre-commit try-repo builds iacscan from a clone (minutes): set IACSCAN_PRE_COMMIT_TEST=1 to run it.";
        }
    }
}
