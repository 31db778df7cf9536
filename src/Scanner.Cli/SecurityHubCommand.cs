using System.CommandLine;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary>
/// <c>iacscan securityhub import FILE…</c>: sends asff/asff-aggregate reports to Security Hub and archives this
/// repository and branch's earlier findings that the new reports no longer contain; with <c>--report-bucket</c> it
/// first keeps the raw reports in S3 and links the findings to them.
/// </summary>
internal static class SecurityHubCommand
{
    public static Command Build(CliConsole console, string cwd, CommandHelp help)
    {
        var files = new Argument<string[]>("FILE") { Description = "ASFF files: JSON arrays of findings, as written by --output asff=FILE and taken by 'aws securityhub batch-import-findings --findings file://FILE' ({\"Findings\": [...]} is read too).", Arity = ArgumentArity.OneOrMore };
        var endpoint = new Option<string?>("--endpoint-url", "--endpoint") { HelpName = "URL", Description = "Security Hub endpoint; default AWS_ENDPOINT_URL_SECURITYHUB or AWS_ENDPOINT_URL, else https://securityhub.REGION.amazonaws.com." };
        var region = new Option<string?>("--region") { HelpName = "REGION", Description = "AWS region; default AWS_REGION, else the region of the findings' ProductArn." };
        var noArchive = new Option<bool>("--no-archive") { Description = "Do not archive earlier findings of the same repository and branch." };
        var reportBucket = new Option<string?>("--report-bucket") { HelpName = "s3://BUCKET/PREFIX", Description = "Keep the --report files in S3 under PREFIX/REPOSITORY/BRANCH/CREATED-AT/ and link the findings to them (S3 endpoint: AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, else AWS)." };
        var reports = new Option<string[]>("--report") { HelpName = "FILE", Description = "A raw report (JSON, SARIF, …) to keep with --report-bucket (repeatable); the first is the aggregate finding's SourceUrl." };

        var import = new Command("import", "Import findings with BatchImportFindings (100 per request, retried with backoff), signed with SigV4.") { files, endpoint, region, noArchive, reportBucket, reports };
        import.SetAction(parse => Import(
            console,
            cwd,
            parse.GetValue(files) ?? [],
            parse.GetValue(endpoint),
            parse.GetValue(region),
            !parse.GetValue(noArchive),
            parse.GetValue(reportBucket),
            parse.GetValue(reports) ?? []));

        help.Document(
            import,
            [
                "iacscan scan . -o asff=asff.json -o asff-aggregate=aggregate.json && iacscan securityhub import asff*.json aggregate.json",
                "iacscan securityhub import asff.json aggregate.json --report-bucket s3://audit-bucket/iacscan --report report.json --report report.sarif",
            ],
            [
                new(ExitCodes.Success, "every finding was imported"),
                new(ExitCodes.Findings, "Security Hub rejected findings (listed on standard error)"),
                new(ExitCodes.UsageError, "usage error, unreadable or invalid ASFF file, no credentials, or a service that could not be reached"),
            ]);
        var securityHub = new Command("securityhub", "Send scan findings to AWS Security Hub.") { import };
        help.Document(securityHub, [], [new(ExitCodes.UsageError, "no subcommand given")]);
        return securityHub;
    }

    private static int Import(CliConsole console, string cwd, string[] files, string? endpoint, string? region, bool archiveMissing, string? reportBucket, string[] reports)
    {
        var findings = new List<JsonObject>();
        foreach (var file in files)
        {
            var path = Path.GetFullPath(file, cwd);
            if (!File.Exists(path))
            {
                throw new UsageException($"{file}: no such file");
            }

            try
            {
                findings.AddRange(SecurityHubImporter.ReadFindings(path));
            }
            catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{file}: {ex.Message}");
            }
        }

        var bucket = reportBucket is null ? null : S3Location.Parse(reportBucket) ?? throw new UsageException($"--report-bucket '{reportBucket}' is not s3://BUCKET[/PREFIX]");
        if (bucket is null && reports.Length > 0)
        {
            throw new UsageException("--report needs --report-bucket (where to keep the reports)");
        }

