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
    private readonly Option<string?> _sourceRoot = new("--source-root") { HelpName = "DIR", Description = "Directory SARIF, JUnit and ASFF paths (and baseline fingerprints) are relative to; default the git repository's top level, else the current directory." };
    private readonly Option<string?> _ruleDocsUrl = new("--rule-docs-url") { HelpName = "URL", Description = "Base URL of the rule pages (rules/docs/ID.md) that SARIF helpUri and ASFF remediation links point to; default this tool's own repository when it is known, else no links." };
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
        foreach (var option in new Option[] { _sourceRoot, _sarifMaxResults, _ruleDocsUrl })
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
    /// The report options for this run. Repository facts (top level, name, branch, remote, commit) are looked up
    /// (environment, then git) only when a report or feature uses them; a Security Hub format then also needs the
    /// account and region, whose absence is a usage error.
    /// </summary>
    public ReportOptions Build(ParseResult parse, string cwd, IEnumerable<IReportWriter> writers, Func<string, string?>? environment = null, bool needsRepository = false)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var weightFailure = parse.GetValue(_weightFailure) ?? 20;
        var weightWarning = parse.GetValue(_weightWarning) ?? 1;
        if (weightFailure < 0 || weightWarning < 0)
        {
            throw new UsageException("--weight-failure and --weight-warning must not be negative");
        }

        var reportUrl = AbsoluteUrl(parse.GetValue(_reportUrl), "--report-url");
        var ruleDocsUrl = AbsoluteUrl(parse.GetValue(_ruleDocsUrl), "--rule-docs-url") ?? ToolInfo.DefaultRuleDocsUrl;
        var sarifMaxResults = parse.GetValue(_sarifMaxResults) ?? 1000;
        if (sarifMaxResults < 0)
        {
            throw new UsageException("--sarif-max-results must not be negative");
        }

        var list = writers.ToList();
        var asff = list.Any(w => w is AsffWriterBase);
        needsRepository |= asff || list.Any(w => w is SarifReportWriter or JUnitReportWriter);
        var git = new GitFacts(cwd);
        var sourceRoot = parse.GetValue(_sourceRoot) is { } root ? Path.GetFullPath(root, cwd) : (needsRepository ? git.TopLevel : null) ?? cwd;
        var options = new ReportOptions
        {
            SourceRoot = sourceRoot,
            BaseDirectory = cwd,
            WeightFailure = weightFailure,
            WeightWarning = weightWarning,
            ReportUrl = reportUrl,
            RuleDocsUrl = ruleDocsUrl,
            SarifMaxResults = sarifMaxResults,
            DataVersions = DataVersions.All,
            ToolVersion = ToolInfo.Version,
            ToolInformationUri = ToolInfo.RepositoryUrl,

            // One time for every report of the run, so the asff and asff-aggregate files agree; SOURCE_DATE_EPOCH
            // (reproducible-builds.org) fixes it, for reports that must not change between runs.
            Timestamp = SourceDateEpoch(environment) ?? DateTimeOffset.UtcNow,
        };

        if (!needsRepository)
        {
            return options;
        }

        var remote = NonEmpty(environment("CODEBUILD_SOURCE_REPO_URL")) ?? git.Remote;
        options = options with
        {
            Repository = parse.GetValue(_repository) ?? RepositoryFacts.RepositoryName(remote) ?? Path.GetFileName(sourceRoot.TrimEnd(Path.DirectorySeparatorChar)),
            Branch = parse.GetValue(_branch) ?? RepositoryFacts.BranchName(NonEmpty(environment("CODEBUILD_WEBHOOK_HEAD_REF")) ?? git.Branch),
            RepositoryUri = RepositoryFacts.WebUrl(remote),
            Revision = NonEmpty(environment("CODEBUILD_RESOLVED_SOURCE_VERSION")) ?? git.Head,
        };

        if (!asff)
        {
            return options;
        }

        var build = BuildArn.Parse(environment("CODEBUILD_BUILD_ARN"));
        var region = parse.GetValue(_region) ?? NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION")) ?? build?.Region;
        options = options with
        {
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

    private static Uri? AbsoluteUrl(string? value, string option) =>
        value is null ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url
        : throw new UsageException($"{option} '{value}' is not an absolute http(s) URL");

    private static string PartitionOf(string? region) =>
        region?.StartsWith("cn-", StringComparison.Ordinal) == true ? "aws-cn"
        : region?.StartsWith("us-gov-", StringComparison.Ordinal) == true ? "aws-us-gov"
        : "aws";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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

/// <summary>What git says about a working directory, each fact asked once and only when needed; null where git cannot tell.</summary>
public sealed class GitFacts(string cwd)
{
    private readonly Dictionary<string, string?> _answers = new(StringComparer.Ordinal);

    /// <summary>The repository's top-level directory.</summary>
    public string? TopLevel => Ask("rev-parse", "--show-toplevel") is { } top ? Path.GetFullPath(top) : null;

    public string? Remote => Ask("config", "--get", "remote.origin.url");

    public string? Branch => Ask("rev-parse", "--abbrev-ref", "HEAD");

    public string? Head => Ask("rev-parse", "HEAD");

    private string? Ask(params string[] arguments)
    {
        var key = string.Join(' ', arguments);
        if (!_answers.TryGetValue(key, out var answer))
        {
            answer = Run(cwd, arguments);
            _answers[key] = answer;
        }

        return answer;
    }

    /// <summary>One line of git's output, or null when git is absent or the directory is not a repository.</summary>
    private static string? Run(string cwd, string[] arguments)
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

            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                return null;
            }

            error.Wait();
            var line = output.Split('\n')[0].Trim();
            return process.ExitCode == 0 && line.Length > 0 ? line : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}

/// <summary>Repository and branch names as Security Hub reports show them, from clone URLs and Git refs.</summary>
public static class RepositoryFacts
{
    /// <summary>
    /// The repository's web address from a clone URL (git@host:owner/name.git → https://host/owner/name), without the
    /// credentials a CI clone URL may carry; null when the URL is not a network URL.
    /// </summary>
    public static Uri? WebUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var text = url.Trim();
        if (!text.Contains("://", StringComparison.Ordinal) && text.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && text.IndexOf('@', StringComparison.Ordinal) < colon)
        {
            // scp-like syntax: [user@]host:path
            var at = text.IndexOf('@', StringComparison.Ordinal);
            text = $"https://{text[(at + 1)..colon]}/{text[(colon + 1)..].TrimStart('/')}";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }

        return new UriBuilder("https", uri.Host, uri.Scheme is "https" or "http" && !uri.IsDefaultPort ? uri.Port : -1, path).Uri;
    }

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
