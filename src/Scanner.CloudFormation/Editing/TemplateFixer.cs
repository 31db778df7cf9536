using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Editing;

/// <summary>What fixing one template did.</summary>
public sealed record FixOutcome(string OriginalText, string Text)
{
    public bool Changed => !string.Equals(OriginalText, Text, StringComparison.Ordinal);

    /// <summary>The findings whose fixes were applied, in the order they were.</summary>
    public IReadOnlyList<Finding> Applied { get; init; } = [];

    /// <summary>Findings whose fix was refused because the template would no longer have parsed or loaded.</summary>
    public IReadOnlyList<Finding> Refused { get; init; } = [];

    /// <summary>Findings of the fixed template that still offer a fix the caller chose not to apply.</summary>
    public IReadOnlyList<Finding> NotApplied { get; init; } = [];

    /// <summary>Every finding of the fixed template.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}

/// <summary>
/// Applies the fixes an analyzer offers for one template until none is left: each round analyses the current text,
/// applies every offered fix whose edits do not touch another's, and re-parses the result. A round whose result does
/// not parse or load as well as the original (a new E0000–E0003 problem) is retried fix by fix, and a fix that breaks
/// the template is refused. Fixing the result again changes nothing.
/// </summary>
public sealed class TemplateFixer
{
    /// <summary>Far more rounds than any template needs (a round applies every fix that does not collide with another).</summary>
    private const int MaxRounds = 32;

    private readonly TemplateAnalyzer _analyzer;
    private readonly Func<Finding, bool> _accept;

    /// <param name="analyzer">An analyzer built with an <see cref="IFixProvider"/>.</param>
    /// <param name="accept">Which offered fixes to apply (e.g. only some rules).</param>
    public TemplateFixer(TemplateAnalyzer analyzer, Func<Finding, bool>? accept = null)
    {
        _analyzer = analyzer;
        _accept = accept ?? (_ => true);
    }

    public FixOutcome Fix(string displayPath, string text)
    {
        var original = text;
        var baseline = Problems(TemplateParser.Parse(displayPath, text));
        var applied = new List<Finding>();
        var refused = new List<Finding>();
        var refusedKeys = new HashSet<(string, string?, string)>();
        IReadOnlyList<Finding> findings = [];
        for (var round = 0; round < MaxRounds; round++)
        {
            findings = _analyzer.Analyze(TemplateParser.Parse(displayPath, text), displayPath).Findings;
            var offered = findings.Where(f => f.Fix is not null && _accept(f) && !refusedKeys.Contains(Key(f))).ToList();
            if (offered.Count == 0)
            {
                break;
            }

            var batch = new List<Finding>();
            var edits = new List<TextEdit>();
            foreach (var finding in offered)
            {
                if (!finding.Fix!.Edits.Any(e => edits.Any(e.ConflictsWith)))
                {
                    batch.Add(finding);
                    edits.AddRange(finding.Fix.Edits);
                }
            }

            var candidate = TextEdit.Apply(text, edits);
            if (IsAsSound(displayPath, candidate, baseline))
            {
                text = candidate;
                applied.AddRange(batch);
                continue;
            }

            // Some fix of the batch breaks the template: apply the first one that does not, refuse those before it.
            foreach (var finding in batch)
            {
                candidate = TextEdit.Apply(text, finding.Fix!.Edits);
                if (IsAsSound(displayPath, candidate, baseline))
                {
                    text = candidate;
                    applied.Add(finding);
                    break;
                }

                refusedKeys.Add(Key(finding));
                refused.Add(finding);
            }
        }

        return new FixOutcome(original, text)
        {
            Applied = applied,
            Refused = refused,
            NotApplied = findings.Where(f => f.Fix is not null && !refusedKeys.Contains(Key(f))).ToList(),
            Findings = findings,
        };
    }

    private static (string, string?, string) Key(Finding f) => (f.RuleId, f.LogicalId, f.Path);

    /// <summary>The template problems of a text (E0000–E0003 and the like), counted by id.</summary>
    private static Dictionary<string, int> Problems(SyntaxTree tree)
    {
        var problems = new List<SyntaxDiagnostic>(tree.Diagnostics);
        if (tree.Root is not null)
        {
            Template.Load(tree, problems);
        }

        return problems.GroupBy(p => p.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    private static bool IsAsSound(string displayPath, string candidate, Dictionary<string, int> baseline)
    {
        var tree = TemplateParser.Parse(displayPath, candidate);
        return !tree.HasFatalError && Problems(tree).All(p => p.Value <= baseline.GetValueOrDefault(p.Key));
    }
}
