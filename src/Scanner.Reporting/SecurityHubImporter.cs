using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Scanner.Reporting;

/// <summary>What an import did, for the command's output and the exit code.</summary>
public sealed record SecurityHubImportSummary(int Imported, int Archived, int Requests, IReadOnlyList<string> Failures);

/// <summary>
/// Sends ASFF findings to Security Hub's BatchImportFindings (<c>POST /findings/import</c>, at most 100 per call),
/// signed with AWSSDK.Core's standalone SigV4 signer. Before importing it asks GetFindings (<c>POST /findings</c>)
/// for this repository and branch's ACTIVE iacscan findings: those still reported keep their CreatedAt (first
/// detection), those no longer reported are re-imported as ARCHIVED with Compliance PASSED, which closes them.
/// </summary>
public sealed class SecurityHubImporter
{
    private const string Service = "securityhub";
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _http;
    private readonly AWSCredentials _credentials;
    private readonly string _region;
    private readonly Uri _endpoint;
    private readonly Func<DateTimeOffset> _clock;

    public SecurityHubImporter(HttpClient http, AWSCredentials credentials, string region, Uri? endpoint = null, Func<DateTimeOffset>? clock = null)
    {
        _http = http;
        _credentials = credentials;
        _region = region;
        _endpoint = endpoint ?? DefaultEndpoint(region);
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>The first wait before retrying a throttled (429) or failed (5xx) call; it doubles each time. Tests shorten it.</summary>
    public TimeSpan ThrottleDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times one call is tried before its error is reported.</summary>
    public int MaxAttempts { get; init; } = 6;

    public static Uri DefaultEndpoint(string region) =>
        new(region.StartsWith("cn-", StringComparison.Ordinal)
            ? $"https://securityhub.{region}.amazonaws.com.cn/"
            : $"https://securityhub.{region}.amazonaws.com/");

    /// <summary>Reads findings from a report file: a JSON array (iacscan's asff formats) or {"Findings":[…]}.</summary>
    public static IReadOnlyList<JsonObject> ReadFindings(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path));
        var array = node switch
        {
            JsonArray a => a,
            JsonObject o when o["Findings"] is JsonArray a => a,
            _ => throw new InvalidDataException($"{path}: expected a JSON array of ASFF findings or {{\"Findings\":[…]}}."),
        };
        return array.Select((f, i) => f as JsonObject ?? throw new InvalidDataException($"{path}: entry {i} is not a JSON object.")).ToArray();
    }

    public async Task<SecurityHubImportSummary> ImportAsync(IReadOnlyList<JsonObject> findings, bool archiveMissing = true, CancellationToken cancellationToken = default)
    {
        var problems = findings.SelectMany(AsffLimits.Validate).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidDataException("Invalid ASFF findings, nothing was sent:\n  " + string.Join("\n  ", problems));
        }

        var now = _clock();
        var requests = 0;
        var toImport = findings.Select(f => (JsonObject)f.DeepClone()).ToList();
        var toArchive = new List<JsonObject>();
        if (archiveMissing)
        {
            var ids = toImport.Select(f => f["Id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var scope in toImport.Select(Scope).Where(s => s is not null).Distinct())
            {
                var (existing, calls) = await FindingsAsync(scope!.Value, "ACTIVE", cancellationToken).ConfigureAwait(false);
                requests += calls;
                var byId = existing.ToDictionary(e => e["Id"]!.GetValue<string>(), StringComparer.Ordinal);
                foreach (var finding in toImport)
                {
                    if (byId.TryGetValue(finding["Id"]!.GetValue<string>(), out var previous))
                    {
                        finding["CreatedAt"] = previous["CreatedAt"]?.DeepClone() ?? finding["CreatedAt"]!.DeepClone();
                        finding["UpdatedAt"] = AsffLimits.Timestamp(Later(now, previous));
                    }
                }

                var kinds = ArchivableKinds(toImport.Where(f => Scope(f) == scope));
                toArchive.AddRange(existing
                    .Where(e => !ids.Contains(e["Id"]!.GetValue<string>()) && kinds.Contains(Kind(e)))
                    .Select(e => Archived(e, Later(now, e))));
            }
        }

        var failures = new List<string>();
        foreach (var batch in toImport.Concat(toArchive).Chunk(AsffLimits.MaxFindingsPerBatch))
        {
            var body = new JsonObject { ["Findings"] = new JsonArray(batch.Select(f => (JsonNode)f.DeepClone()).ToArray()) };
            var response = await SendAsync("findings/import", body, cancellationToken).ConfigureAwait(false);
            requests++;
            foreach (var failed in response["FailedFindings"]?.AsArray() ?? [])
            {
                failures.Add($"{failed?["Id"]}: {failed?["ErrorCode"]} {failed?["ErrorMessage"]}");
            }
        }

        return new SecurityHubImportSummary(toImport.Count, toArchive.Count, requests, failures);
    }

    private const string AggregateKind = "aggregate";
    private const string IssueKind = "issue";

    private static string Kind(JsonObject finding) =>
        finding["GeneratorId"]?.GetValue<string>() == AsffContext.GeneratorPrefix + AggregateKind ? AggregateKind : IssueKind;

    /// <summary>
    /// Which kinds of earlier findings this import replaces: importing only the aggregate must not close the
    /// per-issue findings (and the reverse), except that an aggregate of a clean scan proves they are all gone,
    /// which is the only way to learn it, since a clean scan's asff file is empty.
    /// </summary>
    private static HashSet<string> ArchivableKinds(IEnumerable<JsonObject> imported)
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in imported)
        {
            kinds.Add(Kind(finding));
            if (Kind(finding) == AggregateKind
                && finding["ProductFields"]?["iacscan/Failures"]?.GetValue<string>() == "0"
                && finding["ProductFields"]?["iacscan/Warnings"]?.GetValue<string>() == "0")
            {
                kinds.Add(IssueKind);
            }
        }

        return kinds;
    }

    /// <summary>The repository and branch a finding belongs to (only iacscan findings have one).</summary>
    private static (string ProductArn, string Repository, string Branch)? Scope(JsonObject finding)
    {
        var fields = finding["ProductFields"] as JsonObject;
        if (Text(fields?[AsffContext.RepositoryField]) is { } repo && Text(fields?[AsffContext.BranchField]) is { } branch && Text(finding["ProductArn"]) is { } arn)
        {
            return (arn, repo, branch);
        }

        return null;
    }

    /// <summary>This repository and branch's iacscan findings in Security Hub (all pages), in one record state or all.</summary>
    public async Task<IReadOnlyList<JsonObject>> FindingsAsync(string productArn, string repository, string branch, string? recordState = null, CancellationToken cancellationToken = default) =>
        (await FindingsAsync((productArn, repository, branch), recordState, cancellationToken).ConfigureAwait(false)).Findings;

    private async Task<(List<JsonObject> Findings, int Calls)> FindingsAsync((string ProductArn, string Repository, string Branch) scope, string? recordState, CancellationToken cancellationToken)
    {
        var found = new List<JsonObject>();
        string? next = null;
        var calls = 0;
        do
        {
            var filters = new JsonObject
            {
                ["ProductArn"] = new JsonArray(StringFilter(scope.ProductArn, "EQUALS")),
                ["GeneratorId"] = new JsonArray(StringFilter(AsffContext.GeneratorPrefix, "PREFIX")),
                ["ProductFields"] = new JsonArray(
                    new JsonObject { ["Key"] = AsffContext.RepositoryField, ["Value"] = scope.Repository, ["Comparison"] = "EQUALS" },
                    new JsonObject { ["Key"] = AsffContext.BranchField, ["Value"] = scope.Branch, ["Comparison"] = "EQUALS" }),
            };
            if (recordState is not null)
            {
                filters["RecordState"] = new JsonArray(StringFilter(recordState, "EQUALS"));
            }

            var request = new JsonObject { ["Filters"] = filters, ["MaxResults"] = 100 };
            if (next is not null)
            {
                request["NextToken"] = next;
            }

            var response = await SendAsync("findings", request, cancellationToken).ConfigureAwait(false);
            calls++;

            // The filters are checked again here: an endpoint that ignores some of them (a local emulator) must not
            // make this import archive another repository's findings, or archive again what is archived.
            found.AddRange((response["Findings"]?.AsArray() ?? []).OfType<JsonObject>()
                .Where(f => Scope(f) == scope && (recordState is null || Text(f["RecordState"]) == recordState))
                .Select(f => (JsonObject)f.DeepClone()));
            next = Text(response["NextToken"]);
        }
        while (!string.IsNullOrEmpty(next));

        return (found, calls);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonObject StringFilter(string value, string comparison) => new() { ["Value"] = value, ["Comparison"] = comparison };

    /// <summary>
    /// A closing copy of an earlier finding. Only provider-owned fields are sent: Workflow, Note and the like
    /// belong to the customer and an import may not change them.
    /// </summary>
    private static JsonObject Archived(JsonObject previous, DateTimeOffset updatedAt)
    {
        var archived = new JsonObject();
        foreach (var field in new[] { "SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt", "Severity", "Title", "Description", "Resources", "ProductFields", "FindingProviderFields", "Remediation", "SourceUrl" })
        {
            if (previous[field] is { } value)
            {
                archived[field] = value.DeepClone();
            }
        }

        archived["UpdatedAt"] = AsffLimits.Timestamp(updatedAt);
        archived["RecordState"] = "ARCHIVED";
        archived["Compliance"] = new JsonObject { ["Status"] = "PASSED" };
        return archived;
    }

    /// <summary>Security Hub ignores an import whose UpdatedAt is not later than the stored one.</summary>
    private static DateTimeOffset Later(DateTimeOffset now, JsonObject previous)
    {
        if (previous["UpdatedAt"] is JsonValue stamp
            && DateTimeOffset.TryParse(stamp.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stored)
            && stored >= now)
        {
            return stored.AddMilliseconds(1);
        }

        return now;
    }

    /// <summary>Throttling (429, or a 400 ThrottlingException / TooManyRequestsException) and server errors (5xx) are worth another try.</summary>
    private static bool IsRetryable(HttpStatusCode status, string body) =>
        status == HttpStatusCode.TooManyRequests
        || (int)status >= 500
        || (status == HttpStatusCode.BadRequest && (body.Contains("Throttling", StringComparison.Ordinal) || body.Contains("TooManyRequests", StringComparison.Ordinal)));

    /// <summary>Exponential backoff with jitter (the first delay, doubled per attempt, plus up to half of it), or what Retry-After asks.</summary>
    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        if (retryAfter?.Delta is { } asked && asked > TimeSpan.Zero && asked < TimeSpan.FromMinutes(1))
        {
            return asked;
        }

        var delay = ThrottleDelay * Math.Pow(2, attempt - 1);
        return delay + (delay * Random.Shared.NextDouble() / 2);
    }

    private async Task<JsonObject> SendAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_endpoint, path);
        var payload = Encoding.UTF8.GetBytes(body.ToJsonString(Compact));
        for (var attempt = 1; ; attempt++)
        {
            var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = uri, Content = payload };
            signing.Headers["Content-Type"] = "application/json";
            var signed = await AWSSigV4Signer.SignAsync(
                signing,
                new AWSSigV4Parameters { Credentials = _credentials, Region = RegionEndpoint.GetBySystemName(_region), Service = Service },
                cancellationToken).ConfigureAwait(false);

            using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(payload) };

            // Must be exactly the signed value (StringContent would add "; charset=utf-8").
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (key, value) in signed.Headers)
            {
                message.Headers.TryAddWithoutValidation(key, value);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                // The connection failed (reset, refused while the service restarts): the same backoff as a 5xx.
                await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using var _ = response;
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (IsRetryable(response.StatusCode, text) && attempt < MaxAttempts)
            {
                await Task.Delay(Backoff(attempt, response.Headers.RetryAfter), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"Security Hub {path} returned {(int)response.StatusCode} after {attempt} {(attempt == 1 ? "attempt" : "attempts")}: {text}", null, response.StatusCode);
            }

            return JsonNode.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text) as JsonObject ?? [];
        }
    }
}
