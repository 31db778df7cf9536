using System.Reflection;
using Scanner.Core.Engine;

namespace Scanner.Rules;

/// <summary>Discovers the built-in rules: every concrete <see cref="IRule"/> in this assembly with a public parameterless constructor.</summary>
public static class BuiltInRules
{
    private static readonly Lazy<IReadOnlyList<IRule>> Rules = new(Discover);

    public static IReadOnlyList<IRule> All => Rules.Value;

    private static IReadOnlyList<IRule> Discover() =>
        typeof(BuiltInRules).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IRule)Activator.CreateInstance(t)!)
            .ToArray();

    /// <summary>For diagnostics: which type implements a rule id.</summary>
    public static Type? TypeOf(string ruleId) =>
        All.FirstOrDefault(r => r.SupportedDescriptors.Any(d => d.Id == ruleId))?.GetType();

    internal static Assembly Assembly => typeof(BuiltInRules).Assembly;
}
