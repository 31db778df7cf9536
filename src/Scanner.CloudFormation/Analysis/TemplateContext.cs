using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Analysis;

/// <summary>
/// Everything a rule can see of one template, and the one way to report: a finding always carries the span and
/// path of the offending node.
/// </summary>
public sealed class TemplateContext
{
    private readonly List<Finding> _findings;

    internal TemplateContext(string filePath, Template template, TemplateEvaluator evaluator, RuleRegistry registry, List<Finding> findings)
    {
        FilePath = filePath;
        Template = template;
        Evaluator = evaluator;
        Registry = registry;
        _findings = findings;
    }

    public string FilePath { get; }

    public Template Template { get; }

    public SyntaxTree Tree => Template.Tree;

    public SourceText Source => Template.Tree.Source;

    public TemplateEvaluator Evaluator { get; }

    public RuleRegistry Registry { get; }

    /// <summary>Reports a finding at <paramref name="node"/> (or at the resource's key when the node is null).</summary>
    public void Report(RuleDescriptor descriptor, SyntaxNode? node, Resource? resource, params object?[] messageArgs) =>
        Report(descriptor, node?.Span ?? resource?.KeyNode.Span ?? default, node?.Path ?? resource?.Path ?? string.Empty, resource, descriptor.FormatMessage(messageArgs));

    /// <summary>
    /// Reports a finding at an explicit span (e.g. inside a policy written as a string). A tiered rule may rate the
    /// finding with <paramref name="severity"/> (one of the descriptor's <see cref="RuleDescriptor.FindingSeverities"/>);
    /// the level is always the descriptor's.
    /// </summary>
    public void Report(RuleDescriptor descriptor, TextSpan span, string path, Resource? resource, string message, SecuritySeverity? severity = null)
    {
        lock (_findings)
        {
            _findings.Add(new Finding
            {
                RuleId = descriptor.Id,
                Kind = descriptor.Kind,
                Level = descriptor.Level,
                Severity = severity ?? descriptor.Severity,
                Message = message,
                FilePath = FilePath,
                LogicalId = resource?.LogicalId,
                ResourceType = resource?.Type,
                Span = Source.GetSpan(span),
                Path = path,
            });
        }
    }

    /// <summary>Evaluates a node (shorthand for <c>Evaluator.Evaluate</c>).</summary>
    public Value Evaluate(SyntaxNode? node) => Evaluator.Evaluate(node);
}

/// <summary>The target of a resource action: one resource of a matching type.</summary>
public sealed class ResourceContext
{
    internal ResourceContext(TemplateContext template, Resource resource)
    {
        TemplateContext = template;
        Resource = resource;
    }

    public TemplateContext TemplateContext { get; }

    public Resource Resource { get; }

    public Template Template => TemplateContext.Template;

    public string LogicalId => Resource.LogicalId;

    public string Type => Resource.Type;

    /// <summary>
    /// A property by dotted path, stepping through every Fn::If whose condition is decided (by --condition-values
    /// or parameter values), including a whole <c>Properties: !If</c>. An undecided Fn::If on the way gives null,
    /// as any other intrinsic does; rules that need both branches evaluate the node and use its branches.
    /// </summary>
    public SyntaxNode? Property(string dottedPath) => Resource.Navigate(Resource.Attribute("Properties"), dottedPath, Decided);

    public Value Evaluate(SyntaxNode? node) => TemplateContext.Evaluator.Evaluate(node);

    private SyntaxNode? Decided(SyntaxNode? node)
    {
        for (var depth = 0; depth < 16 && node is IntrinsicNode { Name: "Fn::If" } choice && choice.Arguments is [ScalarNode condition, var whenTrue, var whenFalse]; depth++)
        {
            switch (TemplateContext.Evaluator.EvaluateCondition(condition.Text))
            {
                case true:
                    node = whenTrue;
                    break;
                case false:
                    node = whenFalse;
                    break;
                default:
                    return node;
            }
        }

        return node;
    }

    /// <summary>Evaluates a property; a missing property is null (not unknown), so "absent" is explicit.</summary>
    public Value? EvaluateProperty(string dottedPath) => Property(dottedPath) is { } node ? Evaluate(node) : null;

    /// <summary>Reports at <paramref name="node"/>, or at the resource's logical id when the offending thing is an absence.</summary>
    public void Report(RuleDescriptor descriptor, SyntaxNode? node = null, params object?[] messageArgs) =>
        TemplateContext.Report(descriptor, node, Resource, messageArgs);
}

public static class RegistrationExtensions
{
    /// <summary>Calls <paramref name="action"/> for every resource whose type matches one of <paramref name="resourceTypes"/> (wildcards allowed).</summary>
    public static void RegisterResourceAction(this RuleRegistrationContext context, Action<ResourceContext> action, params string[] resourceTypes) =>
        context.Register(resourceTypes, action);

    /// <summary>Calls <paramref name="action"/> once per template, after the resource actions (for cross-resource checks).</summary>
    public static void RegisterTemplateAction(this RuleRegistrationContext context, Action<TemplateContext> action) =>
        context.Register(["template"], action);
}
