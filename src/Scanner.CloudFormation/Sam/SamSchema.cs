using Scanner.CloudFormation.Sam.Values;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam;

/// <summary>
/// The properties SAM accepts on each AWS::Serverless type and event source, and the value types it checks before
/// transforming (SAM's <c>property_types</c>): an unknown property, a missing required one or a value of the wrong
/// type is an error. The tables are data, <c>Sam/Data/sam_schema.txt</c> (one line a property: name, flags, kinds,
/// expected type). Kinds: <c>m</c> map of maps, <c>M</c> map of strings, <c>P</c> map of integers, <c>s</c> string,
/// <c>b</c> boolean, <c>i</c> integer, <c>f</c> float, <c>n</c> null, <c>l</c>/<c>L</c>/<c>I</c> list of
/// strings/maps/integers, <c>e</c> empty list; flags: <c>!</c> required, <c>*</c> passed through unchecked, <c>~</c>
/// intrinsic functions not accepted.
/// </summary>
internal static partial class SamSchema
{
    private const string SchemaResource = "sam_schema.txt";

    /// <summary>Section kind (resource, function-event, state-machine-event) → type → its properties.</summary>
    private static readonly Dictionary<string, Dictionary<string, PropertySpec[]>> Tables = Load();

    private static Dictionary<string, PropertySpec[]> ResourceSpecs => Tables["resource"];

    private static Dictionary<string, PropertySpec[]> FunctionEventSpecs => Tables["function-event"];

    private static Dictionary<string, PropertySpec[]> StateMachineEventSpecs => Tables["state-machine-event"];

    public static bool IsKnownResourceType(string type) => ResourceSpecs.ContainsKey(type);

    public static bool IsKnownFunctionEvent(string type) => FunctionEventSpecs.ContainsKey(type);

    public static bool IsKnownStateMachineEvent(string type) => StateMachineEventSpecs.ContainsKey(type);

    /// <summary>SAM's from_dict validation of a resource's Properties.</summary>
    public static void ValidateResource(string logicalId, string type, SamValue? properties, SyntaxNode? at) =>
        Validate(ResourceSpecs, logicalId, type, properties, at);

    /// <summary>The same for an event source (errors name the function id + event id, as SAM does).</summary>
    public static void ValidateFunctionEvent(string logicalId, string type, SamValue? properties, SyntaxNode? at) =>
        Validate(FunctionEventSpecs, logicalId, type, properties, at);

    public static void ValidateStateMachineEvent(string logicalId, string type, SamValue? properties, SyntaxNode? at) =>
        Validate(StateMachineEventSpecs, logicalId, type, properties, at);

    /// <summary>The properties SAM declares for a type (for passing through everything it knows).</summary>
    public static IEnumerable<string> PropertyNames(string type) =>
        ResourceSpecs.TryGetValue(type, out var specs) ? specs.Select(s => s.Name) : [];

    private static void Validate(Dictionary<string, PropertySpec[]> table, string logicalId, string type, SamValue? properties, SyntaxNode? at)
    {
        if (!table.TryGetValue(type, out var specs))
        {
            return;
        }

        if (properties is not null && properties is not SamMap && !SamValue.IsNull(properties))
        {
            throw new SamException("Properties of a resource must be an object.", properties.Origin ?? at, SamErrorKind.Resource, logicalId);
        }

        var map = properties as SamMap;
        if (map is not null)
        {
            foreach (var (name, value) in map)
            {
                if (!specs.Any(s => s.Name == name))
                {
                    throw new SamException($"property {name} not defined for resource of type {type}", map.KeyNode(name) ?? value.Origin ?? at, SamErrorKind.Resource, logicalId);
                }
            }
        }

        foreach (var spec in specs)
        {
            var value = map?.Get(spec.Name);
            if (spec.SupportsIntrinsics && value is SamMap { Count: 1 })
            {
                continue;
            }

            if (SamValue.IsNull(value))
            {
                if (spec.Required)
                {
                    throw new SamException($"Missing required property '{spec.Name}'.", map?.Origin ?? at, SamErrorKind.Resource, logicalId);
                }

                continue;
            }

            if (!spec.Accepts(value!))
            {
                var message = spec.Expected switch
                {
                    "map" => $"Property '{spec.Name}' should be a map.",
                    "string" => $"Property '{spec.Name}' should be a string.",
                    { } e when e.StartsWith("enum:", StringComparison.Ordinal) => $"Property '{spec.Name}' should be a {EnumDescription(e[5..].Split(','))}.", // SAM's words: "should be a one of the strings: …"
                    _ => $"Type of property '{spec.Name}' is invalid.",
                };
                throw new SamException(message, value!.Origin ?? at, SamErrorKind.Resource, logicalId);
            }
        }
    }

