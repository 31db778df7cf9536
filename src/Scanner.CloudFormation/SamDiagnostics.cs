using Scanner.CloudFormation.Sam;
using Scanner.Core.Diagnostics;

namespace Scanner.CloudFormation;

/// <summary>
/// E3000–E3099: what the SAM transform (AWS::Serverless-2016-10-31) rejects. SAM's translator refuses such a
/// template, so CloudFormation never deploys it; the message is SAM's own.
/// </summary>
public static class SamDiagnostics
{
    public const string InvalidTemplateId = "E3000";
    public const string InvalidResourceId = "E3001";
    public const string InvalidEventId = "E3002";
    public const string InvalidGlobalsId = "E3003";
    public const string DuplicateLogicalIdId = "E3004";

    public static readonly RuleDescriptor InvalidTemplate = Create(
        InvalidTemplateId, "SAM: template structure is invalid",
        "The SAM transform rejects the structure of the template: a missing or empty Resources section, an OpenAPI definition SAM has to edit that is not shaped as OpenAPI requires, or a malformed intrinsic function SAM has to read.");

    public static readonly RuleDescriptor InvalidResource = Create(
        InvalidResourceId, "SAM: resource is invalid",
        "A property of an AWS::Serverless resource has a value the SAM transform rejects (wrong type, a required property missing, properties that cannot be combined, an unknown property).");

    public static readonly RuleDescriptor InvalidEvent = Create(
        InvalidEventId, "SAM: event source is invalid",
        "An event source of a SAM function or state machine (Events) has a value the SAM transform rejects.");

    public static readonly RuleDescriptor InvalidGlobals = Create(
        InvalidGlobalsId, "SAM: Globals section is invalid",
        "The Globals section names a resource type or a property that SAM does not let Globals set, or is not a mapping.");

    public static readonly RuleDescriptor DuplicateLogicalId = Create(
        DuplicateLogicalIdId, "SAM: generated resource takes an existing logical id",
        "A resource the SAM transform generates (for example MyFunctionRole) has the logical id of a resource the template already declares, so SAM refuses the template.");

    public static IReadOnlyList<RuleDescriptor> All { get; } = [InvalidTemplate, InvalidResource, InvalidEvent, InvalidGlobals, DuplicateLogicalId];

    internal static string IdOf(SamErrorKind kind) => kind switch
    {
        SamErrorKind.Resource => InvalidResourceId,
        SamErrorKind.Event => InvalidEventId,
        SamErrorKind.Globals => InvalidGlobalsId,
        SamErrorKind.DuplicateId => DuplicateLogicalIdId,
        _ => InvalidTemplateId,
    };

    private static RuleDescriptor Create(string id, string title, string description) =>
        RuleDescriptor.Create(id, title, "{0}", RuleLevel.Failure, SecuritySeverity.High, "Template", description, kind: RuleKind.TemplateDiagnostic);
}