        var reportFiles = reports.Select(r => Path.GetFullPath(r, cwd)).ToList();
        if (reportFiles.FirstOrDefault(r => !File.Exists(r)) is { } missing)
        {
            throw new UsageException($"{Path.GetRelativePath(cwd, missing)}: no such report file");
        }

        var env = console.Environment;
        var regionName = region
            ?? NonEmpty(env("AWS_REGION")) ?? NonEmpty(env("AWS_DEFAULT_REGION"))
            ?? findings.Select(f => Text(f["ProductArn"])?.Split(':')).FirstOrDefault(p => p is { Length: > 3 })?[3]
            ?? throw new UsageException("no region: pass --region or set AWS_REGION");
        var hubEndpoint = Url(endpoint ?? NonEmpty(env("AWS_ENDPOINT_URL_SECURITYHUB")) ?? NonEmpty(env("AWS_ENDPOINT_URL")), "--endpoint-url");
        var s3Endpoint = Url(NonEmpty(env("AWS_ENDPOINT_URL_S3")) ?? NonEmpty(env("AWS_ENDPOINT_URL")), "AWS_ENDPOINT_URL_S3");

        AWSCredentials credentials;
        try
        {
            credentials = Credentials(env);
        }
        catch (AmazonClientException ex)
        {
            console.Error.WriteLine($"iacscan: no AWS credentials for Security Hub: {ex.Message}");
            return ExitCodes.UsageError;
        }

        try
        {
            if (bucket is not null && reportFiles.Count > 0)
            {
                var archive = ReportArchive.Create(credentials, regionName, bucket, s3Endpoint);
                var scope = findings.Select(f => f["ProductFields"] as JsonObject).FirstOrDefault(p => Text(p?[AsffContext.RepositoryField]) is not null);
                var folder = archive.Folder(
                    Text(scope?[AsffContext.RepositoryField]) ?? "unknown",
                    Text(scope?[AsffContext.BranchField]) ?? "unknown",
                    DateTimeOffset.UtcNow);
                var archived = archive.UploadAsync(reportFiles, folder).GetAwaiter().GetResult();
                ReportArchive.Link(findings, archived);
                foreach (var report in archived)
                {
                    console.Out.WriteLine($"Kept {Path.GetFileName(report.File)} at s3://{bucket.Bucket}/{report.Key}");
                }
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var importer = new SecurityHubImporter(http, credentials, regionName, hubEndpoint);
            var summary = importer.ImportAsync(findings, archiveMissing).GetAwaiter().GetResult();
            console.Out.WriteLine($"Imported {summary.Imported} {(summary.Imported == 1 ? "finding" : "findings")}, archived {summary.Archived} earlier {(summary.Archived == 1 ? "finding" : "findings")} ({summary.Requests} requests).");
            foreach (var failure in summary.Failures)
            {
                console.Error.WriteLine($"iacscan: Security Hub rejected {failure}");
            }

            return summary.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Findings;
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or AmazonServiceException or AmazonClientException)
        {
            console.Error.WriteLine($"iacscan: {ex.Message}");
            return ExitCodes.UsageError;
        }
    }

    /// <summary>Credentials from the console's environment when it holds keys, else the AWS default chain (profile, web identity, container, EC2).</summary>
    private static AWSCredentials Credentials(Func<string, string?> env)
    {
        if (NonEmpty(env("AWS_ACCESS_KEY_ID")) is { } key && NonEmpty(env("AWS_SECRET_ACCESS_KEY")) is { } secret)
        {
            return NonEmpty(env("AWS_SESSION_TOKEN")) is { } token ? new SessionAWSCredentials(key, secret, token) : new BasicAWSCredentials(key, secret);
        }

        return DefaultAWSCredentialsIdentityResolver.GetCredentials();
    }

    private static Uri? Url(string? value, string what)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? url
            : throw new UsageException($"{what} '{value}' is not an absolute http(s) URL");
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
