namespace Scanner.Guard;

/// <summary>Finds and parses Guard rule files (<c>.guard</c>/<c>.ruleset</c>) and their <c>packs.yaml</c> metadata.</summary>
public static class GuardRuleLoader
{
    /// <summary>Rule files under the given files/directories (recursive, sorted), and pack files found alongside.</summary>
    public static (List<string> RuleFiles, List<string> PackFiles, List<string> Errors) Discover(IEnumerable<string> paths, string baseDirectory)
    {
        var rules = new List<string>();
        var packs = new List<string>();
        var errors = new List<string>();
        foreach (var given in paths)
        {
            var full = Path.GetFullPath(given, baseDirectory);
            if (File.Exists(full))
            {
                rules.Add(full);
                var pack = Path.Combine(Path.GetDirectoryName(full)!, GuardPackMetadata.FileName);
                if (File.Exists(pack))
                {
                    packs.Add(pack);
                }
            }
            else if (Directory.Exists(full))
            {
                rules.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(GuardTestRunner.IsRuleFile).Order(StringComparer.Ordinal));
                packs.AddRange(Directory.EnumerateFiles(full, GuardPackMetadata.FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else
            {
                errors.Add($"{given}: no such Guard rule file or directory.");
            }
        }

        return (rules.Distinct(StringComparer.Ordinal).ToList(), packs.Distinct(StringComparer.Ordinal).ToList(), errors);
    }

    /// <summary>Parses each file once; a malformed file becomes an error with file:line:column and the others still load.</summary>
    public static List<LoadedGuardFile> Parse(IEnumerable<string> ruleFiles, string baseDirectory, List<string> errors)
    {
        // Files parse independently, so they are parsed in parallel; results and errors keep the input order.
        var files = ruleFiles.ToArray();
        var results = new (LoadedGuardFile? File, string? Error)[files.Length];
        Parallel.For(0, files.Length, i =>
        {
            var file = files[i];
            var display = Path.GetRelativePath(baseDirectory, file);
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                results[i] = (null, $"{display}: cannot read the rule file: {ex.Message}");
                return;
            }

            var rules = GuardParser.TryParse(display, text, out var error);
            results[i] = rules is null ? (null, error!.Message) : (new LoadedGuardFile(file, display, rules), null);
        });

        errors.AddRange(results.Where(r => r.Error is not null).Select(r => r.Error!));
        return results.Where(r => r.File is not null).Select(r => r.File!).ToList();
    }

    /// <summary>Everything <c>scan --rules</c> needs: the rule set (null when nothing loaded) and the load errors.</summary>
    public static (GuardRuleSet? RuleSet, List<string> Errors) Load(IEnumerable<string> paths, string baseDirectory, GuardOptions? options = null)
    {
        var (ruleFiles, packFiles, errors) = Discover(paths, baseDirectory);
        var files = Parse(ruleFiles, baseDirectory, errors);
        var metadata = GuardPackMetadata.Load(packFiles, errors);
        return (files.Count == 0 ? null : new GuardRuleSet(files, metadata, options), errors);
    }
}
