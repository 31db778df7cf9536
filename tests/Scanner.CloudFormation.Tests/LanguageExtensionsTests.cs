using System.Diagnostics;
using System.Text.Json;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Tests;

namespace Scanner.CloudFormation.Tests;

public sealed class LanguageExtensionsTests
{
    private const string Buckets = """
        Transform: AWS::LanguageExtensions
        Parameters:
          Names:
            Type: CommaDelimitedList
            Default: "raw, curated"
        Resources:
          Fn::ForEach::Buckets:
            - Name
            - !Ref Names
            - ${Name}Bucket:
                Type: AWS::S3::Bucket
                Metadata:
                  cfn_nag:
                    rules_to_suppress: [{id: W35, reason: test}]
                Properties:
                  BucketName: !Sub "data-${Name}-${AWS::AccountId}"
                  Tags:
                    - Key: name
                      Value: !Ref Name
        Outputs:
          Fn::ForEach::Arns:
            - Name
            - [raw, curated]
            - ${Name}Arn:
                Value: !GetAtt [!Sub "${Name}Bucket", Arn]
        Conditions:
          Fn::ForEach::Stages:
            - Stage
            - [Dev, Prod]
            - Is${Stage}: !Equals [!Ref AWS::Region, !Ref Stage]
        """;

    private static Template Load(string yaml, EvaluationSettings? settings = null, List<SyntaxDiagnostic>? problems = null)
    {
        var tree = TemplateParser.Parse("le.yaml", yaml);
        Assert.Empty(tree.Diagnostics);
        problems ??= [];
        var template = Template.Load(tree, problems, settings)!;
        return template;
    }

    [Fact]
    public void A_loop_generates_its_resources_with_the_spans_of_the_loop_body_and_the_paths_of_the_transformed_template()
    {
        var problems = new List<SyntaxDiagnostic>();
        var template = Load(Buckets, problems: problems);
        Assert.Empty(problems);
        Assert.Equal(["rawBucket", "curatedBucket"], template.Resources.Select(r => r.LogicalId));

        var text = template.Tree.Source.Text;
        foreach (var bucket in template.Resources)
        {
            Assert.Equal("${Name}Bucket", text.Substring(bucket.KeyNode.Span.Start, bucket.KeyNode.Span.Length));
            Assert.Equal("AWS::S3::Bucket", text.Substring(bucket.TypeNode.Span.Start, bucket.TypeNode.Span.Length));
            Assert.Equal($"Resources/{bucket.LogicalId}", bucket.Path);
            Assert.Equal($"Resources/{bucket.LogicalId}/Properties/BucketName", bucket.Property("BucketName")!.Path);
        }

        var raw = template.GetResource("rawBucket")!;
        var name = Assert.IsType<IntrinsicNode>(raw.Property("BucketName"));
        Assert.Equal("data-raw-${AWS::AccountId}", Assert.IsType<ScalarNode>(name.Argument).Text);
        var tag = Assert.IsType<ScalarNode>(raw.Property("Tags.0.Value"));
        Assert.Equal("raw", tag.Text);
        Assert.Equal("!Ref Name", text.Substring(tag.Span.Start, tag.Span.Length));
    }

    [Fact]
    public void Generated_resources_carry_the_metadata_of_the_loop_body()
    {
        var template = Load(Buckets);
        foreach (var bucket in template.Resources)
        {
            var suppression = Assert.IsType<MappingNode>(Assert.IsType<MappingNode>(bucket.Metadata!.Get("cfn_nag")).Get("rules_to_suppress") is SequenceNode s ? s[0] : null);
            Assert.Equal("W35", ((ScalarNode)suppression.Get("id")!).Text);
        }
    }

    [Fact]
    public void A_collection_from_a_default_pins_the_parameter_and_a_given_value_is_a_fact()
    {
        var byDefault = Load(Buckets);
        Assert.All(byDefault.Resources, r => Assert.Equal([new ParameterPin("Names", "raw, curated", PinSource.Default)], r.ExpandedUnder));

        var given = Load(Buckets, new EvaluationSettings { ParameterValues = new Dictionary<string, string> { ["Names"] = "a,b,c" } });
        Assert.Equal(["aBucket", "bBucket", "cBucket"], given.Resources.Select(r => r.LogicalId));
        Assert.All(given.Resources, r => Assert.Empty(r.ExpandedUnder));
    }

