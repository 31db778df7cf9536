using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Scanner.Reporting;

namespace Scanner.Cli.Tests;

/// <summary>
/// scan → import → Security Hub has the findings → scan again with one finding fixed → import → the fixed one is
/// archived; and the raw reports kept in S3 with the findings pointing at them. Against moto_server (moto's Security
/// Hub and S3) on a free 127.0.0.1 port, one server for the class; never against AWS.
/// </summary>
public sealed class SecurityHubMotoTests(MotoServer moto) : CliHarness, IClassFixture<MotoServer>
{
    private const string Account = "123456789012";
    private const string Region = "us-east-1";

    private static string Bucket(string name, bool logging) => $$"""
          {{name}}:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}
        {{(logging ? "      LoggingConfiguration: {DestinationBucketName: central-logs}\n" : string.Empty)}}
        """;

    private Options Aws => new()
    {
        Environment = new()
        {
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.AbsoluteUri,
        },
    };

    private void Scan(string repository, bool fixedLogs)
    {
        Write("stack.yaml", "Resources:\n" + Bucket("Data", logging: false) + Bucket("Logs", logging: fixedLogs));
        var (exit, _, stderr) = RunWith(
            Aws,
            "scan", "stack.yaml", "--fail-on", "none", "-o", "asff=asff.json", "-o", "asff-aggregate=aggregate.json", "-o", "json=report.json",
            "--repo", repository, "--branch", "main", "--aws-account-id", Account, "--region", Region);
        Assert.True(exit == 0, stderr);
    }

    private SecurityHubImporter Hub(HttpClient http) => new(http, new BasicAWSCredentials("testing", "testing"), Region, moto.Endpoint);

    [MotoFact]
    public async Task Findings_are_imported_and_a_fixed_one_is_archived()
    {
        var repository = $"acme/stacks-{Guid.NewGuid():N}";
        Scan(repository, fixedLogs: false);
        var (exit, stdout, stderr) = RunWith(Aws, "securityhub", "import", "asff.json", "aggregate.json", "--endpoint-url", moto.Endpoint.AbsoluteUri, "--region", Region);
        Assert.True(exit == 0, stderr);
        Assert.Contains("archived 0 earlier findings", stdout, StringComparison.Ordinal);

        using var http = new HttpClient();
        var productArn = $"arn:aws:securityhub:{Region}:{Account}:product/{Account}/default";
        var first = await Hub(http).FindingsAsync(productArn, repository, "main", "ACTIVE");
        var logsW35 = first.Single(f => f["Title"]!.GetValue<string>().StartsWith("W35", StringComparison.Ordinal) && f["Resources"]![0]!["Id"]!.GetValue<string>().EndsWith("/Logs", StringComparison.Ordinal));
        Assert.Contains(first, f => f["GeneratorId"]!.GetValue<string>() == "iacscan/aggregate");

        Scan(repository, fixedLogs: true);
        (exit, stdout, stderr) = RunWith(Aws, "securityhub", "import", "asff.json", "aggregate.json", "--endpoint", moto.Endpoint.AbsoluteUri, "--region", Region);
        Assert.True(exit == 0, stderr);
        Assert.Contains("archived 1 earlier finding ", stdout, StringComparison.Ordinal);

        var all = await Hub(http).FindingsAsync(productArn, repository, "main");
        var archived = all.Single(f => f["Id"]!.GetValue<string>() == logsW35["Id"]!.GetValue<string>());
        Assert.Equal("ARCHIVED", archived["RecordState"]!.GetValue<string>());
        Assert.Equal("PASSED", archived["Compliance"]!["Status"]!.GetValue<string>());
        Assert.All(all.Where(f => f != archived), f => Assert.Equal("ACTIVE", f["RecordState"]!.GetValue<string>()));
        Assert.Equal(first.Count, all.Count);
    }

    [MotoFact]
    public async Task Reports_are_kept_in_s3_and_the_findings_point_at_them()
    {
        var repository = $"acme/audit-{Guid.NewGuid():N}";
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config { ServiceURL = moto.Endpoint.AbsoluteUri, ForcePathStyle = true, AuthenticationRegion = Region });
        await s3.PutBucketAsync("iacscan-reports");
        Scan(repository, fixedLogs: false);
        RunWith(Aws, "scan", "stack.yaml", "--fail-on", "none", "-o", "report.sarif");

