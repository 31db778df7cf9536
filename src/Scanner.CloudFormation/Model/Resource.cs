using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Model;

/// <summary>One entry of the Resources section.</summary>
public sealed class Resource
{
    private readonly IReadOnlyList<ParameterPin>? _expandedUnder;

    internal Resource(ScalarNode key, MappingNode node, ScalarNode type, Resource? generatedFrom = null)
    {
        GeneratedFrom = generatedFrom;
        KeyNode = key;
        Node = node;
        TypeNode = type;
        Properties = node.Get("Properties") as MappingNode;
        Metadata = node.Get("Metadata") as MappingNode;
        Condition = (node.Get("Condition") as ScalarNode)?.Text;
        DependsOn = node.Get("DependsOn") switch
        {
            ScalarNode s => [s.Text],
            SequenceNode seq => seq.Items.OfType<ScalarNode>().Select(s => s.Text).ToArray(),
            _ => [],
        };
    }

    public string LogicalId => KeyNode.Text;

    public string Type => TypeNode.Text;

    public ScalarNode KeyNode { get; }

    public ScalarNode TypeNode { get; }

    /// <summary>The resource's whole mapping (Type, Properties, Metadata, …).</summary>
    public MappingNode Node { get; }

    public MappingNode? Properties { get; }

    public MappingNode? Metadata { get; }

    /// <summary>The name of the condition in the resource's Condition attribute.</summary>
    public string? Condition { get; }

    public IReadOnlyList<string> DependsOn { get; }

    public string Path => Node.Path;

    /// <summary>For a resource a transform generated (SAM), the resource written in the template that it comes from.</summary>
    public Resource? GeneratedFrom { get; }

    public bool IsGenerated => GeneratedFrom is not null;

    /// <summary>
    /// For a resource an Fn::ForEach loop generated from a parameter's Default (no value given): the parameter pins
    /// under which it exists as generated. Its scenario includes them, so its findings say so. Empty otherwise.
    /// </summary>
    public IReadOnlyList<ParameterPin> ExpandedUnder
    {
        get => _expandedUnder ?? GeneratedFrom?.ExpandedUnder ?? [];
        internal init => _expandedUnder = value;
    }

    public SyntaxNode? Attribute(string name) => Node.Get(name);

    /// <summary>
    /// A property by dotted path (<c>LoggingConfiguration.DestinationBucketName</c>; list indexes as numbers:
    /// <c>Tags.0.Key</c>). Null when any step is missing or is not a mapping/list (e.g. an intrinsic).
    /// </summary>
    public SyntaxNode? Property(string dottedPath) => Navigate(Properties, dottedPath);

    /// <summary>
    /// Follows <paramref name="dottedPath"/> from <paramref name="start"/>; <paramref name="step"/>, when given, maps
    /// each node reached before it is used (e.g. to step through a decided Fn::If).
    /// </summary>
    public static SyntaxNode? Navigate(SyntaxNode? start, string dottedPath, Func<SyntaxNode?, SyntaxNode?>? step = null)
    {
        var current = step is null ? start : step(start);
        foreach (var part in dottedPath.Split('.'))
        {
            current = current switch
            {
                MappingNode m => m.Get(part),
                SequenceNode s when int.TryParse(part, out var i) && i >= 0 && i < s.Count => s[i],
                _ => null,
            };
            if (step is not null)
            {
                current = step(current);
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public override string ToString() => $"{LogicalId} ({Type})";
}

public sealed class Parameter
{
    internal Parameter(string name, MappingNode node)
    {
        Name = name;
        Node = node;
        Type = (node.Get("Type") as ScalarNode)?.Text ?? "String";
        Default = node.Get("Default");
        NoEcho = (node.Get("NoEcho") as ScalarNode)?.BooleanValue ?? false;
        AllowedValues = node.Get("AllowedValues") is SequenceNode allowed && allowed.Items.All(i => i is ScalarNode { IsNull: false })
            ? allowed.Items.Select(i => ((ScalarNode)i).Text).Distinct(StringComparer.Ordinal).ToArray()
            : null;
    }

    public string Name { get; }

    public MappingNode Node { get; }

    public string Type { get; }

    public SyntaxNode? Default { get; }

    public bool NoEcho { get; }

    /// <summary>The values CloudFormation accepts for the parameter, or null when it does not restrict them.</summary>
    public IReadOnlyList<string>? AllowedValues { get; }

    public bool IsList => Type.StartsWith("List<", StringComparison.Ordinal) || Type == "CommaDelimitedList"
        || Type.StartsWith("AWS::SSM::Parameter::Value<List<", StringComparison.Ordinal)
        || Type == "AWS::SSM::Parameter::Value<CommaDelimitedList>";

    /// <summary>SSM parameter types resolve at deploy time: their default is a parameter name, not the value.</summary>
    public bool IsSsmParameter => Type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal);
}

public sealed class Output
{
    internal Output(string name, MappingNode node)
    {
        Name = name;
        Node = node;
    }

    public string Name { get; }

    public MappingNode Node { get; }

    public SyntaxNode? Value => Node.Get("Value");
}
