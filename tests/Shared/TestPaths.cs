using System.Reflection;

namespace Scanner.Tests;

/// <summary>Where the repository, its fixtures and the shared corpus are, for every test project.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Fixtures => Path.Combine(RepoRoot, "fixtures");

    /// <summary>../shared next to the repository (present in CI, possibly absent in a user's clone).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Corpus => Path.Combine(Shared, "corpus");

    public static bool HasCorpus => Directory.Exists(Corpus);

    /// <summary>The reason conformance tests give when they skip.</summary>
    public const string NoCorpusReason = "../shared/corpus is not present next to the repository (it is in CI); conformance tests skipped.";

    private static string FindRepoRoot()
    {
        var fromBuild = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (fromBuild is not null && File.Exists(Path.Combine(fromBuild, "Scanner.sln")))
        {
            return Path.GetFullPath(fromBuild);
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Scanner.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Scanner.sln).");
    }
}
