using System.Globalization;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Scanner.Reporting;

/// <summary>An S3 location given as <c>s3://BUCKET/PREFIX</c>.</summary>
public sealed record S3Location(string Bucket, string Prefix)
{
    public static S3Location? Parse(string text)
    {
        if (!text.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        return bucket.Length is >= 3 and <= 63 && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
            ? new S3Location(bucket, prefix)
            : null;
    }
}

/// <summary>One report kept in the archive, and where a browser finds it.</summary>
public sealed record ArchivedReport(string File, string Key, Uri Url);

/// <summary>
/// Keeps the raw scan reports for audit, as the pipeline iacscan replaces did: each import uploads the given reports
/// to <c>PREFIX/REPOSITORY/BRANCH/CREATED-AT/NAME</c> with AWSSDK.S3, and the Security Hub findings point at them
/// (the aggregate finding's <c>SourceUrl</c>, every finding's <c>ProductFields</c>).
/// </summary>
public sealed class ReportArchive(IAmazonS3 s3, S3Location location, Uri objectBaseUrl)
{
    public const string ReportField = "iacscan/Report";

    /// <summary>A client for AWS (the region's endpoint) or for an S3-compatible endpoint (path-style addressing).</summary>
    public static ReportArchive Create(AWSCredentials credentials, string region, S3Location location, Uri? endpoint)
    {
        var config = new AmazonS3Config { AuthenticationRegion = region };
        Uri baseUrl;
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.ForcePathStyle = true;
            baseUrl = new Uri($"{endpoint.AbsoluteUri.TrimEnd('/')}/{location.Bucket}/");
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
            baseUrl = new Uri($"https://{location.Bucket}.s3.{region}.{domain}/");
        }

        return new ReportArchive(new AmazonS3Client(credentials, config), location, baseUrl);
    }

    /// <summary>The key prefix of one scan: PREFIX/REPOSITORY/BRANCH/CREATED-AT/.</summary>
    public string Folder(string repository, string branch, DateTimeOffset createdAt) =>
        string.Join('/', new[] { location.Prefix, repository, branch, createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) }
            .Where(p => p.Length > 0)
            .Select(p => p.Trim('/'))) + "/";

    public async Task<IReadOnlyList<ArchivedReport>> UploadAsync(IEnumerable<string> files, string folder, CancellationToken cancellationToken = default)
    {
        var archived = new List<ArchivedReport>();
        foreach (var file in files)
        {
            var key = folder + Path.GetFileName(file);
            await s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = location.Bucket,
                    Key = key,
                    FilePath = file,
                    ContentType = ContentType(file),
                },
                cancellationToken).ConfigureAwait(false);
            archived.Add(new ArchivedReport(file, key, new Uri(objectBaseUrl, string.Join('/', key.Split('/').Select(Uri.EscapeDataString)))));
        }

        return archived;
    }

    /// <summary>
    /// Points the findings at the archived reports: every finding gets <c>iacscan/Report/NAME</c> product fields, and
    /// the aggregate finding's <c>SourceUrl</c> (the link the Security Hub console shows) is the first report.
    /// </summary>
    public static void Link(IEnumerable<JsonObject> findings, IReadOnlyList<ArchivedReport> reports)
    {
        if (reports.Count == 0)
        {
            return;
        }

        foreach (var finding in findings)
        {
            var fields = finding["ProductFields"] as JsonObject ?? [];
            finding["ProductFields"] = fields;
            foreach (var report in reports)
            {
                fields[$"{ReportField}/{Path.GetFileName(report.File)}"] = ReportFacts.Truncate(report.Url.AbsoluteUri, AsffLimits.MaxProductFieldValue);
            }

            if (finding["GeneratorId"]?.GetValue<string>() == AsffContext.GeneratorPrefix + "aggregate")
            {
                finding["SourceUrl"] = reports[0].Url.AbsoluteUri;
            }
        }
    }

    private static string ContentType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".json" or ".sarif" => "application/json",
        ".xml" => "application/xml",
        ".html" => "text/html",
        _ => "text/plain",
    };
}
