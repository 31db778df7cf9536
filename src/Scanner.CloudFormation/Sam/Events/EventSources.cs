using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Events;

/// <summary>Reads the Events of a SAM function or state machine into event sources, validating each as SAM does.</summary>
internal static class EventSources
{
    private static readonly string[] PullKinds = ["SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "SelfManagedKafka", "DocumentDB"];

    /// <summary>A function's events, in template order (SAM links them in this order and generates them by <see cref="GenerationOrder"/>).</summary>
    public static List<EventSource> ForFunction(string functionId, SamValue? events) =>
        events is SamMap map ? map.Select(e => Create(functionId, e.Key, e.Value, stateMachine: false)).ToList() : [];

    /// <summary>SAM generates function events sorted by Path (else event id), so <c>$default</c> comes first.</summary>
    public static IEnumerable<EventSource> GenerationOrder(IEnumerable<EventSource> sources) =>
        sources.OrderBy(s => s.Properties.Get("Path")?.AsString ?? s.RelativeId, StringComparer.Ordinal);

    public static List<EventSource> ForStateMachine(string machineId, SamValue? events)
    {
        if (events is not SamMap map)
        {
            return [];
        }

        return map.Select(e => Create(machineId, e.Key, e.Value, stateMachine: true)).ToList();
    }

    private static EventSource Create(string ownerId, string eventId, SamValue value, bool stateMachine)
    {
        var type = (value as SamMap)?.Get("Type");
        var known = type?.AsString is { } t && (stateMachine ? SamSchema.IsKnownStateMachineEvent(t) : SamSchema.IsKnownFunctionEvent(t));
        if (value is not SamMap @event || !known)
        {
            var shown = type is null || SamValue.IsNull(type) ? "None" : SamJson.Python(type);
            throw SamException.Event(eventId, $"Resource dict has missing or invalid value for key Type. Event Type is: {shown}.", type ?? value);
        }

        var kind = type!.AsString!;
        if (stateMachine)
        {
            SamSchema.ValidateStateMachineEvent(ownerId + eventId, kind, @event.Get("Properties"), @event.Origin);
        }
        else
        {
            SamSchema.ValidateFunctionEvent(ownerId + eventId, kind, @event.Get("Properties"), @event.Origin);
        }

        if (stateMachine)
        {
            return kind switch
            {
                "ScheduleV2" => new ScheduleV2Event(ownerId, eventId, @event, stateMachine: true),
                "Api" => new StateMachineApiEvent(ownerId, eventId, @event),
                _ => new StateMachineRuleEvent(ownerId, eventId, @event),
            };
        }

        return kind switch
        {
            "Schedule" => new ScheduleEvent(ownerId, eventId, @event),
            "CloudWatchEvent" or "EventBridgeRule" => new EventBridgeRuleEvent(ownerId, eventId, @event),
            "S3" => new S3Event(ownerId, eventId, @event),
            "SNS" => new SnsEvent(ownerId, eventId, @event),
            "Api" => new ApiEvent(ownerId, eventId, @event),
            "HttpApi" => new HttpApiEvent(ownerId, eventId, @event),
            "AlexaSkill" => new AlexaSkillEvent(ownerId, eventId, @event),
            "IoTRule" => new IoTRuleEvent(ownerId, eventId, @event),
            "Cognito" => new CognitoEvent(ownerId, eventId, @event),
            "CloudWatchLogs" => new CloudWatchLogsEvent(ownerId, eventId, @event),
            "ScheduleV2" => new ScheduleV2Event(ownerId, eventId, @event),
            _ when PullKinds.Contains(kind) => new PullEvent(ownerId, eventId, @event, kind),
            _ => throw SamException.Event(eventId, $"Resource dict has missing or invalid value for key Type. Event Type is: {kind}.", type),
        };
    }
}
