using System.Text.Json;
using Scanner.CloudFormation.Syntax;
using Scanner.Tests;
using YamlDotNet.RepresentationModel;

namespace Scanner.CloudFormation.Tests;

/// <summary>
/// Every template of the peer corpora that is valid YAML/JSON (judged by independent loaders: YamlDotNet's
/// representation model, System.Text.Json's document) must parse with no E0000 and no exception.
/// </summary>
public sealed class CorpusParsingTests
{
    [CorpusFact]
    public void Every_valid_corpus_template_parses_without_E0000()
    {
        var roots = new[]
        {
            Path.Combine(TestPaths.Corpus, "cfn-nag", "templates"),
            Path.Combine(TestPaths.Corpus, "sam-translator", "input"),
        };
        var files = roots.Where(Directory.Exists)
            .SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".template", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 1000, $"expected the corpus to hold over 1000 templates, found {files.Count}");

        var failures = new List<string>();
        var valid = 0;
        foreach (var file in files)
        {
            SyntaxTree tree;
            try
            {
                tree = TemplateParser.ParseFile(file, file);
            }
            catch (Exception ex)
            {
                failures.Add($"{file}: exception {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            if (!IsValidPerIndependentLoader(file))
            {
                continue;
            }

            valid++;
            var e0000 = tree.Diagnostics.FirstOrDefault(d => d.RuleId == "E0000");
            if (e0000 is not null)
            {
                var span = tree.Source.GetSpan(e0000.Span);
                failures.Add($"{file}:{span.StartLine}:{span.StartColumn}: {e0000.Message}");
            }
        }

        Assert.True(valid > 1000, $"only {valid} valid templates found");
        Assert.True(failures.Count == 0, $"{failures.Count} of {valid} valid templates failed:\n" + string.Join("\n", failures.Take(30)));
    }

    private static bool IsValidPerIndependentLoader(string file)
    {
        var text = File.ReadAllText(file);
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                return true;
            }
            catch (JsonException)
            {
                if (file.EndsWith(".json", StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            return yaml.Documents.Count == 1;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return false;
        }
    }
}
