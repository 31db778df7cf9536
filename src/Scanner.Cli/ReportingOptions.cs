using System.CommandLine;
using System.Diagnostics;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary>
/// The scan options that only reports use (source root, repository facts for Security Hub, weights), and how they
/// default from the CodeBuild or Git environment.
/// </summary>
internal sealed class ReportingOptions
{
    private readonly Option<string?> _sourceRoot = new("--source-root") { HelpName = "DIR", Description = "Directory report paths are relative to (SARIF %SRCROOT%); default the current directory." };
    private readonly Option<string?> _repository = new("--repo") { HelpName = "NAME", Description = "Repository name for ASFF reports; default from CODEBUILD_SOURCE_REPO_URL or git's origin." };
    private readonly Option<string?> _branch = new("--branch") { HelpName = "NAME", Description = "Branch for ASFF reports; default from CODEBUILD_WEBHOOK_HEAD_REF or git." };
    private readonly Option<string?> _account = new("--aws-account-id") { HelpName = "ID", Description = "AWS account of the Security Hub findings; default from CODEBUILD_BUILD_ARN." };
    private readonly Option<string?> _region = new("--region") { HelpName = "REGION", Description = "AWS region of the Security Hub findings; default AWS_REGION or CODEBUILD_BUILD_ARN." };
    private readonly Option<int?> _weightFailure = new("--weight-failure") { HelpName = "N", Description = "Weight of one failure in the asff-aggregate severity (default 20)." };
    private readonly Option<int?> _weightWarning = new("--weight-warning") { HelpName = "N", Description = "Weight of one warning in the asff-aggregate severity (default 1)." };
    private readonly Option<string?> _reportUrl = new("--report-url") { HelpName = "URL", Description = "Link to the full report, put in ASFF findings (SourceUrl)." };
    private readonly Option<int?> _sarifMaxResults = new("--sarif-max-results") { HelpName = "N", Description = "Most results in the SARIF run, the most severe kept (default 1000, GitHub's default limit; 0 = all)." };

    public void AddTo(Command command, CommandHelp help)
    {
        foreach (var option in new Option[] { _sourceRoot, _sarifMaxResults })
        {
            command.Options.Add(help.Group(ScanCommand.ReportsGroup, option));
        }

        foreach (var option in new Option[] { _repository, _branch, _account, _region, _weightFailure, _weightWarning, _reportUrl })
        {
            command.Options.Add(help.Group(ScanCommand.SecurityHubGroup, option));
        }
    }

    /// <summary>The time in <c>SOURCE_DATE_EPOCH</c> (seconds since 1970-01-01 UTC), when it is set.</summary>
    public static DateTimeOffset? SourceDateEpoch(Func<string, string?> environment)
    {
        var text = environment("SOURCE_DATE_EPOCH");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return long.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new UsageException($"SOURCE_DATE_EPOCH '{text}' is not a number of seconds since 1970-01-01");
    }

