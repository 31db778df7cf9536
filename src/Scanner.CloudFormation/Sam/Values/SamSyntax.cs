using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam.Values;

/// <summary>Converts between syntax nodes and <see cref="SamValue"/>s, keeping spans and paths.</summary>
internal static class SamSyntax
{
    /// <summary>A mutable copy of <paramref name="node"/>; every value remembers the node it comes from.</summary>
    public static SamValue From(SyntaxNode node)
    {
        switch (node)
        {
            case ScalarNode s:
                return new SamScalar(s.Text, s.ScalarKind, s.Style, s);
            case SequenceNode seq:
                var list = new SamList(seq);
                foreach (var item in seq.Items)
                {
                    list.AddRead(From(item));
                }

                return list;
            case MappingNode map:
                var result = new SamMap(map);
                foreach (var e in map.UniqueEntries)
                {
                    result.AddRead(e.Key, From(e.Value));
                }

                return result;
            case IntrinsicNode fn:
                var intrinsic = new SamMap(fn);
                var key = new ScalarNode(fn.NameSpan, fn.Path, fn.Name, ScalarKind.String, ScalarStyle.Plain);
                intrinsic.AddRead(key, From(fn.Argument));
                return intrinsic;
            default:
                throw new ArgumentException($"Unknown node kind {node.Kind}.", nameof(node));
        }
    }

    /// <summary>
    /// The syntax node for <paramref name="value"/>: the original node when nothing under it changed, else a new
    /// node whose synthesized parts take the span and path of the nearest origin (<paramref name="fallback"/> at the top).
    /// </summary>
    public static SyntaxNode ToSyntax(SamValue value, SyntaxNode fallback) => Convert(value, value.Origin ?? fallback, 0);

    private static SyntaxNode Convert(SamValue value, SyntaxNode inherited, int depth)
    {
        if (depth > TemplateParser.MaxDepth)
        {
            throw new SamException("The template nests deeper than the transform supports.", inherited);
        }

        var origin = value.Origin ?? inherited;
        var f = new SyntaxFactory(origin);
        switch (value)
        {
            case SamScalar s:
                if (value.Origin is ScalarNode original && original.Text == s.Text && original.ScalarKind == s.Kind)
                {
                    return original;
                }

                return new ScalarNode(origin.Span, origin.Path, s.Text, s.Kind, s.Style);
            case SamList list:
                var items = new SyntaxNode[list.Count];
                var same = !list.Modified && value.Origin is SequenceNode seq && seq.Count == list.Count;
                for (var i = 0; i < list.Count; i++)
                {
                    items[i] = Convert(list[i], origin, depth + 1);
                    same = same && ReferenceEquals(items[i], ((SequenceNode)value.Origin!)[i]);
                }

                return same ? value.Origin! : f.List(items);
            case SamMap map when map.Count == 1 && SamMap.IsIntrinsicName(map.Keys.First()):
                var name = map.Keys.First();
                var argument = Convert(map.Get(name)!, origin, depth + 1);
                if (!NodeFactory.IsIntrinsicKey(name, argument))
                {
                    return ConvertMap(map, origin, depth);
                }

                if (value.Origin is IntrinsicNode fn && fn.Name == name)
                {
                    return ReferenceEquals(fn.Argument, argument) ? fn : new IntrinsicNode(fn.Span, fn.Path, name, fn.NameSpan, argument, fn.IsShortForm);
                }

                return new IntrinsicNode(origin.Span, origin.Path, name, origin.Span, argument, isShortForm: false);
            case SamMap map:
                return ConvertMap(map, origin, depth);
            default:
                throw new ArgumentException("Unknown value.", nameof(value));
        }
    }

    private static SyntaxNode ConvertMap(SamMap map, SyntaxNode origin, int depth)
    {
        var entries = new List<MappingEntry>(map.Count);
        var unchanged = !map.Modified && map.Origin is MappingNode m && m.Count == map.Count;
        foreach (var (key, keyNode, v) in map.EntriesWithKeys)
        {
            var converted = Convert(v, origin, depth + 1);
            var k = keyNode ?? new ScalarNode(origin.Span, origin.Path, key, ScalarKind.String, ScalarStyle.Plain);
            entries.Add(new MappingEntry(k, converted));
            unchanged &= map.Origin is MappingNode om && ReferenceEquals(om.Get(key), converted);
        }

        return unchanged ? map.Origin! : new MappingNode(origin.Span, origin.Path, entries);
    }
}
