using Scanner.Core.Text;

namespace Scanner.CloudFormation.Syntax;

/// <summary>
/// Builds nodes for both readers so that YAML and JSON produce the same tree: recognizes one-key mappings that are
/// intrinsic functions and turns YAML short-form tags into the same intrinsic nodes.
/// </summary>
internal static class NodeFactory
{
    /// <summary>Short-form YAML tags and their long-form names.</summary>
    public static readonly IReadOnlyDictionary<string, string> ShortForms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!Join"] = "Fn::Join",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!If"] = "Fn::If",
        ["!Equals"] = "Fn::Equals",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Not"] = "Fn::Not",
        ["!Base64"] = "Fn::Base64",
        ["!Cidr"] = "Fn::Cidr",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Transform"] = "Fn::Transform",
        ["!Length"] = "Fn::Length",
        ["!ToJsonString"] = "Fn::ToJsonString",
        ["!ForEach"] = "Fn::ForEach",
    };

    public static bool IsIntrinsicKey(string key, SyntaxNode value) =>
        key == "Ref" ||
        (key == "Condition" && value is ScalarNode { ScalarKind: ScalarKind.String }) ||
        (key.StartsWith("Fn::", StringComparison.Ordinal) && key.Length > 4 && !key.StartsWith("Fn::ForEach::", StringComparison.Ordinal));

    /// <summary>A mapping, or an intrinsic node when the mapping is a single intrinsic key.</summary>
    public static SyntaxNode Mapping(TextSpan span, string path, List<MappingEntry> entries)
    {
        if (entries.Count == 1 && IsIntrinsicKey(entries[0].Key.Text, entries[0].Value))
        {
            var key = entries[0].Key;
            return new IntrinsicNode(span, path, key.Text, key.Span, Normalize(key.Text, entries[0].Value), isShortForm: false);
        }

        return new MappingNode(span, path, entries);
    }

    public static IntrinsicNode ShortForm(TextSpan span, string path, string name, TextSpan tagSpan, SyntaxNode argument) =>
        new(span, path, name, tagSpan, Normalize(name, argument), isShortForm: true);

    /// <summary><c>Fn::GetAtt: A.B.C</c> becomes the list <c>[A, B.C]</c>, with a span for each part.</summary>
    private static SyntaxNode Normalize(string name, SyntaxNode argument)
    {
        if (name == "Fn::GetAtt" && argument is ScalarNode scalar)
        {
            var dot = scalar.Text.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0)
            {
                // Map the text positions to source offsets only when the scalar is written verbatim (plain style).
                var textStart = scalar.Span.End - scalar.Text.Length;
                var exact = scalar.Style == ScalarStyle.Plain && textStart >= scalar.Span.Start;
                var start = exact ? textStart : scalar.Span.Start;
                var resourceSpan = exact ? new TextSpan(start, start + dot) : scalar.Span;
                var attributeSpan = exact ? new TextSpan(start + dot + 1, scalar.Span.End) : scalar.Span;
                return new SequenceNode(scalar.Span, scalar.Path, [
                    new ScalarNode(resourceSpan, SyntaxNode.Combine(scalar.Path, 0), scalar.Text[..dot], ScalarKind.String, scalar.Style),
                    new ScalarNode(attributeSpan, SyntaxNode.Combine(scalar.Path, 1), scalar.Text[(dot + 1)..], ScalarKind.String, scalar.Style),
                ]);
            }
        }

        return argument;
    }
}