    /// <summary>
    /// The report options for this run. Repository facts are looked up (environment, then git) only when a
    /// Security Hub format is requested, and a missing account or region is then a usage error.
    /// </summary>
    public ReportOptions Build(ParseResult parse, string cwd, IEnumerable<IReportWriter> writers, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var weightFailure = parse.GetValue(_weightFailure) ?? 20;
        var weightWarning = parse.GetValue(_weightWarning) ?? 1;
        if (weightFailure < 0 || weightWarning < 0)
        {
            throw new UsageException("--weight-failure and --weight-warning must not be negative");
        }

        Uri? reportUrl = null;
        if (parse.GetValue(_reportUrl) is { } url && !Uri.TryCreate(url, UriKind.Absolute, out reportUrl))
        {
            throw new UsageException($"--report-url '{url}' is not an absolute URL");
        }

        var sarifMaxResults = parse.GetValue(_sarifMaxResults) ?? 1000;
        if (sarifMaxResults < 0)
        {
            throw new UsageException("--sarif-max-results must not be negative");
        }

        var sourceRoot = Path.GetFullPath(parse.GetValue(_sourceRoot) ?? ".", cwd);
        var options = new ReportOptions
        {
            SourceRoot = sourceRoot,
            BaseDirectory = cwd,
            WeightFailure = weightFailure,
            WeightWarning = weightWarning,
            ReportUrl = reportUrl,
            SarifMaxResults = sarifMaxResults,
            DataVersions = DataVersions.All,

            // One time for every report of the run, so the asff and asff-aggregate files agree; SOURCE_DATE_EPOCH
            // (reproducible-builds.org) fixes it, for reports that must not change between runs.
            Timestamp = SourceDateEpoch(environment) ?? DateTimeOffset.UtcNow,
        };

        if (!writers.Any(w => w is AsffWriterBase))
        {
            return options;
        }

        var build = BuildArn.Parse(environment("CODEBUILD_BUILD_ARN"));
        var region = parse.GetValue(_region) ?? NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION")) ?? build?.Region;
        options = options with
        {
            Repository = parse.GetValue(_repository) ?? RepositoryFacts.RepositoryName(NonEmpty(environment("CODEBUILD_SOURCE_REPO_URL")) ?? Git(cwd, "remote", "get-url", "origin")) ?? Path.GetFileName(sourceRoot.TrimEnd(Path.DirectorySeparatorChar)),
            Branch = parse.GetValue(_branch) ?? RepositoryFacts.BranchName(NonEmpty(environment("CODEBUILD_WEBHOOK_HEAD_REF")) ?? Git(cwd, "rev-parse", "--abbrev-ref", "HEAD")),
            AwsAccountId = parse.GetValue(_account) ?? build?.Account,
            Region = region,
            Partition = build?.Partition ?? PartitionOf(region),
        };

        try
        {
            AsffContext.FromOptions(options);
        }
        catch (ReportConfigurationException ex)
        {
            throw new UsageException(ex.Message);
        }

        return options;
    }

    private static string PartitionOf(string? region) =>
        region?.StartsWith("cn-", StringComparison.Ordinal) == true ? "aws-cn"
        : region?.StartsWith("us-gov-", StringComparison.Ordinal) == true ? "aws-us-gov"
        : "aws";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>One line of git's output, or null when git is absent or the directory is not a repository.</summary>
    private static string? Git(string cwd, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0 ? NonEmpty(output.Split('\n')[0]) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>arn:PARTITION:codebuild:REGION:ACCOUNT:build/PROJECT:ID.</summary>
    private sealed record BuildArn(string Partition, string Region, string Account)
    {
        public static BuildArn? Parse(string? arn)
        {
            var parts = arn?.Split(':');
            return parts is { Length: >= 6 } && parts[0] == "arn" && parts[2] == "codebuild" ? new BuildArn(parts[1], parts[3], parts[4]) : null;
        }
    }
}

/// <summary>Repository and branch names as Security Hub reports show them, from clone URLs and Git refs.</summary>
public static class RepositoryFacts
{
    /// <summary>owner/name from https://host/owner/name.git, git@host:owner/name.git; name from CodeCommit's …/v1/repos/name.</summary>
    public static string? RepositoryName(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var path = url.Trim();
        if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            path = uri.AbsolutePath;
        }
        else if (path.Contains(':', StringComparison.Ordinal) && !path.Contains("://", StringComparison.Ordinal))
        {
            path = path[(path.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }

        path = path.Trim('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }

        var isCodeCommit = segments.Length >= 3 && segments[^3] == "v1" && segments[^2] == "repos";
        return isCodeCommit || segments.Length == 1 ? segments[^1] : $"{segments[^2]}/{segments[^1]}";
    }

    public static string? BranchName(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference == "HEAD")
        {
            return null;
        }

        const string Heads = "refs/heads/";
        return reference.StartsWith(Heads, StringComparison.Ordinal) ? reference[Heads.Length..] : reference;
    }
}
