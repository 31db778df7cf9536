using Microsoft.Extensions.FileSystemGlobbing;
using Scanner.CloudFormation.Analysis;
using Scanner.Core.Engine;

namespace Scanner.Cli;

/// <summary>A file to analyse: where it is, how to show it, and whether the user named it.</summary>
public sealed record InputFile(string FullPath, string DisplayPath, FileOrigin Origin)
{
    /// <summary>The template's text when it does not come from the file system (<c>scan -</c> reads standard input).</summary>
    public string? Text { get; init; }
}

/// <summary>The files to analyse and what was left out on the way, with the reason.</summary>
public sealed record Discovery(IReadOnlyList<InputFile> Files, IReadOnlyList<SkippedFile> Skipped);

/// <summary>Turns PATH arguments (files, directories, globs) and --exclude globs into the list of files to analyse.</summary>
public static class FileDiscovery
{
    public static readonly IReadOnlySet<string> TemplateExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".yaml", ".yml", ".json", ".template" };

    /// <summary>
    /// Directories a directory walk does not enter unless <c>--no-default-excludes</c> is given: version control,
    /// dependencies, build output and tool caches, which hold copies or generated templates, not the sources.
    /// A directory named explicitly is always walked.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultExcludedDirectories =
        [".git", "node_modules", "bin", "obj", ".aws-sam", "cdk.out", ".terraform", ".venv"];

    /// <summary>The path word that means "read the template from standard input".</summary>
    public const string StandardInput = "-";

    public static IReadOnlyList<InputFile> Resolve(IReadOnlyList<string> paths, IReadOnlyList<string> excludes, string baseDirectory) =>
        Discover(paths, excludes, baseDirectory).Files;

    public static Discovery Discover(IReadOnlyList<string> paths, IReadOnlyList<string> excludes, string baseDirectory, bool defaultExcludes = true)
    {
        var files = new Dictionary<string, InputFile>(StringComparer.Ordinal);
        var skipped = new List<SkippedFile>();
        foreach (var raw in paths.Count == 0 ? ["."] : paths)
        {
            if (raw.Length == 0)
            {
                throw new UsageException("an empty path names no file");
            }

            var full = Path.GetFullPath(raw, baseDirectory);
            if (File.Exists(full))
            {
                Add(files, new InputFile(full, Display(full, baseDirectory), FileOrigin.Explicit));
            }
            else if (Directory.Exists(full))
            {
                foreach (var f in WalkDirectory(full, defaultExcludes, baseDirectory, skipped))
                {
                    Add(files, new InputFile(f, Display(f, baseDirectory), FileOrigin.Discovered));
                }
            }
            else if (raw.AsSpan().IndexOfAny("*?[") >= 0)
            {
                var (root, pattern) = SplitGlob(raw, baseDirectory);
                var matcher = new Matcher(StringComparison.Ordinal);
                matcher.AddInclude(pattern);
                var any = false;
                if (Directory.Exists(root))
                {
                    foreach (var f in matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal))
                    {
                        any = true;
                        Add(files, new InputFile(f, Display(f, baseDirectory), FileOrigin.Discovered));
                    }
                }

                if (!any)
                {
                    throw new UsageException($"no file matches '{raw}'");
                }
            }
            else
            {
                throw new UsageException($"path does not exist: {raw}");
            }
        }

        var kept = new List<InputFile>();
        foreach (var file in files.Values.OrderBy(f => f.DisplayPath, StringComparer.Ordinal))
        {
            if (ExcludedBy(excludes, file, baseDirectory) is { } pattern)
            {
                skipped.Add(new SkippedFile(file.DisplayPath, $"excluded by --exclude '{pattern}'"));
            }
            else
            {
                kept.Add(file);
            }
        }

        return new Discovery(kept, skipped);
    }

    /// <summary>The first of <paramref name="patterns"/> that matches the file relative to <paramref name="directory"/>, or null.</summary>
    public static string? ExcludedBy(IEnumerable<string> patterns, InputFile file, string directory)
    {
        var relative = Path.GetRelativePath(directory, file.FullPath).Replace('\\', '/');
        foreach (var pattern in patterns)
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(pattern);
            if (matcher.Match(relative).HasMatches || matcher.Match(file.DisplayPath).HasMatches)
            {
                return pattern;
            }
        }

        return null;
    }

    private static IEnumerable<string> WalkDirectory(string root, bool defaultExcludes, string baseDirectory, List<SkippedFile> skipped)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal).ToArray();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedFile(Display(dir, baseDirectory) + "/", $"cannot be read ({(ex is UnauthorizedAccessException ? "permission denied" : ex.Message)})"));
                continue;
            }

            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                if (Directory.Exists(entry))
                {
                    if (defaultExcludes && DefaultExcludedDirectories.Contains(name, StringComparer.Ordinal))
                    {
                        skipped.Add(new SkippedFile(Display(entry, baseDirectory) + "/", "directory skipped by default (--no-default-excludes scans it)"));
                    }
                    else if (new DirectoryInfo(entry).Attributes.HasFlag(FileAttributes.ReparsePoint))
                    {
                        skipped.Add(new SkippedFile(Display(entry, baseDirectory) + "/", "symbolic link to a directory (not followed; name it to scan it)"));
                    }
                    else
                    {
                        pending.Push(entry);
                    }
                }
                else if (TemplateExtensions.Contains(Path.GetExtension(entry)))
                {
                    yield return entry;
                }
            }
        }
    }

    private static (string Root, string Pattern) SplitGlob(string glob, string baseDirectory)
    {
        var normalized = glob.Replace('\\', '/');
        var parts = normalized.Split('/');
        var fixedParts = parts.TakeWhile(p => p.AsSpan().IndexOfAny("*?[") < 0).ToList();
        if (fixedParts.Count == parts.Length)
        {
            fixedParts.RemoveAt(fixedParts.Count - 1);
        }

        var rootText = string.Join('/', fixedParts);
        var root = Path.GetFullPath(rootText.Length == 0 ? "." : (normalized.StartsWith('/') && rootText.Length == 0 ? "/" : rootText), baseDirectory);
        var pattern = string.Join('/', parts.Skip(fixedParts.Count));
        return (root, pattern);
    }

    private static void Add(Dictionary<string, InputFile> files, InputFile file) => files.TryAdd(file.FullPath, file);

    public static string Display(string fullPath, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        var display = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
        return display.Replace('\\', '/');
    }
}
