using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Scanner.Reporting.Tests;

/// <summary>One request as the fake Security Hub received it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, JsonObject Body, string RawBody);

/// <summary>
/// A loopback stand-in for Security Hub's REST API (HttpListener on 127.0.0.1): records every request, answers
/// GetFindings from <see cref="Existing"/> (two findings per page, to exercise NextToken) and BatchImportFindings
/// with success, or with a throttle for the first <see cref="ThrottleFirst"/> calls.
/// </summary>
public sealed class FakeSecurityHub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _throttled;

    public FakeSecurityHub()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Findings GetFindings returns (as Security Hub would: full ASFF with customer-owned fields).</summary>
    public List<JsonObject> Existing { get; } = [];

    public int ThrottleFirst { get; set; }

    /// <summary>Answer the first this-many import calls with 503 Service Unavailable.</summary>
    public int UnavailableFirst { get; set; }

    private int _unavailable;

    /// <summary>Ids BatchImportFindings reports as failed.</summary>
    public HashSet<string> RejectIds { get; } = [];

    public IReadOnlyList<RecordedRequest> Imports => Requests.Where(r => r.Path == "/findings/import").ToList();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }

            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, path, headers, JsonNode.Parse(body) as JsonObject ?? [], body));

            var (status, response) = Answer(path, JsonNode.Parse(body) as JsonObject ?? []);
            var bytes = Encoding.UTF8.GetBytes(response.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private (int Status, JsonObject Body) Answer(string path, JsonObject request)
    {
        if (path == "/findings")
        {
            var start = request["NextToken"] is JsonValue token ? int.Parse(token.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : 0;
            var page = Existing.Skip(start).Take(2).Select(f => (JsonNode)f.DeepClone()).ToArray();
            var response = new JsonObject { ["Findings"] = new JsonArray(page) };
            if (start + 2 < Existing.Count)
            {
                response["NextToken"] = (start + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return (200, response);
        }

        if (path == "/findings/import")
        {
            if (Interlocked.Increment(ref _unavailable) <= UnavailableFirst)
            {
                return (503, new JsonObject { ["message"] = "Service Unavailable" });
            }

            if (Interlocked.Increment(ref _throttled) <= ThrottleFirst)
            {
                return (429, new JsonObject { ["message"] = "Rate exceeded" });
            }

            var findings = request["Findings"]!.AsArray();
            var failed = findings.Where(f => RejectIds.Contains((string)f!["Id"]!))
                .Select(f => (JsonNode)new JsonObject { ["Id"] = (string)f!["Id"]!, ["ErrorCode"] = "InvalidInput", ["ErrorMessage"] = "rejected by the test" })
                .ToArray();
            return (200, new JsonObject { ["FailedCount"] = failed.Length, ["SuccessCount"] = findings.Count - failed.Length, ["FailedFindings"] = new JsonArray(failed) });
        }

        return (404, new JsonObject { ["message"] = "not found" });
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by its listener being closed.
        }

        _stop.Dispose();
    }
}
