using System.Reflection;

namespace Scanner.Cli;

/// <summary>Facts about this build of iacscan, stamped by build/GitVersion.targets: version, commit, home repository.</summary>
public static class ToolInfo
{
    private static readonly Assembly Self = typeof(ToolInfo).Assembly;

    /// <summary>The version from git tags (0.0.0 where the build saw none), without the commit suffix.</summary>
    public static string Version { get; } = (Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The commit this build was made from, when the build could ask git.</summary>
    public static string? Commit { get; } =
        Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+') is [_, var commit] && commit.Length > 0 ? commit : null;

    /// <summary>The web address of the repository this build came from (its origin remote), when it had one.</summary>
    public static Uri? RepositoryUrl { get; } =
        RepositoryFacts.WebUrl(Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryUrl")?.Value);

    /// <summary>
    /// Where this build's rule pages (rules/docs/ID.md) are published: the repository's file view at this build's
    /// commit, for hosts whose file URLs are known (GitHub, GitLab); null otherwise, and no link is made.
    /// </summary>
    public static Uri? DefaultRuleDocsUrl { get; } = RuleDocsUrl(RepositoryUrl, Commit);

    public static Uri? RuleDocsUrl(Uri? repository, string? commit)
    {
        var blob = repository?.Host switch
        {
            "github.com" => "blob",
            "gitlab.com" => "-/blob",
            _ => null,
        };
        return blob is null ? null : new Uri($"{repository!.AbsoluteUri.TrimEnd('/')}/{blob}/{commit ?? "HEAD"}/rules/docs/");
    }
}
