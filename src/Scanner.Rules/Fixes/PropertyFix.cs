using Scanner.CloudFormation.Editing;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.Fixes;

/// <summary>
/// One row of the fix table: "for a finding of <see cref="RuleId"/>, set <see cref="Keys"/> to <see cref="Value"/>".
/// The keys are below the resource's Properties, or below the part of it the finding lies in when the row names
/// <see cref="Scopes"/> (e.g. the CrossRegionCopy entry a finding is about). The fix is offered only when every
/// <see cref="Conditions"/> certainly holds and the editor can make the change without guessing.
/// </summary>
public sealed record PropertyFix
{
    private PropertyFix(string ruleId, string[] keys, EditValue value)
    {
        RuleId = ruleId;
        Keys = keys;
        Value = value;
    }

    public string RuleId { get; }

    /// <summary>The mapping keys to set, from the scope down.</summary>
    public IReadOnlyList<string> Keys { get; }

    public EditValue Value { get; }

    /// <summary>
    /// Property paths (dotted, <c>*</c> for any list index or key) the finding's node may lie in, most specific first;
    /// the fix applies to the first one the finding's path lies in. Empty: the resource's Properties.
    /// </summary>
    public IReadOnlyList<string> Scopes { get; private init; } = [];

    public IReadOnlyList<FixCondition> Conditions { get; private init; } = [];

    /// <summary>Only add the setting where it is absent; a value that is there (even a wrong one) is left for a person.</summary>
    public bool InsertOnly { get; private init; }

    /// <summary>Applying it to a stack that exists replaces the resource (CloudFormation: "Update requires: Replacement").</summary>
    public bool RecreatesResource { get; private init; }

    /// <summary>What the fix does, for people: defaults to "Set Keys to Value".</summary>
    public string Description { get; private init; } = string.Empty;

    public static PropertyFix Set(string ruleId, string dottedKeys, EditValue value) =>
        new(ruleId, dottedKeys.Split('.'), value) { Description = $"Set {dottedKeys} to {value.Display}." };

    public PropertyFix Within(params string[] scopes) => this with { Scopes = scopes };

    public PropertyFix When(params FixCondition[] conditions) => this with { Conditions = [.. Conditions, .. conditions] };

    /// <summary>No fix while any of these properties is set (e.g. a restore from a snapshot, whose settings it decides).</summary>
    public PropertyFix Unless(params string[] properties) => When([.. properties.Select(FixCondition.Absent)]);

    public PropertyFix OnlyWhereAbsent() => this with { InsertOnly = true };

    public PropertyFix Recreates() => this with { RecreatesResource = true };

    public PropertyFix Described(string description) => this with { Description = description };
}

/// <summary>
/// A fact about the resource's Properties that must certainly hold for a fix to be offered. A property given by an
/// intrinsic function is unknown, so a condition on its value does not hold.
/// </summary>
public sealed record FixCondition(string DottedPath, Func<SyntaxNode?, bool> Holds)
{
    /// <summary>The property is not written at all.</summary>
    public static FixCondition Absent(string dottedPath) => new(dottedPath, node => node is null);

    /// <summary>The property is written as a value, not through an intrinsic function (which may remove it).</summary>
    public static FixCondition Present(string dottedPath) => new(dottedPath, node => node is MappingNode or SequenceNode or ScalarNode { IsNull: false });

    /// <summary>The property is absent (when <paramref name="orAbsent"/>) or a literal accepted by <paramref name="accept"/>.</summary>
    public static FixCondition Literal(string dottedPath, Func<string, bool> accept, bool orAbsent = true) =>
        new(dottedPath, node => node switch
        {
            null => orAbsent,
            ScalarNode { IsNull: false } scalar => accept(scalar.Text.Trim()),
            _ => false,
        });

    /// <summary>The property is absent (when <paramref name="orAbsent"/>) or one of <paramref name="values"/>, ignoring case.</summary>
    public static FixCondition OneOf(string dottedPath, bool orAbsent, params string[] values) =>
        Literal(dottedPath, text => values.Contains(text, StringComparer.OrdinalIgnoreCase), orAbsent);
}
