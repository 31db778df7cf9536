using System.CommandLine;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary>
/// <c>iacscan securityhub import FILE…</c>: sends asff/asff-aggregate reports to Security Hub and archives this
/// repository and branch's earlier findings that the new reports no longer contain.
/// </summary>
internal static class SecurityHubCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, string cwd, CommandHelp help)
    {
        var files = new Argument<string[]>("FILE") { Description = "ASFF report files (JSON arrays of findings, as written by --output asff=FILE).", Arity = ArgumentArity.OneOrMore };
        var endpoint = new Option<string?>("--endpoint") { HelpName = "URL", Description = "Security Hub endpoint URL; default https://securityhub.REGION.amazonaws.com." };
        var region = new Option<string?>("--region") { HelpName = "REGION", Description = "AWS region; default AWS_REGION, else the region of the findings' ProductArn." };
        var noArchive = new Option<bool>("--no-archive") { Description = "Do not archive earlier findings of the same repository and branch." };

        var import = new Command("import", "Import findings with BatchImportFindings (100 per request), signed with SigV4.") { files, endpoint, region, noArchive };
        import.SetAction(parse =>
        {
            var findings = new List<JsonObject>();
            foreach (var file in parse.GetValue(files) ?? [])
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
                catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException)
                {
                    throw new UsageException($"{file}: {ex.Message}");
                }
            }

            var regionName = parse.GetValue(region)
                ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
                ?? findings.Select(f => f["ProductArn"]?.GetValue<string>().Split(':')).FirstOrDefault(p => p is { Length: > 3 })?[3]
                ?? throw new UsageException("no region: pass --region or set AWS_REGION");

            Uri? endpointUri = null;
            if (parse.GetValue(endpoint) is { } e && !Uri.TryCreate(e.EndsWith('/') ? e : e + "/", UriKind.Absolute, out endpointUri))
            {
                throw new UsageException($"--endpoint '{e}' is not an absolute URL");
            }

            AWSCredentials credentials;
            try
            {
                // The AWS default chain: environment, profile, web identity, CodeBuild/ECS container credentials, EC2.
                credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
            catch (AmazonClientException ex)
            {
                stderr.WriteLine($"iacscan: no AWS credentials for Security Hub: {ex.Message}");
                return ExitCodes.UsageError;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var importer = new SecurityHubImporter(http, credentials, regionName, endpointUri);
            try
            {
                var summary = importer.ImportAsync(findings, archiveMissing: !parse.GetValue(noArchive)).GetAwaiter().GetResult();
                stdout.WriteLine($"Imported {summary.Imported} {(summary.Imported == 1 ? "finding" : "findings")}, archived {summary.Archived} earlier {(summary.Archived == 1 ? "finding" : "findings")} ({summary.Requests} requests).");
                foreach (var failure in summary.Failures)
                {
                    stderr.WriteLine($"iacscan: Security Hub rejected {failure}");
                }

                return summary.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Findings;
            }
            catch (InvalidDataException ex)
            {
                throw new UsageException(ex.Message);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                stderr.WriteLine($"iacscan: {ex.Message}");
                return ExitCodes.UsageError;
            }
        });

        help.Document(
            import,
            ["iacscan scan . -o asff=asff.json -o asff-aggregate=aggregate.json && iacscan securityhub import asff*.json aggregate.json"],
            [
                new(ExitCodes.Success, "every finding was imported"),
                new(ExitCodes.Findings, "Security Hub rejected findings (listed on standard error)"),
                new(ExitCodes.UsageError, "usage error, unreadable or invalid ASFF file, no credentials, or the service could not be reached"),
            ]);
        return new Command("securityhub", "Send scan findings to AWS Security Hub.") { import };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
