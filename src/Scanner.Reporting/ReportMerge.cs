using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>The merged scan, the iacscan version the reports agree on (null when they do not), and what looked wrong but did not stop the merge.</summary>
public sealed record MergedReport(ScanResult Result, string? Version, IReadOnlyList<string> Warnings);

/// <summary>Reports that cannot be merged into one honest result (a file twice, a shard missing or given twice).</summary>
public sealed class ReportMergeException(string message) : Exception(message);

/// <summary>
/// Combines JSON reports (<c>scan --shard K/N</c> parts, or scans of disjoint paths) into the result one scan of all
/// their files would have given: files, skipped files, configuration files, errors and baseline staleness are united
/// in the scan's own order, rules are those of the reports that scanned files.
/// <list type="bullet">
/// <item>Errors: the same report twice, a template in two reports, a shard given twice, shards of different N, a
/// shard missing. The result would not be the whole scan, or would count findings twice.</item>
/// <item>Warnings: reports written by different iacscan versions, shards of different scans (other files or other
/// settings), reports compared with different baselines.</item>
/// </list>
/// </summary>
public static class ReportMerge
{
    public static MergedReport Merge(IReadOnlyList<JsonReport> reports)
    {
        if (reports.Count == 0)
        {
            throw new ReportMergeException("no report to merge");
        }

        var warnings = new List<string>();
        foreach (var twice in reports.GroupBy(r => r.Digest, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new ReportMergeException($"{Names(twice)} are the same report: give each shard's report once");
        }

        CheckShards(reports, warnings);

        var owner = new Dictionary<string, JsonReport>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            foreach (var file in report.Result.Files)
            {
                if (!owner.TryAdd(file.Path, report))
                {
                    throw new ReportMergeException($"{file.Path} is in both {owner[file.Path].Source} and {report.Source}: its findings would count twice (were the shards taken with different N, or is a path scanned twice?)");
                }
            }
        }

        var versions = reports.Select(r => r.Version).Distinct(StringComparer.Ordinal).ToList();
        if (versions.Count > 1)
        {
            warnings.Add($"the reports were written by different iacscan versions ({string.Join(", ", reports.Select(r => $"{r.Source}: {r.Version}"))}); their rules and findings may differ");
        }

        var results = reports.Select(r => r.Result).ToList();

        // A shard without files ran the default rules, which need not be the rules the files' configurations select.
        var scanning = results.Where(r => r.Files.Count > 0).ToList();
        var rules = (scanning.Count > 0 ? scanning : results).SelectMany(r => r.Rules)
            .DistinctBy(r => r.Id)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToArray();

        var merged = new ScanResult([.. results.SelectMany(r => r.Files).OrderBy(f => f.Path, StringComparer.Ordinal)], rules)
        {
            SkippedFiles = results.Sum(r => r.SkippedFiles),
            Skipped = [.. results.SelectMany(r => r.Skipped).Distinct().OrderBy(s => s.Path, StringComparer.Ordinal)],
            ConfigFiles = [.. results.SelectMany(r => r.ConfigFiles).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Errors = [.. results.SelectMany(r => r.Errors).Distinct(StringComparer.Ordinal)],
            Baseline = MergeBaselines(reports, warnings),
        };
        return new MergedReport(merged, versions.Count == 1 ? versions[0] : null, warnings);
    }

    /// <summary>Sharded reports must be shards 1..N of one N, each once; shards of different scans are a warning.</summary>
    private static void CheckShards(IReadOnlyList<JsonReport> reports, List<string> warnings)
    {
        var sharded = reports.Where(r => r.Result.Shard is not null).ToList();
        if (sharded.Count == 0)
        {
            return;
        }

        var counts = sharded.GroupBy(r => r.Result.Shard!.Count).ToList();
        if (counts.Count > 1)
        {
            throw new ReportMergeException($"the shards are of different scans: {string.Join(", ", sharded.Select(r => $"{r.Source} is shard {r.Result.Shard}"))}");
        }

        foreach (var twice in sharded.GroupBy(r => r.Result.Shard!.Index).Where(g => g.Count() > 1))
        {
            throw new ReportMergeException($"{Names(twice)} are both shard {twice.First().Result.Shard}");
        }

        var count = counts[0].Key;
        var missing = Enumerable.Range(1, count).Except(sharded.Select(r => r.Result.Shard!.Index)).ToList();
        if (missing.Count > 0)
        {
            throw new ReportMergeException($"{(missing.Count == 1 ? "shard" : "shards")} {string.Join(", ", missing.Select(i => $"{i}/{count}"))} {(missing.Count == 1 ? "is" : "are")} missing: without {(missing.Count == 1 ? "it" : "them")} the merged report would not be the whole scan");
        }

        if (sharded.Select(r => (r.Result.Shard!.Scan, r.Result.Shard.Files)).Distinct().Count() > 1)
        {
            warnings.Add($"the shards come from scans of different files or settings (tool version, paths, configuration files, parameter values, rule selection): {string.Join(", ", sharded.Select(r => $"{r.Source} ({r.Result.Shard!.Files} files, scan {r.Result.Shard.Scan})"))}");
        }
    }

    /// <summary>One baseline comparison: the stale entries of every report (each judged the templates it read), in the baseline's order.</summary>
    private static BaselineComparison? MergeBaselines(IReadOnlyList<JsonReport> reports, List<string> warnings)
    {
        var compared = reports.Where(r => r.Result.Baseline is not null).ToList();
        if (compared.Count == 0)
        {
            return null;
        }

        var kinds = compared.Select(r => (r.Result.Baseline!.File, r.Result.Baseline.Entries)).Distinct().ToList();
        if (kinds.Count > 1 || compared.Count < reports.Count)
        {
            warnings.Add($"the reports were not compared with one baseline: {string.Join(", ", reports.Select(r => r.Result.Baseline is { } b ? $"{r.Source}: {b.File} ({b.Entries} entries)" : $"{r.Source}: none"))}");
        }

        var first = compared[0].Result.Baseline!;
        return first with { Stale = Baseline.Ordered(compared.SelectMany(r => r.Result.Baseline!.Stale)) };
    }

    private static string Names(IEnumerable<JsonReport> reports) => string.Join(" and ", reports.Select(r => r.Source));
}
