using Scanner.Core.Diagnostics;

namespace Scanner.CloudFormation;

/// <summary>The E-series: problems with the template itself rather than its security.</summary>
public static class TemplateDiagnostics
{
    public const string SyntaxErrorId = "E0000";
    public const string DuplicateKeyId = "E0001";
    public const string UnknownTagId = "E0002";
    public const string InvalidTemplateId = "E0003";
    public const string BlockScalarBlankLineId = "E0020";
    public const string UndefinedReferenceId = "E1001";
    public const string UndefinedGetAttId = "E1002";
    public const string UndefinedConditionId = "E1003";
    public const string UndefinedMappingId = "E1004";
    public const string UnclosedSubstitutionId = "E2001";
    public const string RuleErrorId = "E9999";

    public static readonly RuleDescriptor SyntaxError = Create(
        SyntaxErrorId, "Template cannot be parsed", "{0}", RuleLevel.Failure,
        "The file is not valid YAML or JSON (or not text at all), so no rule could look at it.");

    public static readonly RuleDescriptor DuplicateKey = Create(
        DuplicateKeyId, "Duplicate mapping key", "{0}", RuleLevel.Failure,
        "A key appears twice in the same mapping. Loaders keep only the last value, so the first one is silently ignored; CloudFormation rejects such templates.");

    public static readonly RuleDescriptor UnknownTag = Create(
        UnknownTagId, "Unknown YAML tag", "{0}", RuleLevel.Failure,
        "A YAML tag that is not one of CloudFormation's intrinsic function short forms.");

    public static readonly RuleDescriptor InvalidTemplate = Create(
        InvalidTemplateId, "Template structure is invalid", "{0}", RuleLevel.Failure,
        "A top-level section or resource does not have the shape CloudFormation requires (for example a resource without a Type).");

    public static readonly RuleDescriptor BlockScalarBlankLine = Create(
        BlockScalarBlankLineId, "Over-indented blank line at the start of a YAML block scalar", "{0}", RuleLevel.Warning,
        "A whitespace-only line at the start of a block scalar (| or >) has more spaces than the scalar's first line of content. YAML 1.2 calls this an error and strict parsers reject the file; it is read as an empty line, as CloudFormation's and SAM's parsers read blank lines there.");

    public static readonly RuleDescriptor UndefinedReference = Create(
        UndefinedReferenceId, "Reference to an undeclared parameter or resource", "{0}", RuleLevel.Failure,
        "A Ref or ${} substitution names something that is neither a parameter, a resource nor a pseudo parameter.");

    public static readonly RuleDescriptor UndefinedGetAtt = Create(
        UndefinedGetAttId, "GetAtt of an undeclared resource", "{0}", RuleLevel.Failure,
        "Fn::GetAtt names a resource that the template does not declare.");

    public static readonly RuleDescriptor UndefinedCondition = Create(
        UndefinedConditionId, "Reference to an undeclared condition", "{0}", RuleLevel.Failure,
        "A Condition attribute, Fn::If or Condition function names a condition that is not declared.");

    public static readonly RuleDescriptor UndefinedMapping = Create(
        UndefinedMappingId, "FindInMap of an undeclared mapping", "{0}", RuleLevel.Failure,
        "Fn::FindInMap names a mapping that the Mappings section does not declare.");

    public static readonly RuleDescriptor UnclosedSubstitution = Create(
        UnclosedSubstitutionId, "Fn::Sub string with an unclosed ${", "{0}", RuleLevel.Failure,
        "An Fn::Sub string has a ${ that no } closes. CloudFormation rejects the template; write ${!Literal} for a literal ${.");

    public static readonly RuleDescriptor RuleError = Create(
        RuleErrorId, "A rule failed while analysing the template", "{0}", RuleLevel.Warning,
        "A rule threw an error on this template. The other rules still ran; please report this as a bug with the template.");

    public static IReadOnlyList<RuleDescriptor> All { get; } =
        [SyntaxError, DuplicateKey, UnknownTag, InvalidTemplate, BlockScalarBlankLine, UndefinedReference, UndefinedGetAtt, UndefinedCondition, UndefinedMapping, UnclosedSubstitution, RuleError, .. SamDiagnostics.All];

    public static RuleDescriptor Get(string id) => All.First(d => d.Id == id);

    private static RuleDescriptor Create(string id, string title, string message, RuleLevel level, string description) =>
        RuleDescriptor.Create(id, title, message, level, level == RuleLevel.Failure ? SecuritySeverity.High : SecuritySeverity.Low, "Template", description, kind: RuleKind.TemplateDiagnostic);
}