    [Fact]
    public void Outputs_and_conditions_loops_are_expanded_and_computed_getatt_targets_resolved()
    {
        var template = Load(Buckets);
        Assert.Equal(["rawArn", "curatedArn"], template.Outputs.Keys);
        var value = Assert.IsType<IntrinsicNode>(template.Outputs["rawArn"].Value);
        Assert.Equal("rawBucket", Assert.IsType<ScalarNode>(((SequenceNode)value.Argument)[0]).Text);
        Assert.Equal(["IsDev", "IsProd"], template.Conditions.Keys);
        var equals = Assert.IsType<IntrinsicNode>(template.Conditions["IsProd"]);
        Assert.Equal("Prod", Assert.IsType<ScalarNode>(equals.Arguments[1]).Text);
    }

    [Fact]
    public void Properties_loops_generate_properties_and_nested_loops_see_the_outer_identifier()
    {
        var template = Load("""
            Transform: AWS::LanguageExtensions
            Mappings:
              Zones:
                Public: {List: [a, b]}
                Private: {List: [c]}
            Resources:
              Fn::ForEach::Tiers:
                - Tier
                - [Public, Private]
                - Fn::ForEach::Zones:
                    - Zone
                    - !FindInMap [Zones, !Ref Tier, List]
                    - ${Tier}${Zone}:
                        Type: AWS::SNS::Topic
                        Properties:
                          Fn::ForEach::Tags:
                            - Key
                            - [Owner, Zone]
                            - Tag${Key}: !Sub "${Tier}-${Zone}"
            """);
        Assert.Equal(["Publica", "Publicb", "Privatec"], template.Resources.Select(r => r.LogicalId));
        var properties = template.GetResource("Privatec")!.Properties!;
        Assert.Equal(["TagOwner", "TagZone"], properties.Keys);
        Assert.Equal("Private-c", ((ScalarNode)((IntrinsicNode)properties.Get("TagZone")!).Argument).Text);
    }

    [Fact]
    public void A_template_without_loops_keeps_its_nodes()
    {
        var template = Load("""
            Transform: AWS::LanguageExtensions
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            """);
        Assert.Same(template.Root.Get("Resources"), template.ExpandedRoot.Get("Resources"));
        Assert.Null(template.ExpandedRoot.Get("Transform")); // applied: the transformed template no longer names it
        Assert.Equal(["AWS::LanguageExtensions"], template.Transforms);
    }

    [Fact]
    public void Default_policies_given_by_a_parameter_value_become_the_value()
    {
        const string yaml = """
            Transform: AWS::LanguageExtensions
            Parameters:
              Policy: {Type: String, Default: Retain}
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                DeletionPolicy: !Ref Policy
            """;
        Assert.IsType<IntrinsicNode>(Load(yaml).Resources[0].Attribute("DeletionPolicy"));
        var given = Load(yaml, new EvaluationSettings { ParameterValues = new Dictionary<string, string> { ["Policy"] = "Delete" } });
        Assert.Equal("Delete", Assert.IsType<ScalarNode>(given.Resources[0].Attribute("DeletionPolicy")).Text);
    }

    [Fact]
    public void Length_and_ToJsonString_evaluate_to_their_values_when_the_parts_are_known()
    {
        var template = Load("""
            Transform: AWS::LanguageExtensions
            Parameters:
              Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
              Owner: {Type: String}
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !Length [x, !Ref AWS::NoValue, y]
                  Tags:
                    - {Key: known, Value: !ToJsonString {size: 3, on: true, name: "a+b", zones: [a, b]}}
                    - {Key: unknown, Value: !ToJsonString {owner: !Ref Owner}}
                    - Key: zones
                      Value:
                        Fn::Length: !Ref Zones
            """);
        var evaluator = new TemplateEvaluator(template);
        var queue = template.Resources[0];
        Assert.Equal("2", Assert.IsType<LiteralValue>(evaluator.Evaluate(queue.Property("DelaySeconds"))).Text);
        Assert.Equal("""{"size":3,"on":true,"name":"a+b","zones":["a","b"]}""", Assert.IsType<LiteralValue>(evaluator.Evaluate(queue.Property("Tags.0.Value"))).Text);
        Assert.IsType<SymbolicValue>(evaluator.Evaluate(queue.Property("Tags.1.Value"), Scenario.Always));
        Assert.Equal("3", Assert.IsType<LiteralValue>(evaluator.Evaluate(queue.Property("Tags.2.Value"))).Text);
    }

