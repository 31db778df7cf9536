using Scanner.CloudFormation.Editing;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Tests;

/// <summary>
/// The text-edit layer: each operation in YAML block, YAML flow and JSON, keeping every byte it does not change
/// (comments, quoting, blank lines, CRLF, tabs) and refusing what it cannot do with certainty.
/// </summary>
public sealed class TemplateEditorTests
{
    private static readonly EditValue Pitr = EditValue.Map(("PointInTimeRecoveryEnabled", true));

    /// <summary>Sets <paramref name="keys"/> below the mapping at <paramref name="at"/> (slash path) and returns the new text.</summary>
    private static string? Set(string text, string at, string keys, EditValue value, string path = "t.yaml")
    {
        var tree = TemplateParser.Parse(path, text);
        Assert.False(tree.HasFatalError);
        var container = Assert.IsType<MappingNode>(Find(tree.Root!, at));
        var edits = new TemplateEditor(tree).SetValue(container, keys.Split('.'), value);
        if (edits is null)
        {
            return null;
        }

        var result = TextEdit.Apply(text, edits);
        var reparsed = TemplateParser.Parse(path, result);
        Assert.False(reparsed.HasFatalError, result);
        Assert.DoesNotContain(reparsed.Diagnostics, d => d.RuleId == "E0001");
        return result;
    }

