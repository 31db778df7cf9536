namespace Scanner.Guard;

public enum GuardStatus
{
    Pass,
    Fail,
    Skip,
}

/// <summary>Switches for behaviour that changed between cfn-guard releases.</summary>
public sealed record GuardOptions
{
    public static readonly GuardOptions Default = new();

    /// <summary>cfn-guard 3.2 semantics: <c>!=</c> between two queries is a real inequality (3.1.1 treats it as <c>==</c>).</summary>
    public bool Guard32 { get; init; }
}

/// <summary>An evaluation that cannot continue (cfn-guard aborts the run with an error in these cases).</summary>
public sealed class GuardEvaluationException : Exception
{
    public GuardEvaluationException()
    {
    }

    public GuardEvaluationException(string message)
        : base(message)
    {
    }

    public GuardEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>One value that made a clause fail; <see cref="Value"/> carries the template node when there is one.</summary>
public sealed record GuardFailure(GuardValue? Value, string? CustomMessage, string Message, GuardClause? Clause)
{
    /// <summary>For a value that was not there: the part of the query that could not be followed.</summary>
    public string? RemainingQuery { get; init; }

    /// <summary>For a value that was not there: why the query stopped.</summary>
    public string? Reason { get; init; }

    /// <summary>For a failed comparison: what the value was compared with (a literal or the first right-hand value).</summary>
    public GuardValue? ComparedWith { get; init; }

    public bool IsUnresolved => RemainingQuery is not null;

    /// <summary>The custom message (trimmed, whitespace collapsed) or else the generated one.</summary>
    public string DisplayMessage => string.IsNullOrWhiteSpace(CustomMessage)
        ? Message
        : string.Join(' ', CustomMessage.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

public sealed record GuardRuleResult(GuardRule Rule, GuardStatus Status, IReadOnlyList<GuardFailure> Failures)
{
    public string Name => Rule.Name;
}

public sealed record GuardFileResult(GuardRulesFile File, GuardStatus Status, IReadOnlyList<GuardRuleResult> Rules);