    /// <summary>
    /// The real templates of the peer corpora that use AWS::LanguageExtensions (Fn::ForEach or its other features)
    /// load without E-findings, and every resource they generate is part of the model. (At the time of writing the
    /// corpora hold one such template, sam-translator's policy-attribute test, and none with Fn::ForEach: the
    /// fixtures under fixtures/rules/E205x and W35 cover loops, and the cfn-lint comparison below checks them.)
    /// </summary>
    [CorpusFact]
    public void Corpus_templates_with_language_extensions_load_clean_with_their_generated_resources()
    {
        var files = CorpusTemplates();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var tree = TemplateParser.ParseFile(file, file);
            var problems = new List<SyntaxDiagnostic>();
            var template = Template.Load(tree, problems)!;
            Assert.True(problems.Count == 0, $"{file}: {string.Join("; ", problems.Select(p => $"{p.RuleId} {p.Message}"))}");
            var loops = CountLoops(template.Root.Get("Resources"));
            Assert.True(template.SourceResources.Count >= loops, $"{file}: {loops} loops generated only {template.SourceResources.Count} resources");
            Assert.DoesNotContain(template.SourceResources, r => r.LogicalId.StartsWith("Fn::ForEach::", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Differential check against cfn-lint's implementation of the transform: the logical ids generated for every
    /// loop fixture that expands cleanly (and every corpus template with the transform) are the ones cfn-lint
    /// generates, wherever cfn-lint can transform the template (it rejects Fn::Split collections, for one).
    /// </summary>
    [CfnLintPythonFact]
    public void Generated_logical_ids_match_cfn_lint()
    {
        var files = Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "rules"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("AWS::LanguageExtensions", StringComparison.Ordinal) && !File.Exists(f + ".parameters"))
            .Where(f => FixtureExpectations.Read(f).All(e => !e.RuleId.StartsWith('E')))
            .Concat(TestPaths.HasCorpus ? CorpusTemplates() : [])
            .Order(StringComparer.Ordinal)
            .ToList();
        var theirs = CfnLintPython.GeneratedResourceIds(files);
        var compared = 0;
        var differences = new List<string>();
        foreach (var file in files)
        {
            if (theirs[file] is not { } expected)
            {
                continue;
            }

            compared++;
            var ours = Template.Load(TemplateParser.ParseFile(file, file), [])!.SourceResources.Select(r => r.LogicalId).Order(StringComparer.Ordinal).ToList();
            if (!ours.SequenceEqual(expected))
            {
                differences.Add($"{file}: ours [{string.Join(", ", ours)}], cfn-lint [{string.Join(", ", expected)}]");
            }
        }

        Assert.True(compared >= 5, $"only {compared} of {files.Count} templates could be compared with cfn-lint");
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static List<string> CorpusTemplates() =>
        Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".template", StringComparison.Ordinal))
            .Where(f => !f.Contains("expected-output", StringComparison.Ordinal))
            .Where(f =>
            {
                var text = File.ReadAllText(f);
                return text.Contains("Fn::ForEach", StringComparison.Ordinal) || text.Contains("AWS::LanguageExtensions", StringComparison.Ordinal);
            })
            .Order(StringComparer.Ordinal)
            .ToList();

    private static int CountLoops(SyntaxNode? node) => node is MappingNode map
        ? map.Entries.Count(e => e.Key.Text.StartsWith("Fn::ForEach::", StringComparison.Ordinal))
        : 0;
}

/// <summary>A fact that needs python3 with the cfnlint package (pip install cfn-lint); skipped with the reason where it is not.</summary>
public sealed class CfnLintPythonFactAttribute : FactAttribute
{
    public CfnLintPythonFactAttribute()
    {
        if (!CfnLintPython.IsAvailable)
        {
            Skip = "python3 with the cfnlint package is not available (pip install cfn-lint); the Fn::ForEach expansion is not compared with cfn-lint's.";
        }
    }
}

/// <summary>cfn-lint's own AWS::LanguageExtensions transform, run through tests/tools/cfn-lint-language-extensions.py.</summary>
public static class CfnLintPython
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            var (code, _) = Run(["-c", "import cfnlint.template.transforms._language_extensions"]);
            return code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static bool IsAvailable => Available.Value;

    /// <summary>For each file, the sorted logical ids after cfn-lint's transform, or null when cfn-lint cannot transform it.</summary>
    public static Dictionary<string, List<string>?> GeneratedResourceIds(IReadOnlyList<string> files)
    {
        var script = Path.Combine(TestPaths.RepoRoot, "tests", "tools", "cfn-lint-language-extensions.py");
        var (code, output) = Run([script, .. files]);
        Assert.True(code == 0, $"{script} failed: {output}");
        using var json = JsonDocument.Parse(output);
        return files.ToDictionary(
            f => f,
            f => json.RootElement.GetProperty(f) is { ValueKind: JsonValueKind.Array } ids ? ids.EnumerateArray().Select(i => i.GetString()!).ToList() : null);
    }

    private static (int Code, string Output) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? output : errors.Result);
    }
}
