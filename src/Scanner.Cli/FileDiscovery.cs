using Microsoft.Extensions.FileSystemGlobbing;
using Scanner.CloudFormation.Analysis;

namespace Scanner.Cli;

/// <summary>A file to analyse: where it is, how to show it, and whether the user named it.</summary>
public sealed record InputFile(string FullPath, string DisplayPath, FileOrigin Origin);

/// <summary>Turns PATH arguments (files, directories, globs) and --exclude globs into the list of files to analyse.</summary>
public static class FileDiscovery
{
    public static readonly IReadOnlySet<string> TemplateExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".yaml", ".yml", ".json", ".template" };

    private static readonly string[] IgnoredDirectories = [".git", "node_modules", "bin", "obj", ".aws-sam", "cdk.out", ".terraform", ".venv"];

    public static IReadOnlyList<InputFile> Resolve(IReadOnlyList<string> paths, IReadOnlyList<string> excludes, string baseDirectory)
    {
        var files = new Dictionary<string, InputFile>(StringComparer.Ordinal);
        var exclude = new Matcher(StringComparison.Ordinal);
        exclude.AddIncludePatterns(excludes);
        var hasExcludes = excludes.Count > 0;

        foreach (var raw in paths.Count == 0 ? ["."] : paths)
        {
            var full = Path.GetFullPath(raw, baseDirectory);
            if (File.Exists(full))
            {
                Add(files, new InputFile(full, Display(full, baseDirectory), FileOrigin.Explicit));
            }
            else if (Directory.Exists(full))
            {
                foreach (var f in WalkDirectory(full))
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

        return files.Values
            .Where(f => !hasExcludes || !IsExcluded(exclude, f, baseDirectory))
            .OrderBy(f => f.DisplayPath, StringComparer.Ordinal)
            .ToArray();
    }

    private static bool IsExcluded(Matcher exclude, InputFile file, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, file.FullPath).Replace('\\', '/');
        return exclude.Match(relative).HasMatches || exclude.Match(file.DisplayPath).HasMatches;
    }

    private static IEnumerable<string> WalkDirectory(string root)
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
                continue;
            }

            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                if (Directory.Exists(entry))
                {
                    if (!IgnoredDirectories.Contains(name, StringComparer.Ordinal) && !new DirectoryInfo(entry).Attributes.HasFlag(FileAttributes.ReparsePoint))
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

    private static string Display(string fullPath, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        var display = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
        return display.Replace('\\', '/');
    }
}
