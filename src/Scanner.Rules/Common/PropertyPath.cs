using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.Common;

/// <summary>
/// Dotted property paths with a <c>*</c> segment for "every item of a list" (<c>Users.*.Password</c>), so a rule
/// can name a setting nested inside lists without walking the tree itself.
/// </summary>
public static class PropertyPath
{
    /// <summary>Every node the path reaches from <paramref name="start"/>; empty when any step is missing.</summary>
    public static IEnumerable<SyntaxNode> Select(SyntaxNode? start, string path)
    {
        IEnumerable<SyntaxNode> current = start is null ? [] : [start];
        foreach (var segment in path.Split('.'))
        {
            current = current.SelectMany(node => Step(node, segment));
        }

        return current;
    }

    private static IEnumerable<SyntaxNode> Step(SyntaxNode node, string segment) => (node, segment) switch
    {
        (SequenceNode list, "*") => list.Items,
        (MappingNode map, _) when map.Get(segment) is { } child => [child],
        (SequenceNode list, _) when int.TryParse(segment, out var i) && i >= 0 && i < list.Count => [list[i]],
        _ => [],
    };
}
