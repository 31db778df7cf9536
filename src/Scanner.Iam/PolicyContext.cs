using System.Runtime.CompilerServices;
using Scanner.CloudFormation;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Iam;

/// <summary>The target of a policy action: one policy document of one resource.</summary>
public sealed class PolicyContext
{
    internal PolicyContext(TemplateContext templateContext, PolicyDocument document)
    {
        TemplateContext = templateContext;
        Document = document;
    }

    public TemplateContext TemplateContext { get; }

    public PolicyDocument Document { get; }

    public PolicyKind Kind => Document.Kind;

    /// <summary>The resource holding the document.</summary>
    public Resource Resource => Document.Owner;

    public Template Template => TemplateContext.Template;

    public IReadOnlyList<PolicyStatement> Statements => Document.Statements;

    public Value Evaluate(SyntaxNode? node) => TemplateContext.Evaluate(node);

    /// <summary>Every document of the template (for checks that look across policies), read once per template.</summary>
    public IReadOnlyList<PolicyDocument> AllDocuments => TemplateContext.Policies();

    /// <summary>
    /// Reports at <paramref name="node"/> (a principal, action, condition key…), or at the document when null, under
    /// the document's scenario: the message says when the document reads this way.
    /// </summary>
    public void Report(RuleDescriptor descriptor, SyntaxNode? node, params object?[] messageArgs) =>
        ReportMessage(descriptor, node, descriptor.FormatMessage(messageArgs));

    /// <summary>
    /// Reports with a message built by the rule (e.g. one that explains an unknown value), optionally rated at another
    /// of the rule's severities, holding under <paramref name="when"/>: the scenario of the statement, value or clause
    /// at fault (<see cref="PolicyStatement.Scenario"/>, <see cref="PolicyValue.Scenario"/>…), the document's when
    /// null. The message says the scenario ("… when condition IsDev holds").
    /// </summary>
    public void ReportMessage(RuleDescriptor descriptor, SyntaxNode? node, string message, SecuritySeverity? severity = null, Scenario? when = null)
    {
        var target = node ?? Document.Node;
        TemplateContext.Report(descriptor, target.Span, target.Path, Resource, message, severity, when ?? Document.Scenario);
    }

    /// <summary>
    /// Reports a value at fault at its node, under its scenario; the message shows it with its source when it is a
    /// parameter ("'*' (the default of parameter Principal)"), so that parameter's pin is not repeated.
    /// </summary>
    public void Report(RuleDescriptor descriptor, PolicyValue value, string message, SecuritySeverity? severity = null) =>
        TemplateContext.Report(descriptor, value.Node.Span, value.Node.Path, Resource, message, severity, value.Scenario, value.SourceParameter);
}

/// <summary>Reads policies once per template and hands them to the rules that registered for policy kinds.</summary>
public sealed class PolicyWalkExtension : ITemplateWalkExtension
{
    public static PolicyWalkExtension Instance { get; } = new();

    /// <summary>The dispatch key of a document: <c>Trust/AWS::IAM::Role</c>.</summary>
    public static string KeyOf(PolicyKind kind, string resourceType) => kind + "/" + resourceType;

    public void VisitResource(TemplateContext context, Resource resource, Action<RegisteredAction, Exception> onError)
    {
        if (!context.Registry.HasActions<PolicyContext>() || !PolicyLocator.HoldsPolicies(resource.Type))
        {
            return;
        }

        IReadOnlyList<PolicyDocument> documents;
        try
        {
            documents = context.PoliciesOf(resource);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A reader bug must not stop the analysis; report it like a failing rule.
            context.Report(TemplateDiagnostics.RuleError, resource.TypeNode, resource, $"Reading the policies of '{resource.LogicalId}' failed: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        foreach (var document in documents)
        {
            context.Registry.Dispatch(KeyOf(document.Kind, resource.Type), new PolicyContext(context, document), onError);
        }
    }
}

/// <summary>Registration and cached access to the policy model.</summary>
public static class PolicyModelExtensions
{
    private static readonly ConditionalWeakTable<TemplateContext, PolicyCache> Caches = new();

    /// <summary>Calls <paramref name="action"/> for every document of the given kinds (all kinds when none are given).</summary>
    public static void RegisterPolicyAction(this RuleRegistrationContext context, Action<PolicyContext> action, params PolicyKind[] kinds)
    {
        var keys = (kinds.Length == 0 ? Enum.GetValues<PolicyKind>() : kinds).Select(k => k + "/*").ToArray();
        context.Register(keys, action);
    }

    /// <summary>Calls <paramref name="action"/> for documents of <paramref name="kind"/> held by the given resource types (wildcards allowed: <c>AWS::IAM::*</c>).</summary>
    public static void RegisterPolicyAction(this RuleRegistrationContext context, Action<PolicyContext> action, PolicyKind kind, params string[] resourceTypes)
    {
        var keys = resourceTypes.Length == 0 ? [kind + "/*"] : resourceTypes.Select(t => PolicyWalkExtension.KeyOf(kind, t)).ToArray();
        context.Register(keys, action);
    }

    /// <summary>The documents of one resource, read once per template.</summary>
    public static IReadOnlyList<PolicyDocument> PoliciesOf(this TemplateContext context, Resource resource) =>
        Caches.GetValue(context, c => new PolicyCache(c)).Get(resource);

    /// <summary>Every document of the template, in resource order.</summary>
    public static IReadOnlyList<PolicyDocument> Policies(this TemplateContext context)
    {
        var cache = Caches.GetValue(context, c => new PolicyCache(c));
        return context.Resources.SelectMany(cache.Get).ToArray();
    }

    private sealed class PolicyCache(TemplateContext context)
    {
        private readonly PolicyReader _reader = new(context.Template, context.Evaluator);
        private readonly Dictionary<Resource, IReadOnlyList<PolicyDocument>> _documents = [];
        private readonly Lock _lock = new();

        public IReadOnlyList<PolicyDocument> Get(Resource resource)
        {
            lock (_lock)
            {
                if (!_documents.TryGetValue(resource, out var docs))
                {
                    docs = PolicyLocator.Locate(_reader, resource, context.ScenarioOf(resource) ?? Scenario.Always);
                    _documents[resource] = docs;
                }

                return docs;
            }
        }
    }
}