        var (exit, stdout, stderr) = RunWith(Aws, "securityhub", "import", "asff.json", "aggregate.json", "--region", Region, "--report-bucket", "s3://iacscan-reports/scans", "--report", "report.json", "--report", "report.sarif");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"at s3://iacscan-reports/scans/{repository}/main/", stdout, StringComparison.Ordinal);

        var objects = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "iacscan-reports", Prefix = $"scans/{repository}/main/" });
        Assert.Equal(["report.json", "report.sarif"], objects.S3Objects.Select(o => o.Key.Split('/')[^1]).Order(StringComparer.Ordinal));
        var jsonKey = objects.S3Objects.Single(o => o.Key.EndsWith("report.json", StringComparison.Ordinal)).Key;
        using (var body = await s3.GetObjectAsync("iacscan-reports", jsonKey))
        using (var reader = new StreamReader(body.ResponseStream))
        {
            Assert.Equal(File.ReadAllText(P("report.json")), await reader.ReadToEndAsync());
        }

        using var http = new HttpClient();
        var findings = await Hub(http).FindingsAsync($"arn:aws:securityhub:{Region}:{Account}:product/{Account}/default", repository, "main", "ACTIVE");
        var aggregate = findings.Single(f => f["GeneratorId"]!.GetValue<string>() == "iacscan/aggregate");
        var sourceUrl = aggregate["SourceUrl"]!.GetValue<string>();
        Assert.StartsWith($"{moto.Endpoint.AbsoluteUri}iacscan-reports/scans/", sourceUrl, StringComparison.Ordinal);
        Assert.EndsWith("/report.json", sourceUrl, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Equal(sourceUrl, f["ProductFields"]![$"{ReportArchive.ReportField}/report.json"]!.GetValue<string>()));

        // The link names that object (path-style on the emulator; the object stays private, readers sign in).
        Assert.Equal($"{moto.Endpoint.AbsoluteUri}iacscan-reports/{string.Join('/', jsonKey.Split('/').Select(Uri.EscapeDataString))}", sourceUrl);
    }

    /// <summary>The asff file is exactly what the AWS CLI's batch-import-findings --findings file://… takes.</summary>
    [MotoFact(NeedsAwsCli = true)]
    public void The_asff_file_is_what_the_aws_cli_imports()
    {
        var aws = MotoServer.Find("aws")!;
        Scan($"acme/cli-{Guid.NewGuid():N}", fixedLogs: false);
        foreach (var file in new[] { "asff.json", "aggregate.json" })
        {
            var start = new ProcessStartInfo(aws) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "securityhub", "batch-import-findings", "--findings", $"file://{P(file)}", "--endpoint-url", moto.Endpoint.AbsoluteUri, "--region", Region, "--output", "json" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000));
            Assert.True(process.ExitCode == 0, error.Result);
            var response = JsonNode.Parse(output)!;
            Assert.Equal(0, response["FailedCount"]!.GetValue<int>());
            Assert.Equal(JsonNode.Parse(File.ReadAllText(P(file)))!.AsArray().Count, response["SuccessCount"]!.GetValue<int>());
        }
    }
}

/// <summary>Runs where moto_server is installed (the tests start it themselves).</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (MotoServer.Find("moto_server") is null)
        {
            Skip = "moto_server is not installed (pip install 'moto[server]'): the Security Hub and S3 end-to-end tests need it.";
        }
    }

    /// <summary>Also needs the AWS CLI (aws) on PATH.</summary>
    public bool NeedsAwsCli
    {
        get => false;
        init
        {
            if (value && Skip is null && MotoServer.Find("aws") is null)
            {
                Skip = "the AWS CLI (aws) is not installed: the check that it imports iacscan's ASFF files needs it.";
            }
        }
    }
}

/// <summary>One moto_server on a free 127.0.0.1 port for a test class, stopped with it.</summary>
public sealed class MotoServer : IDisposable
{
    private readonly Process? _process;

    public MotoServer()
    {
        var executable = Find("moto_server");
        if (executable is null)
        {
            Endpoint = new Uri("http://127.0.0.1:1/");
            return;
        }

        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening(port);
    }

    public Uri Endpoint { get; }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }

    /// <summary>An executable on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException("moto_server did not listen within 60 seconds");
    }
}
