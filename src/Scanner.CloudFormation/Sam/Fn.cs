using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam;

/// <summary>Builders and tests for intrinsic functions in SAM's one-key-map form.</summary>
internal static partial class Fn
{
    public static SamScalar Str(string text) => SamScalar.String(text);

    public static SamMap Ref(string name) => new SamMap().Set("Ref", name);

    public static SamMap GetAtt(string resource, string attribute) =>
        new SamMap().Set("Fn::GetAtt", new SamList([Str(resource), Str(attribute)]));

    public static SamMap Sub(string text) => new SamMap().Set("Fn::Sub", text);

    public static SamMap Sub(string text, SamMap variables) => new SamMap().Set("Fn::Sub", new SamList([Str(text), variables]));

    public static SamMap If(string condition, SamValue whenTrue, SamValue whenFalse) =>
        new SamMap().Set("Fn::If", new SamList([Str(condition), whenTrue, whenFalse]));

    public static SamMap Join(string separator, IEnumerable<SamValue> items) =>
        new SamMap().Set("Fn::Join", new SamList([Str(separator), new SamList(items)]));

    public static SamMap NoValue => Ref("AWS::NoValue");

    public static SamMap Not(SamValue condition) => new SamMap().Set("Fn::Not", new SamList([condition]));

    public static SamMap Equals(SamValue a, SamValue b) => new SamMap().Set("Fn::Equals", new SamList([a, b]));

    public static SamMap And(IEnumerable<SamValue> conditions) => new SamMap().Set("Fn::And", new SamList(conditions));

    public static SamMap Or(IEnumerable<SamValue> conditions) => new SamMap().Set("Fn::Or", new SamList(conditions));

    public static SamMap Condition(string name) => new SamMap().Set("Condition", name);

    public static SamList List(params SamValue[] items) => new(items);

    public static SamList Strings(params string[] items) => new(items.Select(i => (SamValue)Str(i)));

    public static bool IsIntrinsic(SamValue? value) => value is SamMap { IsIntrinsic: true };

    public static bool Is(SamValue? value, string name) => value is SamMap m && m.IntrinsicName == name;

    public static bool IsIf(SamValue? value) => Is(value, "Fn::If");

    public static bool IsNoValue(SamValue? value) => value is SamMap m && m.IntrinsicName == "Ref" && m.IntrinsicArgument?.AsString == "AWS::NoValue";

    /// <summary>The name of a <c>{"Ref": name}</c>, else null.</summary>
    public static string? RefName(SamValue? value) => value is SamMap m && m.IntrinsicName == "Ref" ? m.IntrinsicArgument?.AsString : null;

    /// <summary>
    /// The logical id an intrinsic names (<c>Ref X</c>, <c>GetAtt X.Arn</c>), else null (SAM's
    /// <c>get_logical_id_from_intrinsic</c>).
    /// </summary>
    public static string? LogicalIdOf(SamValue? value)
    {
        if (RefName(value) is { } name)
        {
            return name;
        }

        if (value is SamMap m && m.IntrinsicName == "Fn::GetAtt")
        {
            return m.IntrinsicArgument switch
            {
                SamList { Count: >= 1 } l => l[0].AsString,
                SamScalar s when s.IsString => s.Text.Split('.')[0],
                _ => null,
            };
        }

        return null;
    }

    /// <summary>Fn::If arguments [condition, then, else] when well formed (SAM's <c>validate_intrinsic_if_items</c>).</summary>
    public static (string Condition, SamValue Then, SamValue Else) IfItems(SamValue value)
    {
        if (value is not SamMap { IntrinsicName: "Fn::If" } m || m.IntrinsicArgument is not SamList list)
        {
            throw new ArgumentException("Fn::If requires a list argument");
        }

        if (list.Count != 3)
        {
            throw new ArgumentException("Fn::If requires 3 arguments");
        }

        return list[0].AsString is { } condition ? (condition, list[1], list[2]) : throw new ArgumentException("Fn::If condition must be a string");
    }

    /// <summary>The contents of a value that may be an Fn::If: both branches except AWS::NoValue, or the value itself.</summary>
    public static IEnumerable<SamValue> ConditionalContents(SamValue? value)
    {
        if (value is SamMap m && m.IntrinsicName == "Fn::If")
        {
            if (m.IntrinsicArgument is not SamList list)
            {
                throw SamException.Template("Value of Fn::If must be a list.", value);
            }

            return list.Items.Skip(1).Where(v => !IsNoValue(v)).ToList();
        }

        return value is null ? [] : [value];
    }

    /// <summary>The <c>${name}</c> references in a Sub string that SAM resolves (logical ids with dots, and AWS:: names).</summary>
    [GeneratedRegex(@"\$\{([A-Za-z0-9\.]+|AWS::[A-Z][A-Za-z]*)\}")]
    public static partial Regex SubReference();
}

/// <summary>
/// SAM's intrinsics resolver: inlines parameter values (defaults, pseudo parameters) into a copy of a value where
/// SAM needs to know it while transforming (alias names, code locations for version hashes, …).
/// </summary>
internal sealed class ParameterResolver
{
    private readonly IReadOnlyDictionary<string, SamValue> _values;

    public ParameterResolver(IReadOnlyDictionary<string, SamValue> values)
    {
        _values = values;
    }

    /// <summary>A copy of <paramref name="value"/> with Ref/Sub of known parameters resolved; GetAtt untouched.</summary>
    public SamValue? Resolve(SamValue? value)
    {
        if (value is null || _values.Count == 0)
        {
            return value;
        }

        return Traverse(value.Clone());
    }

    private SamValue Traverse(SamValue value)
    {
        value = ResolveOne(value);
        switch (value)
        {
            case SamMap map:
                foreach (var key in map.Keys.ToList())
                {
                    map.Set(key, Traverse(map.Get(key)!));
                }

                return map;
            case SamList list:
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = Traverse(list[i]);
                }

                return list;
            default:
                return value;
        }
    }

    private SamValue ResolveOne(SamValue value)
    {
        if (value is not SamMap { IsIntrinsic: true } map)
        {
            return value;
        }

        switch (map.IntrinsicName)
        {
            case "Ref" when map.IntrinsicArgument?.AsString is { } name && Lookup(name) is { } resolved:
                return resolved.Clone();
            case "Fn::Sub":
                var argument = map.IntrinsicArgument;
                if (argument?.AsString is { } text)
                {
                    map.Set("Fn::Sub", SamScalar.String(SubstituteText(text), argument.Origin));
                }
                else if (argument is SamList { Count: > 0 } list && list[0].AsString is { } first)
                {
                    list[0] = SamScalar.String(SubstituteText(first), list[0].Origin);
                }

                return map;
            default:
                return map;
        }
    }

    private string SubstituteText(string text) => Fn.SubReference().Replace(text, m =>
        Lookup(m.Groups[1].Value) is { } v
            ? v.AsString ?? throw SamException.Template($"Invalid Fn::Sub variable value {SamJson.Python(v)}. Fn::Sub expects all variables to be strings.", v)
            : m.Value);

    private SamValue? Lookup(string name) =>
        _values.TryGetValue(name, out var v) && !(v.AsString?.StartsWith("{{IntrinsicFunction:", StringComparison.Ordinal) ?? false) ? v : null;
}
