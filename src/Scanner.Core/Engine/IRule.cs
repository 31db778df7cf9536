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
