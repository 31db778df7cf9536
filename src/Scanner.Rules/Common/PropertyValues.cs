using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.Common;

/// <summary>
/// How the network/storage rules read property values: through the evaluator (so parameter values, defaults and
/// mappings count), looking at every branch of an undecided <c>Fn::If</c>, and never guessing about values that are
/// only known at deploy time. Booleans follow CloudFormation: true/false in any case, as YAML booleans or strings.
/// </summary>
internal static class PropertyValues
{
    public static bool IsAbsent(SyntaxNode? node) => node is null or ScalarNode { IsNull: true };

    /// <summary>Every value the node may take: both branches of an undecided condition, the value itself otherwise.</summary>
    public static IEnumerable<Value> Possibilities(ResourceContext context, SyntaxNode? node) => Possibilities(context.TemplateContext, node);

    public static IEnumerable<Value> Possibilities(TemplateContext context, SyntaxNode? node) =>
        context.Variants(node).Select(v => v.IsAbsent ? new NoValue(v.Node) : v.Value);

    /// <summary>
    /// The setting may end up false: it is absent, a literal false, or removed with AWS::NoValue (in some branch).
    /// A value known only at deploy time (a parameter without a default, an attribute) is given the benefit of the doubt.
    /// </summary>
    public static bool MayBeFalse(ResourceContext context, SyntaxNode? node) => MayBeFalse(context.TemplateContext, node);

    public static bool MayBeFalse(TemplateContext context, SyntaxNode? node) =>
        IsAbsent(node) || Possibilities(context, node).Any(v => v is NoValue || v.AsBoolean == false);

    /// <summary>The setting is on in some branch: a literal true (as a boolean or a string, any case).</summary>
    public static bool MayBeTrue(ResourceContext context, SyntaxNode? node) => MayBeTrue(context.TemplateContext, node);

    public static bool MayBeTrue(TemplateContext context, SyntaxNode? node) =>
        !IsAbsent(node) && Possibilities(context, node).Any(v => v.AsBoolean == true);

    /// <summary>The literal texts the node may take (unknown values are left out).</summary>
    public static IEnumerable<string> Literals(ResourceContext context, SyntaxNode? node) => Literals(context.TemplateContext, node);

    public static IEnumerable<string> Literals(TemplateContext context, SyntaxNode? node) =>
        IsAbsent(node) ? [] : Possibilities(context, node).Select(v => v.AsString).OfType<string>();

    /// <summary>True when some literal the node may take matches <paramref name="predicate"/>.</summary>
    public static bool AnyLiteral(ResourceContext context, SyntaxNode? node, Func<string, bool> predicate) => AnyLiteral(context.TemplateContext, node, predicate);

    public static bool AnyLiteral(TemplateContext context, SyntaxNode? node, Func<string, bool> predicate) =>
        Literals(context, node).Any(predicate);

    /// <summary>The literal integer a node evaluates to, if any ("7" and 7 alike).</summary>
    public static long? Integer(ResourceContext context, SyntaxNode? node) =>
        IsAbsent(node) ? null : context.Evaluate(node).AsInteger;

    /// <summary>Whether a value may be missing once evaluated (absent, or AWS::NoValue in some branch).</summary>
    public static bool MayBeMissing(ResourceContext context, SyntaxNode? node) => MayBeMissing(context.TemplateContext, node);

    public static bool MayBeMissing(TemplateContext context, SyntaxNode? node) =>
        IsAbsent(node) || Possibilities(context, node).Any(v => v is NoValue);
}
