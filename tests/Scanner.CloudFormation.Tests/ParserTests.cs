using System.Text;
using Scanner.CloudFormation.Syntax;
using Scanner.Tests;

namespace Scanner.CloudFormation.Tests;

public sealed class ParserTests
{
    private static SyntaxTree ParseFixture(string relative) =>
        TemplateParser.ParseFile(Path.Combine(TestPaths.Fixtures, "parser", relative), relative);

    private static (int Line, int Column) Start(SyntaxTree tree, SyntaxNode node)
    {
        var span = tree.GetSpan(node);
        return (span.StartLine, span.StartColumn);
    }

    private static (int Line, int Column) End(SyntaxTree tree, SyntaxNode node)
    {
        var span = tree.GetSpan(node);
        return (span.EndLine, span.EndColumn);
    }

    private static MappingNode Map(SyntaxNode? node) => Assert.IsType<MappingNode>(node);

    [Theory]
    [InlineData("t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n")]
    [InlineData("t.json", "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}")]
    public void A_byte_order_mark_is_not_part_of_the_text(string name, string text)
    {
        var tree = TemplateParser.Parse(name, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        Assert.False(tree.HasFatalError);
        Assert.Equal(text, tree.Source.Text);
        Assert.Equal((1, 1), Start(tree, Map(tree.Root)));
    }

    [Fact]
    public void Yaml_block_style_spans_are_exact_for_keys_and_values()
    {
        var tree = ParseFixture("spans.yaml");
        var resources = Map(Map(tree.Root).Get("Resources"));
        var block = Map(resources.Get("Block"));
        Assert.Equal((2, 3), Start(tree, resources.GetKey("Block")!));
        Assert.Equal((3, 5), Start(tree, block.GetKey("Type")!));
        Assert.Equal((3, 11), Start(tree, block.Get("Type")!));
        Assert.Equal((3, 26), End(tree, block.Get("Type")!));
        var props = Map(block.Get("Properties"));
        Assert.Equal((5, 13), Start(tree, props.Get("Name")!));
        Assert.Equal((6, 15), Start(tree, props.Get("Quoted")!));
        Assert.Equal((6, 23), End(tree, props.Get("Quoted")!));
        Assert.Equal("Resources/Block/Properties/Quoted", props.Get("Quoted")!.Path);
    }

    [Theory]
    [InlineData("    ")] // as many spaces as the content: valid YAML that YamlDotNet alone refuses
    [InlineData("  ")] // fewer spaces than the content
    [InlineData("          ")] // more spaces than the content: YAML 1.2 calls it an error, CloudFormation users write it
    public void Yaml_block_scalars_starting_with_whitespace_only_lines_are_read_as_cloudformation_reads_them(string blank)
    {
        var text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub |\n" + blank + "\n        abc-${AWS::Region}\n      Tags: [{Key: k, Value: v}]\n";
        var tree = TemplateParser.Parse("blank.yaml", text);
        var properties = Map(Map(Map(Map(tree.Root).Get("Resources")).Get("B")).Get("Properties"));
        var sub = Assert.IsType<IntrinsicNode>(properties.Get("BucketName"));
        Assert.Equal("\nabc-${AWS::Region}\n", Assert.IsType<ScalarNode>(sub.Argument).Text);

        // Spans after the repaired lines still point into the file as written.
        Assert.Equal((8, 7), Start(tree, properties.GetKey("Tags")!));
        Assert.Equal((8, 20), Start(tree, Map(Assert.IsType<SequenceNode>(properties.Get("Tags"))[0]).Get("Key")!));
        if (blank.Length > 8)
        {
            var warning = Assert.Single(tree.Diagnostics);
            Assert.Equal(TemplateDiagnostics.BlockScalarBlankLineId, warning.RuleId);
            Assert.Equal((6, 1), (tree.Source.GetSpan(warning.Span).StartLine, tree.Source.GetSpan(warning.Span).StartColumn));
        }
        else
        {
            Assert.Empty(tree.Diagnostics);
        }
    }

    [Fact]
    public void Yaml_flow_style_spans_are_exact()
    {
        var tree = ParseFixture("spans.yaml");
        var flow = Map(Map(Map(tree.Root).Get("Resources")).Get("Flow"));
        Assert.Equal((7, 9), Start(tree, flow));
        Assert.Equal((7, 10), Start(tree, flow.GetKey("Type")!));
        Assert.Equal((7, 16), Start(tree, flow.Get("Type")!));
        var items = Assert.IsType<SequenceNode>(Map(flow.Get("Properties")).Get("Items"));
        Assert.Equal((7, 55), Start(tree, items));
        Assert.Equal((7, 56), Start(tree, items[0]));
        Assert.Equal((7, 59), Start(tree, items[1]));
        Assert.Equal("Resources/Flow/Properties/Items/1", items[1].Path);
    }

    [Fact]
    public void Json_spans_are_exact_including_after_non_ascii_text()
    {
        var tree = ParseFixture("spans.json");
        var block = Map(Map(Map(tree.Root).Get("Resources")).Get("Block"));
        Assert.Equal((4, 7), Start(tree, block.GetKey("Type")!));
        Assert.Equal((4, 15), Start(tree, block.Get("Type")!));
        Assert.Equal((4, 32), End(tree, block.Get("Type")!));
        var props = Map(block.Get("Properties"));
        Assert.Equal((5, 30), Start(tree, props.Get("Name")!));
        Assert.Equal((5, 50), Start(tree, props.Get("Unicode")!));
        Assert.Equal((5, 68), Start(tree, props.Get("After")!));
        Assert.Equal(ScalarKind.Integer, ((ScalarNode)props.Get("After")!).ScalarKind);
    }

    [Fact]
    public void Short_forms_and_long_forms_produce_the_same_tree()
    {
        var yaml = ParseFixture("short-forms.yaml");
        var json = ParseFixture("long-forms.json");
        Assert.Empty(yaml.Diagnostics);
        Assert.Empty(json.Diagnostics);
        Assert.Equal(Shape(json.Root!), Shape(yaml.Root!));
    }

    [Fact]
    public void GetAtt_short_form_splits_at_the_first_dot_with_spans_for_each_part()
    {
        var tree = ParseFixture("short-forms.yaml");
        var queue = Map(Map(Map(tree.Root).Get("Resources")).Get("Queue"));
        var dotted = Assert.IsType<IntrinsicNode>(Map(queue.Get("Properties")).Get("Dotted"));
        Assert.Equal("Fn::GetAtt", dotted.Name);
        Assert.True(dotted.IsShortForm);
        var parts = dotted.Arguments;
        Assert.Equal("Queue", ((ScalarNode)parts[0]).Text);
        Assert.Equal("Attr.Deep", ((ScalarNode)parts[1]).Text);
        Assert.Equal((37, 23), Start(tree, parts[0]));
        Assert.Equal((37, 29), Start(tree, parts[1]));
        Assert.Equal((37, 15), Start(tree, dotted));
    }

    [Fact]
    public void Surprising_yaml_scalars_keep_their_text_and_get_an_explicit_kind()
    {
        var root = Map(ParseFixture("scalars.yaml").Root);
        ScalarNode S(string key) => Assert.IsType<ScalarNode>(root.Get(key));
        Assert.Equal(("2012-10-17", ScalarKind.String), (S("Version").Text, S("Version").ScalarKind));
        Assert.Equal(("::/0", ScalarKind.String), (S("Ipv6").Text, S("Ipv6").ScalarKind));
        Assert.Equal(ScalarKind.Boolean, S("Yes").ScalarKind);
        Assert.True(S("Yes").BooleanValue);
        Assert.False(S("Off").BooleanValue);
        Assert.Equal(("0755", ScalarKind.Integer), (S("Octal").Text, S("Octal").ScalarKind));
        Assert.Equal(ScalarKind.String, S("NotOctal").ScalarKind);
        Assert.Equal(31, S("Hex").IntegerValue);
        Assert.Equal(ScalarKind.Float, S("Float").ScalarKind);
        Assert.Equal(ScalarKind.String, S("Time").ScalarKind);
        Assert.True(S("Null").IsNull);
        Assert.True(S("Tilde").IsNull);
        Assert.Equal(ScalarKind.String, S("QuotedTrue").ScalarKind);
        Assert.True(S("QuotedTrue").BooleanValue);
        Assert.Equal(ScalarKind.Boolean, S("Bool").ScalarKind);
        Assert.Equal(("123", ScalarKind.String), (S("Forced").Text, S("Forced").ScalarKind));
    }

    public static TheoryData<string> MalformedFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "parser", "malformed")).Where(f => !f.EndsWith(".expected", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedFixtures))]
    public void Malformed_input_reports_the_expected_positions(string name)
    {
        var tree = ParseFixture(Path.Combine("malformed", name));
        var expected = File.ReadAllLines(Path.Combine(TestPaths.Fixtures, "parser", "malformed", name + ".expected"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Trim())
            .ToList();
        var actual = tree.Diagnostics
            .Select(d => (Span: tree.Source.GetSpan(d.Span), d.RuleId))
            .Select(d => $"{d.Span.StartLine}:{d.Span.StartColumn} {d.RuleId}")
            .ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Hostile_nesting_is_an_error_not_a_stack_overflow()
    {
        var deepYaml = new string('[', 100_000) + new string(']', 100_000);
        var yaml = TemplateParser.Parse("deep.yaml", deepYaml);
        Assert.Null(yaml.Root);
        Assert.Contains(yaml.Diagnostics, d => d.RuleId == "E0000");

        var deepJson = "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5001);
        var json = TemplateParser.Parse("deep.json", deepJson);
        Assert.Null(json.Root);
        Assert.Contains(json.Diagnostics, d => d.RuleId == "E0000" && d.Message.Contains("Nesting", StringComparison.Ordinal));
    }

    [Fact]
    public void Alias_bombs_are_refused()
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            sb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var tree = TemplateParser.Parse("bomb.yaml", sb.ToString());
        Assert.Null(tree.Root);
        Assert.Contains(tree.Diagnostics, d => d.RuleId == "E0000" && d.Message.Contains("alias", StringComparison.Ordinal));
    }

    [Fact]
    public void Binary_and_non_utf8_files_are_errors_with_a_position()
    {
        var binary = TemplateParser.Parse("x.yaml", new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0, 1, 2 });
        Assert.Null(binary.Root);
        Assert.Contains("binary", binary.Diagnostics.Single().Message, StringComparison.Ordinal);

        var latin1 = TemplateParser.Parse("x.yaml", Encoding.Latin1.GetBytes("Resources:\n  B: {Type: caf\u00e9}\n"));
        Assert.Null(latin1.Root);
        Assert.Equal("E0000", latin1.Diagnostics.Single().RuleId);
    }

    [Fact]
    public void Empty_files_and_multiple_documents_are_errors()
    {
        Assert.Equal("E0000", TemplateParser.Parse("e.yaml", "").Diagnostics.Single().RuleId);
        var multi = TemplateParser.Parse("m.yaml", "a: 1\n---\nb: 2\n");
        Assert.Null(multi.Root);
        Assert.Equal(2, multi.Source.GetSpan(multi.Diagnostics.Single().Span).StartLine);
    }

    [Fact]
    public void A_yaml_flow_mapping_starting_with_a_brace_is_read_as_yaml()
    {
        var tree = TemplateParser.Parse("flow.yaml", "{Resources: {B: {Type: AWS::S3::Bucket}}}\n");
        Assert.Equal(SourceFormat.Yaml, tree.Format);
        Assert.Empty(tree.Diagnostics);
    }

    [Fact]
    public void Condition_key_is_an_intrinsic_only_with_a_scalar_value()
    {
        var tree = TemplateParser.Parse("c.json", "{\"A\": {\"Condition\": \"IsProd\"}, \"B\": {\"Condition\": {\"StringEquals\": {}}}}");
        var root = Map(tree.Root);
        Assert.IsType<IntrinsicNode>(root.Get("A"));
        Assert.IsType<MappingNode>(root.Get("B"));
    }

    /// <summary>A structural rendering that ignores spans and styles, to compare YAML and JSON trees.</summary>
    private static string Shape(SyntaxNode node) => node switch
    {
        MappingNode m => "{" + string.Join(",", m.Entries.Select(e => e.Key.Text + ":" + Shape(e.Value))) + "}",
        SequenceNode s => "[" + string.Join(",", s.Items.Select(Shape)) + "]",
        IntrinsicNode i => i.Name + "(" + Shape(i.Argument) + ")",
        ScalarNode s => s.Text,
        _ => "?",
    };
}
