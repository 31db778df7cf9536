using Scanner.CloudFormation.Evaluation;

namespace Scanner.CloudFormation.Tests;

/// <summary>Scenario.Merge: the fewest scenarios whose union is the union of the given ones.</summary>
public sealed class ScenarioMergeTests
{
    private static Scenario S(params (string Condition, bool Value)[] conditions) =>
        conditions.Aggregate(Scenario.Always, (s, c) => s.With(c.Condition, c.Value)!);

    [Fact]
    public void Opposite_values_of_one_condition_merge_into_the_scenario_without_it()
    {
        Assert.Equal([Scenario.Always], Scenario.Merge([S(("IsA", true)), S(("IsA", false))]));
        Assert.Equal([S(("IsB", true))], Scenario.Merge([S(("IsA", true), ("IsB", true)), S(("IsA", false), ("IsB", true))]));
    }

    [Fact]
    public void Merging_repeats_until_nothing_merges()
    {
        // IsA; ¬IsA ∧ IsB; ¬IsA ∧ ¬IsB (the variants of !If [IsA, x, !If [IsB, y, z]]) cover every deployment.
        Assert.Equal([Scenario.Always], Scenario.Merge([S(("IsA", true)), S(("IsA", false), ("IsB", true)), S(("IsA", false), ("IsB", false))]));
    }

    [Fact]
    public void A_scenario_another_includes_is_dropped_and_unrelated_ones_stay()
    {
        Assert.Equal([S(("IsA", true))], Scenario.Merge([S(("IsA", true), ("IsB", true)), S(("IsA", true))]));
        Assert.Equal([S(("IsA", true)), S(("IsB", true))], Scenario.Merge([S(("IsA", true)), S(("IsB", true))]));
        Assert.Equal([S(("IsA", true), ("IsB", true)), S(("IsA", false), ("IsB", false))], Scenario.Merge([S(("IsA", true), ("IsB", true)), S(("IsA", false), ("IsB", false))]));
    }

    [Fact]
    public void Parameter_pins_are_never_merged()
    {
        var a = Scenario.Always.With(new ParameterPin("Env", "a", PinSource.AllowedValue))!;
        var b = Scenario.Always.With(new ParameterPin("Env", "b", PinSource.AllowedValue))!;
        Assert.Equal([a, b], Scenario.Merge([a, b, a]));
    }
}
