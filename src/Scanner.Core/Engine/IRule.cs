using Scanner.Core.Diagnostics;

namespace Scanner.Core.Engine;

/// <summary>
/// A rule: stateless, with static descriptors, that subscribes to what it cares about in <see cref="Initialize"/>.
/// The host walks each template once and calls the registered actions; rules never walk templates themselves.
/// </summary>
public interface IRule
{
    /// <summary>The descriptors of the findings this rule can report (usually one).</summary>
    IReadOnlyList<RuleDescriptor> SupportedDescriptors { get; }

    void Initialize(RuleRegistrationContext context);
}

/// <summary>The common case: one rule class, one descriptor.</summary>
public abstract class Rule : IRule
{
    public abstract RuleDescriptor Descriptor { get; }

    public IReadOnlyList<RuleDescriptor> SupportedDescriptors => [Descriptor];

    public abstract void Initialize(RuleRegistrationContext context);
}

/// <summary>
/// A family of rules defined as data: one class and a table whose rows are rules, each with its own descriptor.
/// The built-in registry instantiates every concrete provider with a public parameterless constructor (as it does
/// every concrete <see cref="IRule"/>) and registers each rule it yields.
/// </summary>
public interface IRuleProvider
{
    /// <summary>The rules of this family, one per row, in a stable order.</summary>
    IEnumerable<IRule> Rules { get; }
}

/// <summary>
/// Marks a <c>static partial</c> method returning <c>IRule[]</c> whose body the Scanner source generator writes: a
/// <c>new</c> of every concrete <see cref="IRule"/> with a public parameterless constructor in the assembly, and the
/// rules of every such <see cref="IRuleProvider"/>, ordered by full type name. No reflection, so rules survive trimming
/// and native AOT.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class GeneratedRuleListAttribute : Attribute
{
}
