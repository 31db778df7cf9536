using System.Reflection;
using Scanner.Core.Engine;

namespace Scanner.Rules.Tests;

/// <summary>The generated rule list (no reflection at run time) holds exactly what reflection over the assembly finds.</summary>
public class RuleListTests
{
    [Fact]
    public void Generated_list_has_every_concrete_rule_once_in_full_name_order()
    {
        var expected = typeof(BuiltInRules).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                && typeof(IRule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();
        var providers = typeof(BuiltInRules).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                && typeof(IRuleProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();
        var provided = providers
            .SelectMany(p => ((IRuleProvider)Activator.CreateInstance(p)!).Rules)
            .Select(r => r.GetType().FullName!)
            .ToHashSet(StringComparer.Ordinal);

        var actual = BuiltInRules.All.Select(r => r.GetType().FullName!).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual.Where(n => expected.Contains(n)).ToList());
        Assert.All(actual, n => Assert.True(expected.Contains(n) || provided.Contains(n), $"{n} is neither a rule class nor a provider's row"));
        Assert.Equal(expected.Count + providers.Sum(p => ((IRuleProvider)Activator.CreateInstance(p)!).Rules.Count()), actual.Count);
    }

    [Fact]
    public void Every_rule_id_is_registered_once()
    {
        var duplicates = BuiltInRules.All.SelectMany(r => r.SupportedDescriptors).GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }
}
