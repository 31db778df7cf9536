using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Common;

/// <summary>A row of a rule family's table: it says what the rule reports (id, level, texts…).</summary>
public interface IRuleRow
{
    RuleDescriptor Describe();
}

/// <summary>
/// A rule made from one row of a family table (an <see cref="IRuleProvider"/>): the family's class says how the
/// row is checked, the row what is checked and how it is reported.
/// </summary>
public abstract class RowRule<TRow>(TRow row) : Rule
    where TRow : IRuleRow
{
    protected TRow Row { get; } = row;

    public sealed override RuleDescriptor Descriptor { get; } = row.Describe();
}
