using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.Common;

/// <summary>
/// Dotted property paths with a <c>*</c> segment for "every item of a list" (<c>Users.*.Password</c>), so a rule
/// can name a setting nested inside lists without walking the tree itself.
/// </summary>
public static class PropertyPath
{
    /// <summary>
    /// Every node the path reaches from <paramref name="start"/>; empty when any step is missing. An <c>Fn::If</c>
    /// met on the way is stepped through: into the branch <paramref name="decideCondition"/> picks, or into both
    /// branches when it cannot decide (or is not given).
    /// </summary>
    public static IEnumerable<SyntaxNode> Select(SyntaxNode? start, string path, Func<string, bool?>? decideCondition = null)
    {
        IEnumerable<SyntaxNode> current = start is null ? [] : [start];
        foreach (var segment in path.Split('.'))
        {
            current = current.SelectMany(node => Step(node, segment, decideCondition, 0));
        }

        return current;
    }

    private static IEnumerable<SyntaxNode> Step(SyntaxNode node, string segment, Func<string, bool?>? decide, int depth) => node switch
    {
        IntrinsicNode { Name: "Fn::If" } choice when depth < 8 && choice.Arguments is [ScalarNode condition, var whenTrue, var whenFalse] =>
            (decide?.Invoke(condition.Text) switch
            {
                true => [whenTrue],
                false => [whenFalse],
                null => new[] { whenTrue, whenFalse },
            }).SelectMany(branch => Step(branch, segment, decide, depth + 1)),
        SequenceNode list when segment == "*" => list.Items,
        MappingNode map when map.Get(segment) is { } child => [child],
        SequenceNode list when int.TryParse(segment, out var i) && i >= 0 && i < list.Count => [list[i]],
        _ => [],
    };
}
