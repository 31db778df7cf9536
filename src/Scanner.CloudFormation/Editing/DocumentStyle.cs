using Scanner.CloudFormation.Syntax;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Editing;

/// <summary>
/// How a file is laid out, learned from its own text so that inserted lines look like their neighbours: line
/// endings, YAML indentation per level and of list dashes, JSON indentation (spaces or tabs), and the spacing
/// around JSON's colons and commas. Each is the most common choice in the file, with a conventional default.
/// </summary>
internal sealed class DocumentStyle
{
    private DocumentStyle(string newLine, int yamlIndent, int yamlSequenceIndent, string jsonIndent, string jsonColon, string jsonComma)
    {
        NewLine = newLine;
        YamlIndent = yamlIndent;
        YamlSequenceIndent = yamlSequenceIndent;
        JsonIndent = jsonIndent;
        JsonColon = jsonColon;
        JsonComma = jsonComma;
    }

    public string NewLine { get; }

    /// <summary>Spaces from a YAML key to the keys of its nested block mapping.</summary>
    public int YamlIndent { get; }

    /// <summary>Spaces from a YAML key to the dashes of its block list (0: lists are not indented).</summary>
    public int YamlSequenceIndent { get; }

    /// <summary>The text one JSON nesting level adds in front of a line.</summary>
    public string JsonIndent { get; }

    /// <summary>What stands between a JSON key and its value: <c>": "</c>, <c>":"</c>, …</summary>
    public string JsonColon { get; }

    /// <summary>What separates members written on one line: <c>", "</c> or <c>","</c>.</summary>
    public string JsonComma { get; }

    public static DocumentStyle Detect(SyntaxTree tree)
    {
        var text = tree.Source.Text;
        var indents = new Dictionary<int, int>();
        var sequenceIndents = new Dictionary<int, int>();
        var jsonIndents = new Dictionary<string, int>(StringComparer.Ordinal);
        var colons = new Dictionary<string, int>(StringComparer.Ordinal);
        var commas = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tree.Root is not null)
        {
            var visited = new HashSet<SyntaxNode>(ReferenceEqualityComparer.Instance);
            Walk(tree.Root, visited, node =>
            {
                if (node is not MappingNode map)
                {
                    return;
                }

                for (var i = 0; i < map.Entries.Count; i++)
                {
                    var (key, value) = map.Entries[i];
                    if (tree.Format == SourceFormat.Json)
                    {
                        LearnJson(tree.Source, key, value, jsonIndents, colons);
                        if (i > 0 && SameLine(tree.Source, map.Entries[i - 1].Value.Span.End, key.Span.Start))
                        {
                            Count(commas, text[map.Entries[i - 1].Value.Span.End..key.Span.Start]);
                        }
                    }
                    else
                    {
                        LearnYaml(tree.Source, key, value, indents, sequenceIndents);
                    }
                }
            });
        }

        var indent = MostCommon(indents, 2);
        var colon = MostCommon(colons, ": ");

        // A file that writes "a":1 without spaces likely writes its commas without them too.
        return new DocumentStyle(
            DetectNewLine(text),
            indent,
            MostCommon(sequenceIndents, indent),
            MostCommon(jsonIndents, "  "),
            colon,
            MostCommon(commas, colon.EndsWith(' ') ? ", " : ","));
    }

    public static bool IsFlow(string text, SyntaxNode node) =>
        node.Span.Start < text.Length && text[node.Span.Start] is '{' or '[';

    private static void LearnYaml(SourceText source, ScalarNode key, SyntaxNode value, Dictionary<int, int> indents, Dictionary<int, int> sequenceIndents)
    {
        if (IsFlow(source.Text, value) || SameLine(source, key.Span.Start, value.Span.Start))
        {
            return;
        }

        var keyColumn = source.GetPosition(key.Span.Start).Column;
        if (value is MappingNode { Entries.Count: > 0 } child)
        {
            var difference = source.GetPosition(child.Entries[0].Key.Span.Start).Column - keyColumn;
            if (difference > 0)
            {
                Count(indents, difference);
            }
        }
        else if (value is SequenceNode { Count: > 0 } && source.Text[value.Span.Start] == '-')
        {
            var difference = source.GetPosition(value.Span.Start).Column - keyColumn;
            if (difference >= 0)
            {
                Count(sequenceIndents, difference);
            }
        }
    }

    private static void LearnJson(SourceText source, ScalarNode key, SyntaxNode value, Dictionary<string, int> indents, Dictionary<string, int> colons)
    {
        var between = source.Text[key.Span.End..value.Span.Start];
        if (!between.Contains('\n', StringComparison.Ordinal) && !between.Contains('\r', StringComparison.Ordinal))
        {
            Count(colons, between);
        }

        if (value is MappingNode { Entries.Count: > 0 } child && !SameLine(source, key.Span.Start, child.Entries[0].Key.Span.Start))
        {
            var parent = LeadingWhitespace(source, key.Span.Start);
            var nested = LeadingWhitespace(source, child.Entries[0].Key.Span.Start);
            if (parent is not null && nested is not null && nested.Length > parent.Length && nested.StartsWith(parent, StringComparison.Ordinal))
            {
                Count(indents, nested[parent.Length..]);
            }
        }
    }

    /// <summary>The whitespace in front of <paramref name="offset"/> when nothing else precedes it on its line.</summary>
    public static string? LeadingWhitespace(SourceText source, int offset)
    {
        var (line, _) = source.GetPosition(offset);
        var start = source.GetOffset(line, 1);
        for (var i = start; i < offset; i++)
        {
            if (source.Text[i] is not (' ' or '\t'))
            {
                return null;
            }
        }

        return source.Text[start..offset];
    }

    public static bool SameLine(SourceText source, int a, int b) => source.GetPosition(a).Line == source.GetPosition(b).Line;

    private static string DetectNewLine(string text)
    {
        var lf = text.IndexOf('\n', StringComparison.Ordinal);
        if (lf > 0 && text[lf - 1] == '\r')
        {
            return "\r\n";
        }

        return lf < 0 && text.Contains('\r', StringComparison.Ordinal) ? "\r" : "\n";
    }

    private static void Walk(SyntaxNode node, HashSet<SyntaxNode> visited, Action<SyntaxNode> visit)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!visited.Add(current))
            {
                continue;
            }

            visit(current);
            switch (current)
            {
                case MappingNode m:
                    foreach (var entry in m.Entries)
                    {
                        pending.Push(entry.Value);
                    }

                    break;
                case SequenceNode s:
                    foreach (var item in s.Items)
                    {
                        pending.Push(item);
                    }

                    break;
                case IntrinsicNode i:
                    pending.Push(i.Argument);
                    break;
            }
        }
    }

    private static void Count<T>(Dictionary<T, int> counts, T value)
        where T : notnull =>
        counts[value] = counts.GetValueOrDefault(value) + 1;

    private static T MostCommon<T>(Dictionary<T, int> counts, T fallback)
        where T : notnull =>
        counts.Count == 0 ? fallback : counts.OrderByDescending(c => c.Value).First().Key;
}
