using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Scanner.Core.Engine;
using Scanner.Reporting;

namespace Scanner.Cli;

/// <summary>
/// <c>scan --shard K/N</c>: which of the files found (after discovery, excludes and configuration files) this shard
/// scans, by a hash of each file's path relative to the repository root (<see cref="ScanShard.Of"/>), and the
/// fingerprint of the whole scan that every shard's report carries for <c>iacscan merge</c> to compare.
/// </summary>
internal static partial class ScanSharding
{
    public const string Option = "--shard";

    /// <summary>K/N with 1 ≤ K ≤ N; anything else is a usage error that says what is expected.</summary>
    public static ScanShard Parse(string text)
    {
        var match = ShardPattern().Match(text.Trim());
        if (!match.Success
            || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || index < 1 || index > count)
        {
            throw new UsageException($"{Option} '{text}': expected K/N with 1 ≤ K ≤ N, e.g. {Option} 2/4 (the second of four shards)");
        }

        return new ScanShard(index, count);
    }

    /// <summary>The shard key of a path: relative to the repository root with '/' separators (as the path the scan named it, outside it).</summary>
    public static string Key(string path, ReportOptions options) => ReportFacts.DisplayPath(path, options);

    /// <summary>The plan's files and skipped paths that belong to <paramref name="shard"/>, with the shard's fingerprint of the whole scan.</summary>
    public static (ConfigurationPlan.Result Plan, ScanShard Shard) Split(ConfigurationPlan.Result plan, ScanShard shard, ReportOptions options, IEnumerable<string> settings, string cwd)
    {
        var keys = plan.Files.Select(f => Key(f.FullPath, options)).ToArray();
        var parts = new List<string> { ToolInfo.Version };
        parts.AddRange(keys.Order(StringComparer.Ordinal));
        parts.AddRange(settings);

        // The configuration files of every file shared out, by content: a shard scanned with another .iacscan.yml differs.
        foreach (var config in plan.Files.Select(f => plan.SettingsFor(f)?.ConfigFile).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            parts.Add($"config {config} {Digest(Path.GetFullPath(config, cwd))}");
        }

        var mine = plan with
        {
            Files = [.. plan.Files.Where((_, i) => ScanShard.Of(keys[i], shard.Count) == shard.Index)],
            Skipped = [.. plan.Skipped.Where(s => shard.Owns(Key(s.Path, options)))],
        };
        return (mine, shard with { Files = plan.Files.Count, Scan = ReportFacts.Fingerprint([.. parts])[..16] });
    }

    /// <summary>A file's content digest for the scan fingerprint; "none" when it cannot be read (the scan itself reports why).</summary>
    public static string Digest(string path)
    {
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..16];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "none";
        }
    }

    [GeneratedRegex(@"^([0-9]+)/([0-9]+)$")]
    private static partial Regex ShardPattern();
}