    private static SyntaxNode? Find(SyntaxNode root, string path)
    {
        var node = root;
        foreach (var step in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                MappingNode m => m.Get(step),
                SequenceNode s => s[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    [Fact]
    public void Yaml_block_insert_goes_after_the_last_entry_with_its_indentation_and_keeps_comments()
    {
        const string text = "Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10   # GiB\n      # Encrypted: later\n\n  Other:\n    Type: X\n";
        Assert.Equal(
            "Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10   # GiB\n      Encrypted: true\n      # Encrypted: later\n\n  Other:\n    Type: X\n",
            Set(text, "Resources/V/Properties", "Encrypted", true));
    }

    [Fact]
    public void Yaml_block_insert_creates_the_missing_path_with_the_files_indent_width()
    {
        const string text = "Resources:\n    T:\n        Type: AWS::DynamoDB::Table\n        Properties:\n            TableName: t\n";
        Assert.Equal(
            "Resources:\n    T:\n        Type: AWS::DynamoDB::Table\n        Properties:\n            TableName: t\n            PointInTimeRecoverySpecification:\n                PointInTimeRecoveryEnabled: true\n",
            Set(text, "Resources/T/Properties", "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", true));
    }

    [Fact]
    public void Yaml_block_insert_adds_Properties_to_a_resource_without_it()
    {
        const string text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n";
        var value = EditValue.Map(("ServerSideEncryptionConfiguration", EditValue.List(EditValue.Map(("ServerSideEncryptionByDefault", EditValue.Map(("SSEAlgorithm", "AES256")))))));
        Assert.Equal(
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n",
            Set(text, "Resources/B", "Properties.BucketEncryption", value));
    }

    [Fact]
    public void Yaml_lists_follow_the_files_dash_indentation()
    {
        const string text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n      - Key: a\n        Value: b\n";
        Assert.Equal(
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n      - Key: a\n        Value: b\n      Rules:\n      - Id: x\n        Status: Enabled\n",
            Set(text, "Resources/B/Properties", "Rules", EditValue.List(EditValue.Map(("Id", "x"), ("Status", "Enabled")))));
    }

    [Fact]
    public void Yaml_block_insert_keeps_crlf_line_endings()
    {
        const string text = "Resources:\r\n  T:\r\n    Type: AWS::DynamoDB::Table\r\n    Properties:\r\n      TableName: t\r\n";
        Assert.Equal(
            "Resources:\r\n  T:\r\n    Type: AWS::DynamoDB::Table\r\n    Properties:\r\n      TableName: t\r\n      PointInTimeRecoverySpecification:\r\n        PointInTimeRecoveryEnabled: true\r\n",
            Set(text, "Resources/T/Properties", "PointInTimeRecoverySpecification", Pitr));
    }

    [Fact]
    public void Yaml_block_insert_without_a_final_newline_adds_none()
    {
        Assert.Equal("R:\n  A: 1\n  B: true", Set("R:\n  A: 1", "R", "B", true));
    }

    [Fact]
    public void Yaml_block_mapping_in_a_list_item_gets_the_items_key_column()
    {
        const string text = "R:\n  - A: 1\n    B: 2\n  - A: 3\n";
        Assert.Equal("R:\n  - A: 1\n    B: 2\n    C: true\n  - A: 3\n", Set(text, "R/0", "C", true));
    }

    [Fact]
    public void Yaml_flow_mapping_on_one_line_gets_the_entry_inline()
    {
        const string text = "Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties: {Description: k, KeyPolicy: {Statement: []}}  # note\n";
        Assert.Equal(
            "Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties: {Description: k, KeyPolicy: {Statement: []}, EnableKeyRotation: true}  # note\n",
            Set(text, "Resources/K/Properties", "EnableKeyRotation", true));
        Assert.Equal(
            "R: {A: 1, P: {PointInTimeRecoveryEnabled: true}}\n",
            Set("R: {A: 1}\n", "R", "P", Pitr));
    }

    [Fact]
    public void Yaml_flow_mapping_over_several_lines_gets_a_line_of_its_own()
    {
        const string text = "R: {\n  A: 1, # one\n  B: 2 # two\n}\n";
        Assert.Equal("R: {\n  A: 1, # one\n  B: 2, # two\n  C: true\n}\n", Set(text, "R", "C", true));
    }

    [Fact]
    public void Empty_flow_mappings_are_filled()
    {
        Assert.Equal("R: {C: true}\n", Set("R: {}\n", "R", "C", true));
        Assert.Equal("{\"R\": {\"C\": true}}", Set("{\"R\": {}}", "R", "C", true, "t.json"));
    }

    [Fact]
    public void Json_insert_follows_the_files_indentation_colon_and_line_endings()
    {
        const string text = "{\r\n\t\"Resources\": {\r\n\t\t\"T\": {\r\n\t\t\t\"Type\": \"AWS::DynamoDB::Table\",\r\n\t\t\t\"Properties\": {\r\n\t\t\t\t\"TableName\": \"t\" // name\r\n\t\t\t}\r\n\t\t}\r\n\t}\r\n}\r\n";
        Assert.Equal(
            "{\r\n\t\"Resources\": {\r\n\t\t\"T\": {\r\n\t\t\t\"Type\": \"AWS::DynamoDB::Table\",\r\n\t\t\t\"Properties\": {\r\n\t\t\t\t\"TableName\": \"t\", // name\r\n\t\t\t\t\"PointInTimeRecoverySpecification\": {\r\n\t\t\t\t\t\"PointInTimeRecoveryEnabled\": true\r\n\t\t\t\t}\r\n\t\t\t}\r\n\t\t}\r\n\t}\r\n}\r\n",
            Set(text, "Resources/T/Properties", "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", true, "t.json"));
    }

    [Fact]
    public void Json_compact_objects_stay_compact()
    {
        Assert.Equal(
            "{\"R\":{\"A\":1,\"P\":{\"PointInTimeRecoveryEnabled\":true}}}",
            Set("{\"R\":{\"A\":1}}", "R", "P", Pitr, "t.json"));
    }

    [Fact]
    public void Json_keeps_a_trailing_comma()
    {
        Assert.Equal("{\"R\": {\n  \"A\": 1,\n  \"C\": true,\n}}", Set("{\"R\": {\n  \"A\": 1,\n}}", "R", "C", true, "t.json"));
    }

    [Fact]
    public void Scalars_are_replaced_in_their_own_quoting_style()
    {
        Assert.Equal("R:\n  E: true # x\n", Set("R:\n  E: false # x\n", "R", "E", true));
        Assert.Equal("R:\n  E: 'true'\n", Set("R:\n  E: 'false'\n", "R", "E", true));
        Assert.Equal("R:\n  E: \"true\"\n", Set("R:\n  E: \"no\"\n", "R", "E", true));
        Assert.Equal("R:\n  P: TLS_1_2\n", Set("R:\n  P: TLS_1_0\n", "R", "P", "TLS_1_2"));
        Assert.Equal("{\"R\": {\"E\": \"true\"}}", Set("{\"R\": {\"E\": \"false\"}}", "R", "E", true, "t.json"));
        Assert.Equal("{\"R\": {\"E\": true}}", Set("{\"R\": {\"E\": false}}", "R", "E", true, "t.json"));
    }

    [Fact]
    public void A_value_that_is_already_there_needs_no_edit()
    {
        var tree = TemplateParser.Parse("t.yaml", "R:\n  E: 'True'\n");
        var map = Assert.IsType<MappingNode>(Find(tree.Root!, "R"));
        Assert.Empty(new TemplateEditor(tree).SetValue(map, ["E"], true)!);
    }

    [Theory]
    [InlineData("R:\n  E: !Ref P\n", "E")]
    [InlineData("R:\n  E: !If [C, true, false]\n", "E")]
    [InlineData("R:\n  S: !If [C, {A: 1}, {A: 2}]\n", "S.E")]
    [InlineData("R:\n  E: |\n    false\n", "E")]
    [InlineData("R:\n  E: !!str false\n", "E")]
    [InlineData("R:\n  E: false\n  e: false\n", "E")]
    [InlineData("A: &a\n  E: false\nR:\n  S: *a\n", "S.E")]
    [InlineData("R:\n  S: &s {E: false}\n", "S.E")]
    [InlineData("R:\n  S: [1]\n", "S.E")]
    public void Places_written_with_intrinsics_anchors_aliases_or_odd_scalars_are_not_edited(string text, string keys)
    {
        Assert.Null(Set(text, "R", keys, true));
    }

    [Fact]
    public void Items_are_appended_to_lists_in_every_style()
    {
        static string Append(string text, string at, string path = "t.yaml")
        {
            var tree = TemplateParser.Parse(path, text);
            var list = Assert.IsType<SequenceNode>(Find(tree.Root!, at));
            return TextEdit.Apply(text, new TemplateEditor(tree).AppendItem(list, "c")!);
        }

        Assert.Equal("L:\n  - a # x\n  - b\n  - c\n", Append("L:\n  - a # x\n  - b\n", "L"));
        Assert.Equal("L: [a, b, c]\n", Append("L: [a, b]\n", "L"));
        Assert.Equal("L: [c]\n", Append("L: []\n", "L"));
        Assert.Equal("{\"L\": [\n  \"a\",\n  \"c\"\n]}", Append("{\"L\": [\n  \"a\"\n]}", "L", "t.json"));
    }
}
