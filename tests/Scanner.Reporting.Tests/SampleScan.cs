using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Core.Text;
using Scanner.Reporting;

namespace Scanner.Reporting.Tests;

/// <summary>A hand-made scan result covering every case the writers treat differently, with fixed options.</summary>
internal static class SampleScan
{
    public const string Root = "/repo";

    public static readonly RuleDescriptor F3 = RuleDescriptor.Create(
        "F3", "IAM role policy allows every action", "IAM role policy allows every action with a wildcard.", RuleLevel.Failure, SecuritySeverity.High, "IAM",
        description: "A policy statement on the role allows Action '*', granting every current and future permission.",
        remediation: "List the actions the role needs instead of '*'.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_63")],
        resourceTypes: ["AWS::IAM::Role"], kind: RuleKind.CfnNag);

    public static readonly RuleDescriptor W35 = RuleDescriptor.Create(
        "W35", "S3 bucket has no access logging", "S3 bucket does not configure server access logging.", RuleLevel.Warning, SecuritySeverity.Medium, "S3",
        description: "Without server access logs, requests to the bucket cannot be audited.",
        remediation: "Set LoggingConfiguration with a destination bucket.",
        resourceTypes: ["AWS::S3::Bucket"], kind: RuleKind.CfnNag);

    public static readonly RuleDescriptor W41 = RuleDescriptor.Create(
        "W41", "S3 bucket does not declare default encryption", "S3 bucket does not set BucketEncryption.", RuleLevel.Warning, SecuritySeverity.Low, "S3",
        resourceTypes: ["AWS::S3::Bucket"], kind: RuleKind.CfnNag);

    public static readonly RuleDescriptor W9 = RuleDescriptor.Create(
        "W9", "Security group ingress CIDR is wider than one host", "Security group ingress allows a CIDR wider than /32.", RuleLevel.Warning, SecuritySeverity.Low, "EC2",
        resourceTypes: ["AWS::EC2::SecurityGroup"], kind: RuleKind.CfnNag);

    public static readonly RuleDescriptor E0000 = RuleDescriptor.Create(
        "E0000", "Template cannot be parsed", "{0}", RuleLevel.Failure, SecuritySeverity.High, "Template", kind: RuleKind.TemplateDiagnostic);

    public static ReportOptions Options { get; } = new()
    {
        SourceRoot = Root,
        BaseDirectory = Root,
        ToolVersion = "1.2.3",
        Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Repository = "acme/infra",
        Branch = "main",
        AwsAccountId = "123456789012",
        Region = "eu-west-1",
        ReportUrl = new Uri("https://ci.example.com/builds/42/report.html"),
        ToolInformationUri = new Uri("https://git.example.com/acme/iacscan"),
        RuleDocsUrl = new Uri("https://git.example.com/acme/iacscan/blob/v1.2.3/rules/docs/"),
        RepositoryUri = new Uri("https://git.example.com/acme/infra"),
        Revision = "0123456789abcdef0123456789abcdef01234567",
    };

    public static Finding Finding(RuleDescriptor rule, string file, string? logicalId, int line, int column, string path, string? type = null) => new()
    {
        RuleId = rule.Id,
        Kind = rule.Kind,
        Level = rule.Level,
        Severity = rule.Severity,
        Message = rule.MessageFormat,
        FilePath = file,
        LogicalId = logicalId,
        Span = new SourceSpan(line, column, line, column + 10),
        Path = path,
        ResourceType = type,
    };

    /// <summary>A fix for W41 on Bucket: lines inserted at the end of line 31 (an empty region).</summary>
    public static CodeFix BucketEncryptionFix(int lineShift) => new(
        "Set BucketEncryption to SSE-S3 (SSEAlgorithm AES256).",
        [
            new TextEdit(new TextSpan(900, 900), new SourceSpan(31 + lineShift, 27, 31 + lineShift, 27), "\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256"),
        ]);

    /// <summary>app.yaml: F3 on MyRole, W35 and W41 (with a fix) on Bucket, W9 suppressed; broken.yaml: unparsable; clean.yaml: nothing.</summary>
    public static ScanResult Create(int lineShift = 0)
    {
        var app = "templates/app.yaml";
        var appFindings = new[]
        {
            Finding(F3, app, "MyRole", 12 + lineShift, 9, "Resources/MyRole/Properties/Policies/0/PolicyDocument/Statement/0/Action", "AWS::IAM::Role"),
            Finding(W35, app, "Bucket", 30 + lineShift, 11, "Resources/Bucket/Type", "AWS::S3::Bucket") with
            {
                Message = "S3 bucket does not configure server access logging when condition IsProd is false and parameter Env is dev.",
                When = new FindingScenario([new("IsProd", false)], [new("Env", "dev")], "when condition IsProd is false and parameter Env is dev"),
            },
            Finding(W41, app, "Bucket", 30 + lineShift, 11, "Resources/Bucket/Type", "AWS::S3::Bucket") with { Fix = BucketEncryptionFix(lineShift) },
            Finding(W9, app, "WebGroup", 41 + lineShift, 13, "Resources/WebGroup/Properties/SecurityGroupIngress/0/CidrIp", "AWS::EC2::SecurityGroup") with
            {
                Suppressed = true,
                SuppressionReason = "Public web tier behind a WAF.",
                SuppressionSource = "metadata",
            },
        };
        var broken = Finding(E0000, "templates/broken.yaml", null, 3, 5, string.Empty) with { Message = "Mapping values are not allowed here." };
        return new ScanResult(
            [
                new FileResult(app, appFindings) { ResourceIds = ["MyRole", "Bucket", "WebGroup"] },
                new FileResult("templates/broken.yaml", [broken]) { ParseFailed = true },
                new FileResult("templates/clean.yaml", []) { ResourceIds = ["Queue"] },
            ],
            [E0000, F3, W35, W41, W9]);
    }

    /// <summary>A template with <paramref name="failures"/> F3 and <paramref name="warnings"/> W35 findings.</summary>
    public static ScanResult WithCounts(int failures, int warnings)
    {
        var findings = Enumerable.Range(0, failures).Select(i => Finding(F3, "t.yaml", $"Role{i}", 10 + i, 3, $"Resources/Role{i}/Properties"))
            .Concat(Enumerable.Range(0, warnings).Select(i => Finding(W35, "t.yaml", $"Bucket{i}", 100 + i, 3, $"Resources/Bucket{i}/Type")))
            .ToArray();
        return new ScanResult([new FileResult("t.yaml", findings)], [F3, W35]);
    }

    public static string Render(IReportWriter writer, ScanResult result, ReportOptions? options = null)
    {
        using var text = new StringWriter { NewLine = "\n" };
        writer.Write(result, text, options ?? Options);
        return text.ToString();
    }
}
