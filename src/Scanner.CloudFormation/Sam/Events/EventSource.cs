using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Events;

/// <summary>What an event source needs while generating: what it invokes, the owner's execution role, the template.</summary>
internal sealed class EventContext
{
    public EventContext(SamContext sam, SamResource owner, InvokeTarget target, CfnResource? role)
    {
        Sam = sam;
        Owner = owner;
        Target = target;
        Role = role;
    }

    public SamContext Sam { get; }

    /// <summary>The SAM function or state machine the event belongs to.</summary>
    public SamResource Owner { get; }

    public InvokeTarget Target { get; }

    /// <summary>The execution role SAM generated (pull events add their permissions to it), or null.</summary>
    public CfnResource? Role { get; }
}

/// <summary>
/// One entry of a SAM function's or state machine's Events: its logical id is the owner's id + the event id
/// (SAM's <c>logical_id</c>), <see cref="RelativeId"/> is the event id SAM names in its messages.
/// </summary>
internal abstract class EventSource
{
    protected EventSource(string ownerId, string eventId, SamMap @event)
    {
        LogicalId = ownerId + eventId;
        RelativeId = eventId;
        Event = @event;
        Properties = @event.Get("Properties") as SamMap ?? new SamMap(@event.Origin);
    }

    public string LogicalId { get; }

    public string RelativeId { get; }

    public SamMap Event { get; }

    public SamMap Properties { get; }

    public string Type => Event.GetString("Type") ?? string.Empty;

    /// <summary>A property (null when missing or YAML null, as SAM's None).</summary>
    protected SamValue? P(string name) => Properties.Get(name) is { } v && !SamValue.IsNull(v) ? v : null;

    protected SamException Error(string message, SamValue? at = null) => SamException.Event(RelativeId, message, at ?? Event);

    /// <summary>The resource of this template a property names with <c>Ref</c> (S3 buckets and Cognito user pools, which SAM edits).</summary>
    protected (string Id, SamMap Dict) ReferencedResource(SamContext context, string property, Func<SamMap, SamException> refNotString, string notFound)
    {
        if (P(property) is SamMap reference && reference.ContainsKey("Ref"))
        {
            if (reference.Get("Ref")?.AsString is not { } id)
            {
                throw refNotString(reference);
            }

            if (context.ResourceDict(id) is { } dict)
            {
                return (id, dict);
            }
        }

        throw Error(notFound, P(property));
    }

    /// <summary>SAM's <c>resources_to_link</c>: look up the resources the event refers to (errors are raised here).</summary>
    public virtual void Link(SamContext context)
    {
    }

    public abstract IEnumerable<CfnResource> Generate(EventContext context);

    /// <summary>A resource generated for this event (it points at the event as written).</summary>
    protected CfnResource New(EventContext context, string logicalId, string type, SamMap? attributes = null) =>
        context.Owner.New(logicalId, type, attributes ?? context.Target.PassThroughAttributes(), Event.Origin);

    /// <summary>The Lambda permission letting the event's service invoke the target.</summary>
    protected CfnResource Permission(EventContext context, string principal, SamValue? sourceArn = null, SamValue? sourceAccount = null, string suffix = "", SamValue? eventSourceToken = null, string? prefix = null)
    {
        prefix ??= LogicalId;
        var id = suffix.Length > 0 && suffix.All(char.IsLetterOrDigit) ? prefix + "Permission" + suffix : prefix + "Permission" + (suffix.Length > 0 ? SamJson.HashText(suffix) : string.Empty);
        return New(context, id, "AWS::Lambda::Permission")
            .Set("Action", "lambda:InvokeFunction")
            .Set("FunctionName", context.Target.NameOrArn)
            .Set("Principal", principal)
            .Set("SourceArn", sourceArn)
            .Set("SourceAccount", sourceAccount)
            .Set("EventSourceToken", eventSourceToken);
    }

    /// <summary>An events rule target id: <c>&lt;id&gt;&lt;suffix&gt;</c>, truncated to EventBridge's 64 characters.</summary>
    protected static string TargetId(string logicalId, string suffix) =>
        logicalId.Length + suffix.Length <= 64 ? logicalId + suffix : logicalId[..(64 - suffix.Length)] + suffix;
}
