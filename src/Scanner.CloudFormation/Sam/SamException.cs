using Scanner.CloudFormation.Sam.Values;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam;

/// <summary>What SAM's translator rejects, in its own categories (each becomes one E30xx id).</summary>
internal enum SamErrorKind
{
    /// <summary>The document's structure (Resources section, OpenAPI bodies, intrinsic shapes).</summary>
    Template,

    /// <summary>A SAM resource's properties.</summary>
    Resource,

    /// <summary>An event source of a function or state machine.</summary>
    Event,

    /// <summary>The Globals section.</summary>
    Globals,

    /// <summary>A generated resource would take the logical id of another resource.</summary>
    DuplicateId,

    /// <summary>Not an error: what only SAM's repository or `sam package` decides, which cannot be checked offline.</summary>
    Unchecked,
}

/// <summary>
/// A validation error of the SAM transform: the template would be rejected by SAM when deployed. Carries SAM's
/// message and the node the problem is at (or the nearest one known), so it becomes a located finding.
/// </summary>
internal sealed class SamException : Exception
{
    public SamException(string message, SyntaxNode? at, SamErrorKind kind = SamErrorKind.Template, string? id = null)
        : base(message)
    {
        At = at;
        Kind = kind;
        Id = id;
    }

    public SamException()
    {
    }

    public SamException(string message)
        : base(message)
    {
    }

    public SamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where the problem is written (null: the resource or template it belongs to).</summary>
    public SyntaxNode? At { get; private set; }

    public SamErrorKind Kind { get; private set; }

    /// <summary>The resource's or event's logical id that SAM names in its message.</summary>
    public string? Id { get; }

    /// <summary>The finding's id when it is not the one of <see cref="Kind"/> (what cannot be checked offline).</summary>
    public string? RuleId { get; init; }

    /// <summary>SAM's message with its prefix ("Resource with id [X] is invalid. …").</summary>
    public string FullMessage => Kind switch
    {
        SamErrorKind.Template => $"Structure of the SAM template is invalid. {Message}",
        SamErrorKind.Resource => $"Resource with id [{Id}] is invalid. {Message}",
        SamErrorKind.Event => $"Event with id [{Id}] is invalid. {Message}",
        SamErrorKind.Globals => $"'Globals' section is invalid. {Message}",
        _ => Message,
    };

    public static SamException Template(string message, SamValue? at = null) => new(message, at?.Origin, SamErrorKind.Template);

    public static SamException Resource(string logicalId, string message, SamValue? at = null) => new(message, at?.Origin, SamErrorKind.Resource, logicalId);

    public static SamException Event(string eventId, string message, SamValue? at = null) => new(message, at?.Origin, SamErrorKind.Event, eventId);

    public static SamException Globals(string message, SamValue? at = null) => new(message, at?.Origin, SamErrorKind.Globals);

    /// <summary>An event's error as its function reports it ("Resource with id [F] is invalid. Event with id [E] is invalid. …").</summary>
    public SamException InResource(string logicalId) =>
        Kind == SamErrorKind.Event ? new SamException(FullMessage, At, SamErrorKind.Resource, logicalId) : this;

    /// <summary>Locates the error at <paramref name="node"/> when it has no location yet.</summary>
    public SamException LocatedAt(SyntaxNode? node)
    {
        At ??= node;
        return this;
    }
}
