using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scanner.Core.Diagnostics;

namespace Scanner.Reporting;

/// <summary>The Security Hub facts every ASFF finding of one scan shares: account, region, product and repository.</summary>
public sealed partial record AsffContext(string AwsAccountId, string Region, string Partition, string Repository, string Branch)
{
    public const string SchemaVersion = "2018-10-08";

    public const string GeneratorPrefix = "iacscan/";

    public const string DefaultType = "Software and Configuration Checks/AWS Security Best Practices";

    /// <summary>ProductFields keys the importer filters on to find this repository's earlier findings.</summary>
    public const string RepositoryField = "iacscan/Repository";

    public const string BranchField = "iacscan/Branch";

    /// <summary>The custom-integration product of the account itself (Security Hub's "default" product).</summary>
    public string ProductArn => $"arn:{Partition}:securityhub:{Region}:{AwsAccountId}:product/{AwsAccountId}/default";

    /// <summary>Builds the context, or explains which option is missing or malformed.</summary>
    public static AsffContext FromOptions(ReportOptions options)
    {
        var problems = new List<string>();
        if (options.AwsAccountId is not { } account || !AccountPattern().IsMatch(account))
        {
            problems.Add(options.AwsAccountId is null
                ? "ASFF reports need the AWS account id (--aws-account-id, or CODEBUILD_BUILD_ARN in CodeBuild)"
                : $"'{options.AwsAccountId}' is not a 12-digit AWS account id");
        }

        if (string.IsNullOrWhiteSpace(options.Region) || !RegionPattern().IsMatch(options.Region))
        {
            problems.Add(options.Region is null
                ? "ASFF reports need the AWS region (--region, or AWS_REGION)"
                : $"'{options.Region}' is not an AWS region name");
        }

        if (problems.Count > 0)
        {
            throw new ReportConfigurationException(string.Join("; ", problems) + ".");
        }

        return new AsffContext(
            options.AwsAccountId!,
            options.Region!,
            options.Partition,
            string.IsNullOrWhiteSpace(options.Repository) ? "unknown" : options.Repository,
            string.IsNullOrWhiteSpace(options.Branch) ? "unknown" : options.Branch);
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}

/// <summary>A report option is missing or invalid for the requested format (a usage error, not a crash).</summary>
public sealed class ReportConfigurationException(string message) : Exception(message);

/// <summary>Security Hub's severity labels and the aggregate's weighting.</summary>
public static class AsffSeverity
{
    /// <summary>failures × weightFailure + warnings × weightWarning, normalized to at most 100, with its ASFF label.</summary>
    public static (long Sum, int Normalized, string Label) Weighted(int failures, int warnings, int weightFailure, int weightWarning)
    {
        var sum = (long)failures * weightFailure + (long)warnings * weightWarning;
        var normalized = (int)Math.Clamp(sum, 0, 100);
        return (sum, normalized, Label(normalized));
    }

    /// <summary>ASFF's ranges: 0 INFORMATIONAL, 1–39 LOW, 40–69 MEDIUM, 70–89 HIGH, 90–100 CRITICAL.</summary>
    public static string Label(int normalized) => normalized switch
    {
        <= 0 => "INFORMATIONAL",
        < 40 => "LOW",
        < 70 => "MEDIUM",
        < 90 => "HIGH",
        _ => "CRITICAL",
    };

    public static string Label(SecuritySeverity severity) => severity switch
    {
        SecuritySeverity.Critical => "CRITICAL",
        SecuritySeverity.High => "HIGH",
        SecuritySeverity.Medium => "MEDIUM",
        SecuritySeverity.Low => "LOW",
        _ => "INFORMATIONAL",
    };
}

/// <summary>ASFF limits and required fields, enforced when writing and checked again before importing.</summary>
public static partial class AsffLimits
{
    public const int MaxFindingsPerBatch = 100;
    public const int MaxFindingBytes = 240 * 1024;
    public const int MaxTitle = 256;
    public const int MaxDescription = 1024;
    public const int MaxRecommendationText = 512;
    public const int MaxId = 512;
    public const int MaxProductFieldValue = 2048;

