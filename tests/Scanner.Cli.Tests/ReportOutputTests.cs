using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;
using Scanner.Reporting;
using Scanner.Tests;

namespace Scanner.Cli.Tests;

public sealed class ReportOutputTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "iacscan-cli-reports-" + Guid.NewGuid().ToString("N"));

    public ReportOutputTests() => Directory.CreateDirectory(_out);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_out, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApplication.Run(args, stdout, stderr, TestPaths.RepoRoot);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static readonly string[] AwsFacts =
        ["--aws-account-id", "123456789012", "--region", "us-east-1", "--repo", "acme/infra", "--branch", "main", "--report-url", "https://ci.example.com/r/1"];

    [Fact]
    public void One_scan_writes_four_valid_reports()
    {
        string P(string name) => Path.Combine(_out, name);
        var (exit, stdout, stderr) = Run(
            [
                "scan", "fixtures/",
                "--output", $"sarif={P("r.sarif")}", "--output", $"junit={P("r.xml")}",
                "--output", $"asff={P("f.json")}", "--output", $"asff-aggregate={P("agg.json")}",
                "--sarif-max-results", "0", // every result, to compare the formats one for one
                .. AwsFacts,
            ]);
        Assert.True(exit is ExitCodes.Success or ExitCodes.Findings, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("files scanned", stdout, StringComparison.Ordinal);

        var sarif = JsonConvert.DeserializeObject<SarifLog>(File.ReadAllText(P("r.sarif")))!;
        var run = Assert.Single(sarif.Runs);
        Assert.NotEmpty(run.Results);
        Assert.All(run.Results, r =>
        {
            Assert.Equal(SarifReportWriter.SourceRootBaseId, r.Locations[0].PhysicalLocation.ArtifactLocation.UriBaseId);
            Assert.StartsWith("fixtures/", r.Locations[0].PhysicalLocation.ArtifactLocation.Uri.OriginalString, StringComparison.Ordinal);
            Assert.True(r.RuleIndex >= 0 && run.Tool.Driver.Rules[r.RuleIndex].Id == r.RuleId);
        });

        var junit = XDocument.Load(P("r.xml"));
        var templates = Directory.EnumerateFiles(TestPaths.Fixtures, "*.*", SearchOption.AllDirectories)
            .Where(f => FileDiscovery.TemplateExtensions.Contains(Path.GetExtension(f)))
            .Count(f => Scanner.CloudFormation.Analysis.TemplateAnalyzer.IsTemplateCandidate(Scanner.CloudFormation.Syntax.TemplateParser.ParseFile(f, f)));
        Assert.Equal(templates, junit.Root!.Elements("testsuite").Count());
        Assert.Equal(run.Results.Count(r => r.Suppressions is null), junit.Descendants("failure").Count());
        Assert.All(junit.Descendants("testcase"), c => Assert.False(string.IsNullOrEmpty((string?)c.Attribute("classname"))));

        var batches = AsffBatches(P("f.json"));
        var findings = batches.SelectMany(b => JsonNode.Parse(File.ReadAllText(b))!.AsArray().Select(f => f!.AsObject())).ToList();
        Assert.All(batches, b => Assert.True(JsonNode.Parse(File.ReadAllText(b))!.AsArray().Count <= 100));
        // Templates that cannot be parsed are SARIF notifications, not results, but Security Hub gets them as findings.
        var parseErrors = run.Invocations.Sum(i => i.ToolExecutionNotifications?.Count ?? 0);
        Assert.Equal(run.Results.Count(r => r.Suppressions is null) + parseErrors, findings.Count);
        Assert.All(findings, f => Assert.Empty(AsffLimits.Validate(f)));
        Assert.All(findings, f => Assert.Equal("arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default", (string)f["ProductArn"]!));

        var aggregate = Assert.Single(JsonNode.Parse(File.ReadAllText(P("agg.json")))!.AsArray())!.AsObject();
        Assert.Empty(AsffLimits.Validate(aggregate));
        Assert.Equal("CFN scan repo:acme/infra:main", (string)aggregate["Title"]!);
        Assert.Equal((string)findings[0]["CreatedAt"]!, (string)aggregate["CreatedAt"]!);

        // Same scan again: same Ids, so a re-import updates instead of duplicating.
        Run(["scan", "fixtures/", "--output", $"asff={P("again.json")}", .. AwsFacts]);
        var again = AsffBatches(P("again.json")).SelectMany(b => JsonNode.Parse(File.ReadAllText(b))!.AsArray()).Select(f => (string)f!["Id"]!);
        Assert.Equal(findings.Select(f => (string)f["Id"]!), again);
    }

    /// <summary>ASFF is written in import batches of 100: f.json, f.2.json, f.3.json, … in that order.</summary>
    private static List<string> AsffBatches(string first)
    {
        var result = new List<string> { first };
        var stem = Path.Combine(Path.GetDirectoryName(first)!, Path.GetFileNameWithoutExtension(first));
        for (var i = 2; File.Exists($"{stem}.{i}.json"); i++)
        {
            result.Add($"{stem}.{i}.json");
        }

        return result;
    }

    [MultitoolFact]
    public void Sarif_of_the_fixtures_passes_the_Multitool_with_the_GitHub_rules()
    {
        var sarif = Path.Combine(_out, "fixtures.sarif");
        var validation = Path.Combine(_out, "validation.sarif");
        var (exit, _, stderr) = Run("scan", "fixtures/", "--output", $"sarif={sarif}");
        Assert.True(exit is ExitCodes.Success or ExitCodes.Findings, stderr);
        var log = JsonConvert.DeserializeObject<SarifLog>(File.ReadAllText(sarif))!;

        // The fixtures give more results than GitHub's default of 1,000 per run: the most severe are kept, the rest announced.
        Assert.Equal(1000, log.Runs[0].Results.Count);
        Assert.Contains(log.Runs[0].Invocations[0].ToolExecutionNotifications, n => n.Message.Text.Contains("are left out", StringComparison.Ordinal));
        var all = Path.Combine(_out, "all.sarif");
        Run("scan", "fixtures/", "--output", $"sarif={all}", "--sarif-max-results", "0");
        var full = JsonConvert.DeserializeObject<SarifLog>(File.ReadAllText(all))!.Runs[0].Results;
        Assert.True(full.Count > 1000);
        var failures = full.Count(r => r.Level == FailureLevel.Error && r.Suppressions is null);
        Assert.True(failures < 1000);
        Assert.Equal(failures, log.Runs[0].Results.Count(r => r.Level == FailureLevel.Error && r.Suppressions is null));
        var start = new System.Diagnostics.ProcessStartInfo(MultitoolFactAttribute.Multitool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "validate", sarif, "-o", validation, "--log", "ForceOverwrite", "--config", MultitoolFactAttribute.Config, "--rule-kind", "Sarif;Ghas" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errorOutput = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000));

        // The Multitool exits 0 even when it reports errors: count the error results in its log.
        var results = JsonNode.Parse(File.ReadAllText(validation))!["runs"]![0]!["results"]?.AsArray() ?? [];
        var errors = results.Where(r => (string?)r!["level"] == "error").Select(r => (string?)r!["ruleId"]).ToList();
        Assert.True(errors.Count == 0, $"Multitool errors: {string.Join(", ", errors)}\n{output.Result}{errorOutput.Result}");
    }

    [Fact]
    public void Json_and_text_can_be_written_to_files_too()
    {
        var json = Path.Combine(_out, "r.json");
        var text = Path.Combine(_out, "r.txt");
        var (exit, _, stderr) = Run("scan", "fixtures/rules/W35", "--output", $"json={json}", "--output", $"text={text}");
        Assert.True(exit is ExitCodes.Success or ExitCodes.Findings, stderr);
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(json))!["files"]);
        Assert.Contains("W35", File.ReadAllText(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_paths_follow_the_source_root()
    {
        var sarif = Path.Combine(_out, "r.sarif");
        Run("scan", "fixtures/rules/W35", "--source-root", "fixtures/rules", "--output", $"sarif={sarif}");
        var log = JsonConvert.DeserializeObject<SarifLog>(File.ReadAllText(sarif))!;
        Assert.All(log.Runs[0].Results, r => Assert.StartsWith("W35/", r.Locations[0].PhysicalLocation.ArtifactLocation.Uri.OriginalString, StringComparison.Ordinal));
        Assert.EndsWith("/fixtures/rules/", log.Runs[0].OriginalUriBaseIds[SarifReportWriter.SourceRootBaseId].Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Asff_without_an_account_is_a_usage_error()
    {
        var (exit, _, stderr) = Run("scan", "fixtures/rules/W35", "--output", $"asff={Path.Combine(_out, "f.json")}", "--region", "us-east-1");
        if (Environment.GetEnvironmentVariable("CODEBUILD_BUILD_ARN") is null)
        {
            Assert.Equal(ExitCodes.UsageError, exit);
            Assert.Contains("--aws-account-id", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_out, "f.json")));
        }
    }

    [Fact]
    public void Repository_facts_default_from_the_CodeBuild_environment()
    {
        var names = new[] { "CODEBUILD_BUILD_ARN", "CODEBUILD_SOURCE_REPO_URL", "CODEBUILD_WEBHOOK_HEAD_REF", "AWS_REGION", "AWS_DEFAULT_REGION" };
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        Environment.SetEnvironmentVariable("CODEBUILD_BUILD_ARN", "arn:aws-us-gov:codebuild:us-gov-west-1:210987654321:build/infra-scan:0b1c2d3e");
        Environment.SetEnvironmentVariable("CODEBUILD_SOURCE_REPO_URL", "https://github.com/acme/network.git");
        Environment.SetEnvironmentVariable("CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/release/2.0");
        Environment.SetEnvironmentVariable("AWS_REGION", null);
        Environment.SetEnvironmentVariable("AWS_DEFAULT_REGION", null);
        try
        {
            var path = Path.Combine(_out, "agg.json");
            var (exit, _, stderr) = Run("scan", "fixtures/rules/W35", "--output", $"asff-aggregate={path}");
            Assert.True(exit is ExitCodes.Success or ExitCodes.Findings, stderr);
            var aggregate = JsonNode.Parse(File.ReadAllText(path))![0]!;
            Assert.Equal("CFN scan repo:acme/network:release/2.0", (string)aggregate["Title"]!);
            Assert.Equal("arn:aws-us-gov:securityhub:us-gov-west-1:210987654321:product/210987654321/default", (string)aggregate["ProductArn"]!);
            Assert.Equal("aws-us-gov", (string)aggregate["Resources"]![0]!["Partition"]!);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public void Weights_change_the_aggregate_severity()
    {
        var path = Path.Combine(_out, "agg.json");
        Run(["scan", "fixtures/", "--output", $"asff-aggregate={path}", "--weight-failure", "0", "--weight-warning", "0", .. AwsFacts]);
        var aggregate = JsonNode.Parse(File.ReadAllText(path))![0]!;
        Assert.Equal(0, (int)aggregate["Severity"]!["Normalized"]!);
        Assert.Equal("INFORMATIONAL", (string)aggregate["Severity"]!["Label"]!);
    }

    [Theory]
    [InlineData("https://github.com/acme/infra.git", "acme/infra")]
    [InlineData("git@github.com:acme/infra.git", "acme/infra")]
    [InlineData("https://git-codecommit.us-east-1.amazonaws.com/v1/repos/infra", "infra")]
    [InlineData("https://gitlab.example.com/group/sub/infra", "sub/infra")]
    [InlineData("", null)]
    public void Repository_names_come_from_clone_urls(string url, string? expected)
    {
        Assert.Equal(expected, RepositoryFacts.RepositoryName(url));
    }

    [Theory]
    [InlineData("refs/heads/feature/x", "feature/x")]
    [InlineData("main", "main")]
    [InlineData("HEAD", null)]
    public void Branch_names_drop_refs_heads(string reference, string? expected)
    {
        Assert.Equal(expected, RepositoryFacts.BranchName(reference));
    }

    [Fact]
    public void Securityhub_import_sends_signed_batches_to_the_endpoint()
    {
        var file = Path.Combine(_out, "f.json");
        Run(["scan", "fixtures/", "--output", $"asff={file}", .. AwsFacts]);
        var expected = JsonNode.Parse(File.ReadAllText(file))!.AsArray().Count;

        using var server = new LoopbackServer();
        var previous = (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        try
        {
            var (exit, stdout, stderr) = Run("securityhub", "import", file, "--endpoint", server.Endpoint.AbsoluteUri, "--region", "us-east-1");
            Assert.True(exit == ExitCodes.Success, $"exit {exit}\n{stdout}\n{stderr}");
            Assert.Contains($"Imported {expected} findings", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", previous.Item1);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", previous.Item2);
        }

        var paths = server.Requests.Select(r => r.Path).ToList();
        Assert.Equal(["/findings", "/findings/import"], paths);
        Assert.All(server.Requests, r => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", r.Authorization, StringComparison.Ordinal));
        Assert.Equal(expected, JsonNode.Parse(server.Requests[1].Body)!["Findings"]!.AsArray().Count);
    }

    /// <summary>A minimal Security Hub stand-in on 127.0.0.1: no earlier findings, every import succeeds.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public LoopbackServer()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
            }

            _listener.Prefixes.Add(Endpoint.AbsoluteUri);
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (true)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                    var body = await reader.ReadToEndAsync();
                    var path = context.Request.Url!.AbsolutePath;
                    lock (Requests)
                    {
                        Requests.Add((path, context.Request.Headers["Authorization"] ?? string.Empty, body));
                    }

                    var count = path == "/findings/import" ? JsonNode.Parse(body)!["Findings"]!.AsArray().Count : 0;
                    var answer = path == "/findings" ? "{\"Findings\":[]}" : $"{{\"FailedCount\":0,\"SuccessCount\":{count},\"FailedFindings\":[]}}";
                    var bytes = Encoding.UTF8.GetBytes(answer);
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
        }

        public Uri Endpoint { get; }

        public List<(string Path, string Authorization, string Body)> Requests { get; } = [];

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}

/// <summary>Runs when tests/tools/install-sarif-multitool.sh has installed the Multitool and ../shared holds GitHub's config.</summary>
public sealed class MultitoolFactAttribute : FactAttribute
{
    public MultitoolFactAttribute()
    {
        if (!File.Exists(Multitool))
        {
            Skip = $"{Multitool} is absent: run tests/tools/install-sarif-multitool.sh to install the SARIF Multitool.";
        }
        else if (!File.Exists(Config))
        {
            Skip = $"{Config} is absent (../shared is present in CI).";
        }
    }

    public static string Multitool => Path.Combine(TestPaths.RepoRoot, ".tools", "sarif-multitool", "package", "Sarif.Multitool");

    public static string Config => Path.Combine(TestPaths.Shared, "tools", "sarif-github.config.xml");
}
