using Scanner.Core.Engine;

namespace Scanner.Rules;

/// <summary>
/// The built-in rules: every concrete <see cref="IRule"/> in this assembly with a public parameterless constructor,
/// and the rules of every such <see cref="IRuleProvider"/> (a family defined as a table), in full-type-name order.
/// The list is written at compile time by Scanner.Generators' RuleListGenerator, so adding a rule class is enough to
/// register it, and nothing is looked up by reflection (the native AOT build keeps every rule).
/// </summary>
public static partial class BuiltInRules
{
    private static readonly Lazy<IReadOnlyList<IRule>> Rules = new(Create);

    public static IReadOnlyList<IRule> All => Rules.Value;

    [GeneratedRuleList]
    private static partial IRule[] Create();
}