    private static string EnumDescription(string[] values) => values.Length switch
    {
        1 => $"the string '{values[0]}'",
        2 => $"one of the strings: '{values[0]}' or '{values[1]}'",
        _ => "one of the strings: " + string.Join(", ", values[..^1].Select(v => $"'{v}'")) + $", or '{values[^1]}'",
    };

    /// <summary>Reads the embedded tables: <c>[KIND TYPE]</c> sections of <c>NAME FLAGS KINDS [EXPECTED]</c> lines.</summary>
    private static Dictionary<string, Dictionary<string, PropertySpec[]>> Load()
    {
        var sections = new List<(string Kind, string Type, List<PropertySpec> Specs)>();
        foreach (var raw in SamData.LoadText(SchemaResource).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                var header = line[1..^1].Split(' ', 2);
                sections.Add((header[0], header[1], []));
                continue;
            }

            var fields = line.Split(' ');
            string Field(int i) => fields.Length > i && fields[i] != "-" ? fields[i] : string.Empty;
            var flags = Field(1);
            sections[^1].Specs.Add(new PropertySpec(
                fields[0], flags.Contains('!', StringComparison.Ordinal), !flags.Contains('~', StringComparison.Ordinal),
                flags.Contains('*', StringComparison.Ordinal), Field(2), fields.Length > 3 ? fields[3] : null));
        }

        return sections.GroupBy(s => s.Kind, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.ToDictionary(s => s.Type, s => s.Specs.ToArray(), StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    internal sealed record PropertySpec(string Name, bool Required, bool SupportsIntrinsics, bool PassThrough, string Kinds, string? Expected)
    {
        public bool Accepts(SamValue value)
        {
            if (PassThrough)
            {
                return true;
            }

            if (Expected?.StartsWith("enum:", StringComparison.Ordinal) == true)
            {
                return value.AsString is { } s && Expected[5..].Split(',').Contains(s, StringComparer.Ordinal);
            }

            switch (value)
            {
                case SamMap map:
                    if (map.Count == 0)
                    {
                        return Has('m') || Has('M');
                    }

                    return map.Values.All(v => v switch
                    {
                        SamMap => Has('m'),
                        SamScalar { Kind: ScalarKind.String } => Has('M'),
                        SamScalar { Kind: ScalarKind.Integer or ScalarKind.Boolean } => Has('P'),
                        _ => Has('m') && Has('M') && Has('P'),
                    });
                case SamList list:
                    if (list.Count == 0)
                    {
                        return Has('e');
                    }

                    return list.All(item => item switch
                    {
                        SamScalar { Kind: ScalarKind.String } => Has('l') || Has('I'),
                        SamMap => Has('L') || Has('I'),
                        SamScalar { Kind: ScalarKind.Integer } => Has('I'),
                        _ => Has('I') && Has('l') && Has('L'),
                    });
                case SamScalar s:
                    return s.Kind switch
                    {
                        ScalarKind.String => Has('s'),
                        ScalarKind.Boolean => Has('b'),
                        ScalarKind.Integer => Has('i'),
                        ScalarKind.Float => Has('f'),
                        _ => Has('n'),
                    };
                default:
                    return false;
            }
        }

        private bool Has(char kind) => Kinds.Contains(kind, StringComparison.Ordinal);
    }

}
