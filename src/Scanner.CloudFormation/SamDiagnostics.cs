using Scanner.CloudFormation.Sam;
using Scanner.Core.Diagnostics;

namespace Scanner.CloudFormation;

/// <summary>
/// E3000–E3099: what the SAM transform (AWS::Serverless-2016-10-31) rejects. SAM's translator refuses such a
/// template, so CloudFormation never deploys it; the message is SAM's own. Two warnings say what the translator
/// decides only with AWS or after <c>sam package</c> (E3005, E3006), so such a template is never passed in silence.
/// </summary>
public static class SamDiagnostics
{
    public const string InvalidTemplateId = "E3000";
    public const string InvalidResourceId = "E3001";
    public const string InvalidEventId = "E3002";
    public const string InvalidGlobalsId = "E3003";
    public const string DuplicateLogicalIdId = "E3004";
    public const string RepositoryApplicationId = "E3005";
    public const string LocalArtifactId = "E3006";

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

    /// <summary>
    /// A warning, not an error: SAM's translator asks the Serverless Application Repository for the application
    /// when it transforms the template; whether the application exists, is shared with the deploying account and is
    /// ready is only known then, never offline, and the nested stack's template is not analysed.
    /// </summary>
    public static readonly RuleDescriptor RepositoryApplication = Create(
        RepositoryApplicationId, "SAM: Serverless Application Repository application not checked offline",
        "An AWS::Serverless::Application names an application of the Serverless Application Repository. SAM looks it up when it transforms the template (and rejects the template when the application does not exist, is not shared with the deploying account or is not ready); that lookup needs AWS, so it is not made here, and the nested stack's template is not analysed.",
        RuleLevel.Warning);

    /// <summary>
    /// A warning, not an error: a local path where SAM wants an S3 location (or no code at all) is what a template
    /// holds before <c>sam package</c>, which uploads the artifact and writes its location; SAM's translator alone
    /// rejects it.
    /// </summary>
    public static readonly RuleDescriptor LocalArtifact = Create(
        LocalArtifactId, "SAM: local artifact that `sam package` uploads",
        "A CodeUri, ContentUri or DefinitionUri is a local path (or a function has no code property, which SAM's tools take as the template's directory). `sam package` (or `sam deploy`) uploads it and writes the S3 location; SAM's translator alone rejects the template. The artifact's content is not analysed.",
        RuleLevel.Warning);

    public static IReadOnlyList<RuleDescriptor> All { get; } = [InvalidTemplate, InvalidResource, InvalidEvent, InvalidGlobals, DuplicateLogicalId, RepositoryApplication, LocalArtifact];

    internal static string IdOf(SamErrorKind kind) => kind switch
    {
        SamErrorKind.Resource => InvalidResourceId,
        SamErrorKind.Event => InvalidEventId,
        SamErrorKind.Globals => InvalidGlobalsId,
        SamErrorKind.DuplicateId => DuplicateLogicalIdId,
        _ => InvalidTemplateId,
    };

    private static RuleDescriptor Create(string id, string title, string description, RuleLevel level = RuleLevel.Failure) =>
        RuleDescriptor.Create(id, title, "{0}", level, level == RuleLevel.Failure ? SecuritySeverity.High : SecuritySeverity.Low, "Template", description, kind: RuleKind.TemplateDiagnostic);
}
