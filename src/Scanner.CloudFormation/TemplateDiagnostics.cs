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
    public const string LoopNotExpandedId = "E2050";
    public const string MalformedLoopId = "E2051";
    public const string DuplicateGeneratedKeyId = "E2052";
    public const string UnsupportedLanguageExtensionFunctionId = "E2053";
    public const string LanguageExtensionsNotDeclaredId = "E2054";
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

    public static readonly RuleDescriptor LoopNotExpanded = Create(
        LoopNotExpandedId, "Fn::ForEach loop not analysed", "{0}", RuleLevel.Warning,
        "The collection of an Fn::ForEach loop is known only at deploy time (for example a list parameter without a Default and without a value given with --parameter-values), so the resources, outputs or conditions it generates are not analysed. Give the parameter's value to analyse them.");

    public static readonly RuleDescriptor MalformedLoop = Create(
        MalformedLoopId, "Malformed Fn::ForEach loop", "{0}", RuleLevel.Failure,
        "An Fn::ForEach loop does not have the shape AWS::LanguageExtensions requires: a list of an identifier (a string), a collection (a list of strings or a function that returns one) and a mapping whose keys use ${Identifier} or &{Identifier}. CloudFormation rejects the template.");

    public static readonly RuleDescriptor DuplicateGeneratedKey = Create(
        DuplicateGeneratedKeyId, "Fn::ForEach generates a duplicate key", "{0}", RuleLevel.Failure,
        "An Fn::ForEach loop generates a logical id (or output, condition or property name) that another loop iteration or an entry written in the template already uses. CloudFormation rejects the template.");

    public static readonly RuleDescriptor UnsupportedLanguageExtensionFunction = Create(
        UnsupportedLanguageExtensionFunctionId, "Unsupported function in a language extension", "{0}", RuleLevel.Failure,
        "A position that only AWS::LanguageExtensions evaluates (an Fn::ForEach collection, an intrinsic DeletionPolicy or UpdateReplacePolicy, Fn::Length, Fn::ToJsonString, an Fn::FindInMap DefaultValue) uses a function or value the transform does not accept there. CloudFormation rejects the template.");

    public static readonly RuleDescriptor LanguageExtensionsNotDeclared = Create(
        LanguageExtensionsNotDeclaredId, "Language extension without the AWS::LanguageExtensions transform", "{0}", RuleLevel.Failure,
        "The template uses Fn::ForEach, Fn::Length, Fn::ToJsonString, Fn::FindInMap with a DefaultValue or an intrinsic DeletionPolicy/UpdateReplacePolicy, but does not declare Transform: AWS::LanguageExtensions. CloudFormation rejects the template.");

    public static readonly RuleDescriptor RuleError = Create(
        RuleErrorId, "A rule failed while analysing the template", "{0}", RuleLevel.Warning,
        "A rule threw an error on this template. The other rules still ran; please report this as a bug with the template.");

    public static IReadOnlyList<RuleDescriptor> All { get; } =
        [
            SyntaxError, DuplicateKey, UnknownTag, InvalidTemplate, BlockScalarBlankLine, UndefinedReference, UndefinedGetAtt, UndefinedCondition,
            UndefinedMapping, UnclosedSubstitution, LoopNotExpanded, MalformedLoop, DuplicateGeneratedKey, UnsupportedLanguageExtensionFunction, LanguageExtensionsNotDeclared,
            RuleError, .. SamDiagnostics.All,
        ];

    public static RuleDescriptor Get(string id) => All.First(d => d.Id == id);

    private static RuleDescriptor Create(string id, string title, string message, RuleLevel level, string description) =>
        RuleDescriptor.Create(id, title, message, level, level == RuleLevel.Failure ? SecuritySeverity.High : SecuritySeverity.Low, "Template", description, kind: RuleKind.TemplateDiagnostic);
}
