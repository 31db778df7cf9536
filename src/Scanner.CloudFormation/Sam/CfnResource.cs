using Scanner.CloudFormation.Sam.Values;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam;

/// <summary>
/// A CloudFormation resource the transform generates: logical id, type, properties and resource attributes, in
/// the shape of a Resources entry. <see cref="Origin"/> is the SAM construct it stands for (its span is where
/// findings on synthesized values point).
/// </summary>
internal sealed class CfnResource
{
    /// <summary>Resource attributes SAM copies from a SAM resource to what it generates (its pass-through attributes).</summary>
    public static readonly string[] PassThroughAttributes = ["Condition", "DeletionPolicy", "UpdateReplacePolicy"];

    /// <summary>Every resource attribute SAM keeps on the main resource it generates.</summary>
    public static readonly string[] SupportedAttributes = ["DeletionPolicy", "UpdatePolicy", "Condition", "UpdateReplacePolicy", "Metadata"];

    public CfnResource(string logicalId, string type, SyntaxNode? origin, SamMap? attributes = null)
    {
        LogicalId = logicalId;
        Type = type;
        Origin = origin;
        Properties = new SamMap();
        Attributes = new SamMap();
        if (attributes is not null)
        {
            foreach (var (k, v) in attributes)
            {
                Attributes.Set(k, v);
            }
        }
    }

    public string LogicalId { get; set; }

    public string Type { get; }

    public SyntaxNode? Origin { get; set; }

    /// <summary>Where the resource's Type points: the SAM resource's Type (default: <see cref="Origin"/>).</summary>
    public SyntaxNode? TypeOrigin { get; set; }

    /// <summary>The node the whole Resources entry stands for (the SAM resource as written; default: <see cref="Origin"/>).</summary>
    public SyntaxNode? NodeOrigin { get; set; }

    public SamMap Properties { get; }

    /// <summary>Condition, DeletionPolicy, UpdatePolicy, UpdateReplacePolicy, Metadata.</summary>
    public SamMap Attributes { get; }

    public SamValue? DependsOn { get; set; }

    /// <summary>The SAM resource this one was generated from (null for resources the template declares as they are).</summary>
    public string? SourceLogicalId { get; set; }

    public SamValue? this[string property]
    {
        get => Properties.Get(property);
        set => Properties[property] = value;
    }

    public string? Condition => Attributes.GetString("Condition");

    /// <summary>Sets a property when the value is not null (SAM leaves None properties out).</summary>
    public CfnResource Set(string property, SamValue? value)
    {
        Properties.SetIf(property, value);
        return this;
    }

    public CfnResource Set(string property, string value) => Set(property, SamScalar.String(value));

    /// <summary>The value of <c>!Ref</c> on this resource.</summary>
    public SamMap RefValue() => Fn.Ref(LogicalId);

    public SamMap GetAtt(string attribute) => Fn.GetAtt(LogicalId, attribute);

    /// <summary>The Resources entry: Type, DependsOn, attributes, Properties (always present, as SAM writes it).</summary>
    public SamMap ToDict()
    {
        var dict = new SamMap(NodeOrigin ?? Origin);
        Properties.Origin ??= Origin;
        dict.Set("Type", SamScalar.String(Type, TypeOrigin ?? Origin));
        if (DependsOn is not null && SamValue.Truthy(DependsOn))
        {
            dict.Set("DependsOn", DependsOn);
        }

        foreach (var (k, v) in Attributes)
        {
            dict.Set(k, v);
        }

        dict.Set("Properties", Properties);
        return dict;
    }

    public override string ToString() => $"{LogicalId} ({Type})";
}
