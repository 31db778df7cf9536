using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Events;

/// <summary>
/// What an event source invokes: the Lambda function, its alias (with AutoPublishAlias every event is wired to the
/// alias), or a state machine. SAM's <c>get_runtime_attr("name"/"arn")</c> and attributes of that resource.
/// </summary>
internal sealed class InvokeTarget
{
    private InvokeTarget(CfnResource resource, SamValue? name, SamValue arn)
    {
        Resource = resource;
        Name = name;
        Arn = arn;
    }

    public CfnResource Resource { get; }

    public string LogicalId => Resource.LogicalId;

    /// <summary>The function's name (<c>Ref</c> of a function); an alias has none (its ARN is used instead).</summary>
    public SamValue? Name { get; }

    public SamValue Arn { get; }

    /// <summary>The name if it has one, else the ARN (what Lambda permissions and event source mappings take).</summary>
    public SamValue NameOrArn => (Name ?? Arn).Clone();

    /// <summary>The Condition of the target resource, which SAM copies to what events generate.</summary>
    public string? Condition => Resource.Attributes.GetString("Condition");

    /// <summary>Condition, DeletionPolicy, UpdateReplacePolicy of the target.</summary>
    public SamMap PassThroughAttributes()
    {
        var result = new SamMap();
        foreach (var name in CfnResource.PassThroughAttributes)
        {
            if (Resource.Attributes.Get(name) is { } v)
            {
                result.Set(name, v);
            }
        }

        return result;
    }

    public static InvokeTarget Function(CfnResource function) => new(function, Fn.Ref(function.LogicalId), Fn.GetAtt(function.LogicalId, "Arn"));

    public static InvokeTarget Alias(CfnResource alias) => new(alias, null, Fn.Ref(alias.LogicalId));

    /// <summary>A state machine (Ref is its ARN; GetAtt Name is its name).</summary>
    public static InvokeTarget StateMachine(CfnResource machine) => new(machine, Fn.GetAtt(machine.LogicalId, "Name"), Fn.Ref(machine.LogicalId));

    /// <summary>A state machine alias (Ref is its ARN).</summary>
    public static InvokeTarget StateMachineAlias(CfnResource alias) => new(alias, null, Fn.Ref(alias.LogicalId));

    /// <summary>The target as <c>${Id}</c> / <c>${Id.Arn}</c> inside an Fn::Sub (SAM's make_shorthand of the ARN).</summary>
    public string ArnShorthand => Fn.RefName(Arn) is { } r ? "${" + r + "}" : "${" + LogicalId + ".Arn}";
}
