using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Editing;

/// <summary>
/// A value to write into a template: a scalar, a mapping or a list. The editor renders it in the style of the place it
/// goes to (YAML block, YAML flow or JSON).
/// </summary>
public abstract record EditValue
{
    public static EditValue True { get; } = new EditScalar("true", IsString: false);

    public static EditValue Boolean(bool value) => value ? True : new EditScalar("false", IsString: false);

    public static EditValue String(string text) => new EditScalar(text, IsString: true);

    public static EditValue Map(params (string Key, EditValue Value)[] entries) => new EditMap(entries);

    public static EditValue List(params EditValue[] items) => new EditList(items);

    public static implicit operator EditValue(bool value) => Boolean(value);

    public static implicit operator EditValue(string text) => String(text);

    /// <summary>Wraps this value in mappings, one per key: <c>["A", "B"]</c> gives <c>{A: {B: value}}</c>.</summary>
    public EditValue Nested(IEnumerable<string> keys) =>
        keys.Reverse().Aggregate(this, (inner, key) => new EditMap([(key, inner)]));

    /// <summary>A short rendering for messages: <c>true</c>, <c>AES256</c>, <c>{…}</c>.</summary>
    public abstract string Display { get; }
}

/// <summary>A scalar: a boolean or number literal, or a string (which YAML may need to quote).</summary>
public sealed record EditScalar(string Text, bool IsString) : EditValue
{
    public override string Display => Text;

    /// <summary>Whether a scalar of the template already means this value (booleans in any spelling CloudFormation reads).</summary>
    public bool SameAs(ScalarNode node)
    {
        if (!IsString && ScalarParsing.ParseBoolean(Text, allowYaml11: false) is { } wanted)
        {
            return node.BooleanValue == wanted;
        }

        return string.Equals(node.Text, Text, StringComparison.Ordinal);
    }
}

public sealed record EditMap(IReadOnlyList<(string Key, EditValue Value)> Entries) : EditValue
{
    public override string Display => Entries.Count == 1 ? $"{{{Entries[0].Key}: {Entries[0].Value.Display}}}" : "{…}";
}

public sealed record EditList(IReadOnlyList<EditValue> Items) : EditValue
{
    public override string Display => Items.Count == 1 ? $"[{Items[0].Display}]" : "[…]";
}
