using System.Text.Json;
using System.Text.Json.Nodes;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Rules;
using Scanner.Tests;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests;

/// <summary>
/// Parity with cfn-nag over its own spec corpus (../shared/corpus/cfn-nag/expected.json). Every entry of an
/// implemented rule must give the same offending logical ids (order-insensitive), unless the entry is listed in
/// cfn-nag-known-differences.json with the reason we deliberately differ (an entry there names the template, the
/// rule and, when the spec entry ran with values, its "inputs" object).
/// </summary>
public sealed class CfnNagParityTests(ITestOutputHelper output)
{
    private static string CorpusRoot => Path.Combine(TestPaths.Corpus, "cfn-nag");

    /// <summary>Entries that must match cfn-nag (exactly, or with --undecided-conditions true where listed so).</summary>
    private const int MinimumParity = 675;

    private static string KnownDifferencesPath => Path.Combine(TestPaths.RepoRoot, "tests", "Scanner.Cli.Tests", "cfn-nag-known-differences.json");

    [CorpusFact]
    public void Spec_entries_match_cfn_nag_or_are_listed_as_known_differences()
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(CorpusRoot, "expected.json")))!;
        var entries = expected["entries"]!.AsArray();
        var implemented = BuiltInRules.All.SelectMany(r => r.SupportedDescriptors).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var known = LoadKnownDifferences();

        int matched = 0, listed = 0, matchedAsCfnNagReads = 0, notImplemented = 0;
        var unexplained = new List<string>();
        var stale = new List<string>();
        var compatibilityBroken = new List<string>();
        foreach (var entry in entries)
        {
            var template = entry!["template"]!.GetValue<string>();
            var rule = entry["rule"]!.GetValue<string>();
            if (!implemented.Contains(rule))
            {
                notImplemented++;
                continue;
            }

            var want = entry["expected_offenders"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var got = Offenders(template, rule, ParameterValues(entry["parameter_values"]), entry["condition_values"]?["json"], entry["rule_arguments"], UndecidedConditions.Both);
            var key = $"{template}|{rule}|{Inputs(entry)}";
            var same = want.SetEquals(got);
            if (same)
            {
                matched++;
                if (known.ContainsKey(key))
                {
                    stale.Add(key);
                }
            }
            else if (known.TryGetValue(key, out var difference))
            {
                listed++;

                // A difference that is only cfn-nag's reading of undecided conditions must vanish with
                // --undecided-conditions true, the documented switch for cfn-nag's behaviour.
                if (difference.UndecidedConditionsTrue)
                {
                    var asCfnNag = Offenders(template, rule, ParameterValues(entry["parameter_values"]), entry["condition_values"]?["json"], entry["rule_arguments"], UndecidedConditions.True);
                    if (want.SetEquals(asCfnNag))
                    {
                        matchedAsCfnNagReads++;
                    }
                    else
                    {
                        compatibilityBroken.Add($"{key}: cfn-nag [{string.Join(", ", want.Order())}] vs ours with --undecided-conditions true [{string.Join(", ", asCfnNag.Order())}]");
                    }
                }
            }
            else
            {
                unexplained.Add($"{key}: cfn-nag [{string.Join(", ", want.Order())}] vs ours [{string.Join(", ", got.Order())}]");
            }
        }

        var total = entries.Count;
        output.WriteLine($"cfn-nag parity: {matched} of {total} entries match exactly ({100.0 * matched / total:F1}%), {matched + matchedAsCfnNagReads} of {total} with --undecided-conditions true (cfn-nag's reading of conditions), {listed} deliberate differences, {notImplemented} entries for rules not implemented yet, {unexplained.Count} unexplained.");
        Assert.True(compatibilityBroken.Count == 0, "listed as matching cfn-nag with --undecided-conditions true, but they do not:\n" + string.Join("\n", compatibilityBroken));
        Assert.True(matched + matchedAsCfnNagReads >= MinimumParity, $"cfn-nag parity {matched + matchedAsCfnNagReads} of {total} is below the ratchet {MinimumParity}");
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} entries differ from cfn-nag and are not listed in cfn-nag-known-differences.json:\n" + string.Join("\n", unexplained));
        Assert.True(stale.Count == 0, "listed as known differences but now matching (remove them):\n" + string.Join("\n", stale));
    }

    [CorpusFact]
    public void Full_template_scans_match_for_implemented_rules()
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(CorpusRoot, "expected.json")))!;

        // cfn-nag's ids only: our own rules (trust policies, Guard, E-series) have no cfn-nag counterpart to compare.
        var implemented = BuiltInRules.All.SelectMany(r => r.SupportedDescriptors).Select(d => d.Id)
            .Where(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^[FW][0-9]+$"))
            .ToHashSet(StringComparer.Ordinal);
        var known = LoadKnownDifferences();
        var problems = new List<string>();
        foreach (var scan in expected["full_scan"]!.AsArray())
        {
            var template = scan!["template"]!.GetValue<string>();
            var settings = EvaluationSettings.Default;
            if (ParameterValues(scan["parameter_values"]) is { } values)
            {
                var file = Path.GetTempFileName();
                File.WriteAllText(file, values.ToJsonString());
                settings = ConfigurationFiles.LoadParameterValues(file, settings);
                File.Delete(file);
            }

            var result = ScanRunner.Run(new ScanRequest { Paths = [Path.Combine(CorpusRoot, template)], BaseDirectory = CorpusRoot, Settings = settings, MaxDegreeOfParallelism = 1 });
            var ours = result.AllFindings.Where(f => !f.Suppressed && implemented.Contains(f.RuleId) && f.Kind == RuleKind.CfnNag)
                .GroupBy(f => f.RuleId)
                .ToDictionary(g => g.Key, g => g.Select(f => f.LogicalId ?? string.Empty).ToHashSet(StringComparer.Ordinal));
            if (scan["expected_violations"] is not JsonArray violations)
            {
                // Incomplete entries only state which failing rules fired (SAM templates cfn-nag expands partially).
                var expectedFailRules = scan["expected_fail_rule_ids_in_order"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
                var ourFailRules = result.AllFindings.Where(f => !f.Suppressed && f.Kind == RuleKind.CfnNag && f.Level == RuleLevel.Failure && implemented.Contains(f.RuleId)).Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
                if (!expectedFailRules.SetEquals(ourFailRules) && !known.ContainsKey($"{template}||full-scan"))
                {
                    problems.Add($"{template}: failing rules cfn-nag [{string.Join(", ", expectedFailRules.Order())}] vs ours [{string.Join(", ", ourFailRules.Order())}]");
                }

                continue;
            }

            var theirs = violations
                .Where(v => implemented.Contains(v!["rule"]!.GetValue<string>()))
                .ToDictionary(v => v!["rule"]!.GetValue<string>(), v => v!["logical_resource_ids"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal));
            foreach (var rule in ours.Keys.Union(theirs.Keys))
            {
                var a = theirs.GetValueOrDefault(rule) ?? [];
                var b = ours.GetValueOrDefault(rule) ?? [];
                if (!a.SetEquals(b) && !known.ContainsKey($"{template}|{rule}|full-scan"))
                {
                    problems.Add($"{template}|{rule}: cfn-nag [{string.Join(", ", a.Order())}] vs ours [{string.Join(", ", b.Order())}]");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Known_differences_all_have_reasons()
    {
        foreach (var (key, difference) in LoadKnownDifferences())
        {
            Assert.False(string.IsNullOrWhiteSpace(difference.Reason), $"{key} has no reason");
        }
    }

    /// <summary>
    /// Which inputs an entry ran with (several entries share a template and rule): empty for none, else the
    /// compact JSON of its parameter/condition values and rule arguments, as written in the known-differences file.
    /// </summary>
    private static string Inputs(JsonNode entry)
    {
        var inputs = new JsonObject();
        foreach (var name in new[] { "parameter_values", "condition_values", "rule_arguments" })
        {
            if (entry[name] is { } value)
            {
                inputs[name] = value.DeepClone();
            }
        }

        return inputs.Count == 0 ? string.Empty : inputs.ToJsonString();
    }

    /// <summary>Inline values ("json"), or a values file of cfn-nag's spec tree, which the corpus keeps under templates/.</summary>
    private static JsonNode? ParameterValues(JsonNode? spec)
    {
        if (spec?["json"] is { } inline)
        {
            return inline;
        }

        if (spec?["file"]?.GetValue<string>() is { } file)
        {
            var local = Path.Combine(CorpusRoot, file.Replace("spec/test_templates/", "templates/", StringComparison.Ordinal));
            return JsonNode.Parse(File.ReadAllText(local));
        }

        return null;
    }

    private static HashSet<string> Offenders(string template, string rule, JsonNode? parameterValues, JsonNode? conditionValues, JsonNode? ruleArguments, UndecidedConditions undecided)
    {
        var settings = EvaluationSettings.Default with { UndecidedConditions = undecided };
        var temp = new List<string>();
        try
        {
            if (parameterValues is not null)
            {
                var file = Path.GetTempFileName();
                temp.Add(file);
                File.WriteAllText(file, parameterValues.ToJsonString());
                settings = ConfigurationFiles.LoadParameterValues(file, settings);
            }

            if (conditionValues is not null)
            {
                var file = Path.GetTempFileName();
                temp.Add(file);
                File.WriteAllText(file, conditionValues.ToJsonString());
                settings = ConfigurationFiles.LoadConditionValues(file, settings);
            }
        }
        finally
        {
            temp.ForEach(File.Delete);
        }

        var arguments = ruleArguments is JsonObject o
            ? new RuleArguments(o.ToDictionary(kv => kv.Key, kv => kv.Value!.ToString()))
            : RuleArguments.Empty;
        var result = ScanRunner.Run(new ScanRequest
        {
            Paths = [Path.Combine(CorpusRoot, template)],
            BaseDirectory = CorpusRoot,
            Settings = settings,
            Selection = new RuleSelection(new HashSet<string> { rule }, null),
            Arguments = arguments,
            MaxDegreeOfParallelism = 1,
        });

        // cfn-nag's specs call the rule directly, before suppressions: compare the same thing.
        return result.AllFindings.Where(f => f.RuleId == rule && f.LogicalId is not null).Select(f => f.LogicalId!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>"full-scan" for whole-template entries, else the spec entry's inputs (see <see cref="Inputs"/>).</summary>
    private static string KeyInputs(JsonElement e) =>
        e.TryGetProperty("scope", out var scope) && scope.GetString() == "full-scan" ? "full-scan"
        : e.TryGetProperty("inputs", out var i) ? JsonNode.Parse(i.GetRawText())!.ToJsonString() : string.Empty;

    /// <summary>Why Scanner differs from cfn-nag on an entry, and whether cfn-nag's reading of conditions removes the difference.</summary>
    private sealed record KnownDifference(string Reason, bool UndecidedConditionsTrue);

    private static Dictionary<string, KnownDifference> LoadKnownDifferences()
    {
        if (!File.Exists(KnownDifferencesPath))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(KnownDifferencesPath));
        return doc.RootElement.GetProperty("differences").EnumerateArray()
            .ToDictionary(
                e => $"{e.GetProperty("template").GetString()}|{e.GetProperty("rule").GetString()}|{KeyInputs(e)}",
                e => new KnownDifference(
                    e.GetProperty("reason").GetString() ?? string.Empty,
                    e.TryGetProperty("matches_with", out var with) && with.GetString() == "--undecided-conditions true"));
    }
}