    public static readonly IReadOnlyList<string> RequiredFields =
    [
        "SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt", "UpdatedAt",
        "Severity", "Title", "Description", "Resources",
    ];

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int SizeInBytes(JsonNode finding) => Encoding.UTF8.GetByteCount(finding.ToJsonString(Compact));

    /// <summary>Every way <paramref name="finding"/> would be rejected by BatchImportFindings; empty when it is fine.</summary>
    public static IReadOnlyList<string> Validate(JsonObject finding)
    {
        var problems = new List<string>();
        var id = finding["Id"]?.GetValueKind() == JsonValueKind.String ? finding["Id"]!.GetValue<string>() : "(no Id)";
        foreach (var field in RequiredFields)
        {
            if (finding[field] is null)
            {
                problems.Add($"{id}: missing required field {field}");
            }
        }

        CheckString(finding, "SchemaVersion", AsffContext.SchemaVersion.Length, problems, id);
        CheckString(finding, "Id", MaxId, problems, id);
        CheckString(finding, "GeneratorId", MaxId, problems, id);
        CheckString(finding, "Title", MaxTitle, problems, id);
        CheckString(finding, "Description", MaxDescription, problems, id);
        if (finding["AwsAccountId"] is JsonValue account && account.GetValue<string>().Length != 12)
        {
            problems.Add($"{id}: AwsAccountId must have 12 characters");
        }

        if (finding["Severity"] is JsonObject severity && severity["Label"]?.GetValue<string>() is not ("INFORMATIONAL" or "LOW" or "MEDIUM" or "HIGH" or "CRITICAL"))
        {
            problems.Add($"{id}: Severity.Label is not an ASFF label");
        }

        if (finding["FindingProviderFields"]?["Severity"] is JsonObject providerSeverity && providerSeverity.Select(p => p.Key).FirstOrDefault(k => k is not ("Label" or "Original")) is { } extra)
        {
            problems.Add($"{id}: FindingProviderFields.Severity takes only Label and Original, not {extra}");
        }

        if (finding["RecordState"] is JsonValue state && state.GetValue<string>() is not ("ACTIVE" or "ARCHIVED"))
        {
            problems.Add($"{id}: RecordState must be ACTIVE or ARCHIVED");
        }

        if (finding["Compliance"]?["Status"] is JsonValue compliance && compliance.GetValue<string>() is not ("PASSED" or "WARNING" or "FAILED" or "NOT_AVAILABLE"))
        {
            problems.Add($"{id}: Compliance.Status is not an ASFF status");
        }

        if (finding["Resources"] is not JsonArray resources || resources.Count is 0 or > 32)
        {
            problems.Add($"{id}: Resources must hold 1 to 32 resources");
        }
        else
        {
            foreach (var resource in resources.OfType<JsonObject>())
            {
                CheckString(resource, "Type", 256, problems, id);
                CheckString(resource, "Id", MaxId, problems, id);
            }
        }

        if (finding["Types"] is not JsonArray types || types.Count is 0 or > 50)
        {
            problems.Add($"{id}: Types must hold 1 to 50 types");
        }

        foreach (var field in new[] { "CreatedAt", "UpdatedAt" })
        {
            if (finding[field] is JsonValue stamp && (stamp.GetValueKind() != JsonValueKind.String || !IsTimestamp(stamp.GetValue<string>())))
            {
                problems.Add($"{id}: {field} is not an RFC 3339 timestamp (like 2026-11-24T00:00:00Z or 2026-11-24T00:00:00.123+01:00)");
            }
        }

        if (SizeInBytes(finding) > MaxFindingBytes)
        {
            problems.Add($"{id}: the finding is larger than 240 KB");
        }

        return problems;
    }

    private static void CheckString(JsonObject parent, string field, int maxLength, List<string> problems, string id)
    {
        if (parent[field] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            if (parent[field] is not null)
            {
                problems.Add($"{id}: {field} must be a string");
            }

            return;
        }

        var text = value.GetValue<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{id}: {field} must not be empty");
        }
        else if (text.Length > maxLength)
        {
            problems.Add($"{id}: {field} is longer than {maxLength} characters");
        }
    }

    /// <summary>RFC 3339's date-time (section 5.6): date T time, any fraction of a second, Z or a numeric offset.</summary>
    public static bool IsTimestamp(string text) =>
        Rfc3339().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
