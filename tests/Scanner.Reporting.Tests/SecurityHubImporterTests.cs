using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace Scanner.Reporting.Tests;

public sealed class SecurityHubImporterTests
{
    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset Now = new(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);

    private static SecurityHubImporter Importer(FakeSecurityHub hub, HttpClient http) =>
        new(http, Credentials, "eu-west-1", hub.Endpoint, () => Now) { ThrottleDelay = TimeSpan.FromMilliseconds(10) };

    private static List<JsonObject> Findings(int failures, int warnings) =>
        new AsffReportWriter().BuildFindings(SampleScan.WithCounts(failures, warnings), SampleScan.Options).ToList();

    [Fact]
    public async Task Imports_in_signed_batches_of_at_most_100()
    {
        using var hub = new FakeSecurityHub();
        using var http = new HttpClient();
        var summary = await Importer(hub, http).ImportAsync(Findings(180, 70), archiveMissing: false);

        Assert.Equal((250, 0, 3), (summary.Imported, summary.Archived, summary.Requests));
        Assert.Empty(summary.Failures);
        var imports = hub.Imports;
        Assert.Equal([100, 100, 50], imports.Select(r => r.Body["Findings"]!.AsArray().Count));
        foreach (var request in imports)
        {
            Assert.Equal("POST", request.Method);
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20", request.Headers["Authorization"], StringComparison.Ordinal);
            Assert.Contains("/eu-west-1/securityhub/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
            Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date", request.Headers["Authorization"], StringComparison.Ordinal);
            Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", request.Headers["X-Amz-Date"]);
            Assert.Equal("application/json", request.Headers["Content-Type"]);
        }
    }

    [Fact]
    public async Task Asks_for_earlier_findings_of_the_repository_and_archives_the_ones_gone()
    {
        using var hub = new FakeSecurityHub();
        var current = Findings(2, 1);
        var kept = (JsonObject)current[0].DeepClone();
        kept["CreatedAt"] = "2025-12-01T00:00:00.000Z";
        kept["UpdatedAt"] = "2025-12-01T00:00:00.000Z";
        kept["Workflow"] = new JsonObject { ["Status"] = "NOTIFIED" };
        var gone = Findings(5, 0)[4];
        gone["Workflow"] = new JsonObject { ["Status"] = "NEW" };
        gone["Note"] = new JsonObject { ["Text"] = "customer note", ["UpdatedBy"] = "me", ["UpdatedAt"] = "2025-12-01T00:00:00.000Z" };
        var goneToo = Findings(0, 3)[2];
        var aggregate = new AsffAggregateReportWriter().BuildFindings(SampleScan.WithCounts(9, 9), SampleScan.Options)[0];
        hub.Existing.AddRange([kept, gone, aggregate, goneToo]);

        using var http = new HttpClient();
        var summary = await Importer(hub, http).ImportAsync(current);

        Assert.Equal((3, 2), (summary.Imported, summary.Archived));
        var queries = hub.Requests.Where(r => r.Path == "/findings").ToList();
        Assert.Equal(2, queries.Count); // two pages
        Assert.DoesNotContain(hub.Imports.SelectMany(r => r.Body["Findings"]!.AsArray()), f => (string)f!["Id"]! == (string)aggregate["Id"]!);
        var filters = queries[0].Body["Filters"]!;
        Assert.Equal("acme/infra", (string)filters["ProductFields"]![0]!["Value"]!);
        Assert.Equal("main", (string)filters["ProductFields"]![1]!["Value"]!);
        Assert.Equal("ACTIVE", (string)filters["RecordState"]![0]!["Value"]!);
        Assert.Equal("iacscan/", (string)filters["GeneratorId"]![0]!["Value"]!);
        Assert.Equal("PREFIX", (string)filters["GeneratorId"]![0]!["Comparison"]!);
        Assert.Equal("2", (string)queries[1].Body["NextToken"]!);
        Assert.All(queries, q => Assert.True(q.Headers.ContainsKey("Authorization")));

        var sent = Assert.Single(hub.Imports).Body["Findings"]!.AsArray().Select(f => f!.AsObject()).ToList();
        var stillThere = sent.Single(f => (string)f["Id"]! == (string)kept["Id"]!);
        Assert.Equal("2025-12-01T00:00:00.000Z", (string)stillThere["CreatedAt"]!);
        Assert.Equal("2026-02-03T04:05:06.000Z", (string)stillThere["UpdatedAt"]!);
        Assert.Equal("ACTIVE", (string)stillThere["RecordState"]!);

        var archived = sent.Where(f => (string)f["RecordState"]! == "ARCHIVED").ToList();
        Assert.Equal([(string)gone["Id"]!, (string)goneToo["Id"]!], archived.Select(f => (string)f["Id"]!));
        Assert.All(archived, f =>
        {
            Assert.Equal("PASSED", (string)f["Compliance"]!["Status"]!);
            Assert.Equal("2026-02-03T04:05:06.000Z", (string)f["UpdatedAt"]!);
            Assert.Null(f["Workflow"]);
            Assert.Null(f["Note"]);
            Assert.Empty(AsffLimits.Validate(f));
        });
    }

    [Fact]
    public async Task Retries_throttled_calls_and_reports_rejected_findings()
    {
        using var hub = new FakeSecurityHub { ThrottleFirst = 2 };
        var findings = Findings(1, 1);
        hub.RejectIds.Add((string)findings[1]["Id"]!);
        using var http = new HttpClient();
        var summary = await Importer(hub, http).ImportAsync(findings, archiveMissing: false);

        Assert.Equal(3, hub.Imports.Count);
        var failure = Assert.Single(summary.Failures);
        Assert.Contains("InvalidInput", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_server_errors_with_backoff_and_gives_up_with_the_last_answer()
    {
        using var hub = new FakeSecurityHub { UnavailableFirst = 2 };
        using var http = new HttpClient();
        var summary = await Importer(hub, http).ImportAsync(Findings(1, 0), archiveMissing: false);
        Assert.Equal(3, hub.Imports.Count);
        Assert.Empty(summary.Failures);

        using var down = new FakeSecurityHub { UnavailableFirst = 100 };
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Importer(down, http).ImportAsync(Findings(1, 0), archiveMissing: false));
        Assert.Contains("returned 503 after 6 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, down.Imports.Count);
    }

    [Theory]
    [InlineData("2026-11-24T00:00:00Z", true)]
    [InlineData("2026-11-24T00:00:00.1Z", true)]
    [InlineData("2026-11-24T00:00:00.123456Z", true)]
    [InlineData("2026-11-24T01:00:00+01:00", true)]
    [InlineData("2026-11-24 00:00:00Z", false)]
    [InlineData("2026-11-24T00:00:00", false)]
    [InlineData("2026-13-24T00:00:00Z", false)]
    public void Any_rfc_3339_timestamp_is_accepted(string timestamp, bool valid)
    {
        var finding = Findings(1, 0)[0];
        finding["CreatedAt"] = timestamp;
        finding["UpdatedAt"] = timestamp;
        Assert.Equal(valid, AsffLimits.Validate(finding).Count == 0);
    }

    [Fact]
    public async Task Invalid_findings_are_refused_before_anything_is_sent()
    {
        using var hub = new FakeSecurityHub();
        var findings = Findings(1, 0);
        findings[0].Remove("Resources");
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer(hub, http).ImportAsync(findings));
        Assert.Contains("missing required field Resources", error.Message, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task A_clean_scan_closes_every_earlier_finding_of_the_branch()
    {
        using var hub = new FakeSecurityHub();
        hub.Existing.AddRange(Findings(2, 2));
        var clean = new AsffAggregateReportWriter().BuildFindings(SampleScan.WithCounts(0, 0), SampleScan.Options).ToList();
        using var http = new HttpClient();
        var summary = await Importer(hub, http).ImportAsync(clean);
        Assert.Equal((1, 4), (summary.Imported, summary.Archived));

        // Only the aggregate of a scan with findings: the per-issue findings stay as they are.
        using var second = new FakeSecurityHub();
        second.Existing.AddRange(Findings(2, 2));
        var dirty = new AsffAggregateReportWriter().BuildFindings(SampleScan.WithCounts(2, 2), SampleScan.Options).ToList();
        Assert.Equal(0, (await Importer(second, http).ImportAsync(dirty)).Archived);
    }

    [Fact]
    public async Task Signatures_verify_with_an_independent_SigV4_computation()
    {
        using var hub = new FakeSecurityHub();
        hub.Existing.AddRange(Findings(0, 1));
        using var http = new HttpClient();
        await Importer(hub, http).ImportAsync(Findings(3, 0));
        Assert.Equal(2, hub.Requests.Count);
        foreach (var request in hub.Requests)
        {
            Assert.Equal(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(request.RawBody))), request.Headers["X-Amz-Content-SHA256"]);
            Assert.Equal(ExpectedAuthorization(request), request.Headers["Authorization"]);
        }
    }

    /// <summary>SigV4 written from the AWS specification, to check the SDK signer's output on the wire.</summary>
    private static string ExpectedAuthorization(RecordedRequest request)
    {
        var authorization = request.Headers["Authorization"];
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0];
        var amzDate = request.Headers["X-Amz-Date"];
        var date = amzDate[..8];
        var canonicalHeaders = string.Concat(signedHeaders.Split(';').Select(h => $"{h}:{request.Headers[h].Trim()}\n"));
        var canonicalRequest = $"{request.Method}\n{request.Path}\n\n{canonicalHeaders}\n{signedHeaders}\n{request.Headers["X-Amz-Content-SHA256"]}";
        var scope = $"{date}/eu-west-1/securityhub/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + Credentials.GetCredentials().SecretKey);
        foreach (var part in new[] { date, "eu-west-1", "securityhub", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void Reads_report_arrays_and_import_request_bodies()
    {
        using var temp = new TempDirectory();
        var array = Path.Combine(temp.Path, "array.json");
        var wrapped = Path.Combine(temp.Path, "wrapped.json");
        var findings = Findings(2, 0);
        File.WriteAllText(array, new JsonArray(findings.Select(f => (JsonNode)f.DeepClone()).ToArray()).ToJsonString());
        File.WriteAllText(wrapped, new JsonObject { ["Findings"] = new JsonArray(findings.Select(f => (JsonNode)f.DeepClone()).ToArray()) }.ToJsonString());
        Assert.Equal(2, SecurityHubImporter.ReadFindings(array).Count);
        Assert.Equal(2, SecurityHubImporter.ReadFindings(wrapped).Count);
        File.WriteAllText(array, "{\"Other\": 1}");
        Assert.Throws<InvalidDataException>(() => SecurityHubImporter.ReadFindings(array));
    }
}
