using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.LanguageExtensions;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Model;

/// <summary>
/// The semantic model of a CloudFormation/SAM template over its syntax tree. Sections that are missing or have the
/// wrong shape are empty (the problem is reported as E0003), so rules never see nulls for sections.
/// </summary>
public sealed class Template
{
    private readonly Dictionary<string, Resource> _resourcesById;
    private readonly bool _forceSam;

    private Template(SyntaxTree tree, MappingNode root, List<SyntaxDiagnostic> problems, bool forceSam, EvaluationSettings settings)
    {
        _forceSam = forceSam;
        Tree = tree;
        Root = root;
        FormatVersion = (root.Get("AWSTemplateFormatVersion") as ScalarNode)?.Text;
        Description = (root.Get("Description") as ScalarNode)?.Text;
        Metadata = root.Get("Metadata") as MappingNode;
        Transforms = ReadTransforms(root.Get("Transform"));

        // AWS::LanguageExtensions runs first, as in CloudFormation: every section below (and SAM) reads its output.
        var expansion = LanguageExtensionsTransform.Expand(root, Transforms, settings, problems);
        var document = expansion.Document;
        ExpandedRoot = document;
        Parameters = ReadSection(document, "Parameters", problems, (key, node) => new Parameter(key, node));
        Mappings = ReadSection(document, "Mappings", problems, (key, node) => node);
        Conditions = ReadConditions(document, problems);
        SourceResources = ReadResources(document, problems, expansion);
        if (IsSam)
        {
            // The SAM transform runs before any rule: rules see what SAM deploys, and Outputs/Conditions as SAM rewrites them.
            var translation = Sam.SamTransform.Translate(document, SourceResources, problems);
            Resources = translation.Resources;
            Document = translation.Document;
            SamReferences = translation.References;
            SamTransformFailed = translation.Failed;
            Conditions = ReadConditions(Document, []);
        }
        else
        {
            Resources = SourceResources;
            Document = document;
            SamReferences = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        Outputs = ReadSection(Document, "Outputs", problems, (key, node) => new Output(key, node));
        _resourcesById = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var r in Resources)
        {
            _resourcesById[r.LogicalId] = r;
        }
    }

    public SyntaxTree Tree { get; }

    /// <summary>The template as written.</summary>
    public MappingNode Root { get; }

    /// <summary>
    /// The template after AWS::LanguageExtensions (Fn::ForEach loops expanded; generated nodes keep the spans of the
    /// loop body they come from), before SAM; <see cref="Root"/> when the template does not declare the transform.
    /// </summary>
    public MappingNode ExpandedRoot { get; }

    /// <summary>
    /// The template CloudFormation receives: after AWS::LanguageExtensions and, for a SAM template, after the SAM
    /// transform (generated resources, rewritten references, no Globals); otherwise <see cref="ExpandedRoot"/>.
    /// </summary>
    public MappingNode Document { get; }

    /// <summary>The SAM transform rejected the template (E30xx findings): what the rejected resources would generate is missing.</summary>
    internal bool SamTransformFailed { get; }

    /// <summary>Names the SAM transform resolves in references (<c>MyFunction.Alias</c>, a renamed layer's id) → the logical id.</summary>
    public IReadOnlyDictionary<string, string> SamReferences { get; }

    public string? FormatVersion { get; }

    public string? Description { get; }

    public MappingNode? Metadata { get; }

    /// <summary>Transform names, e.g. <c>AWS::Serverless-2016-10-31</c>.</summary>
    public IReadOnlyList<string> Transforms { get; }

    public bool IsSam => _forceSam || Transforms.Any(t => t.StartsWith("AWS::Serverless", StringComparison.Ordinal));

    public IReadOnlyDictionary<string, Parameter> Parameters { get; }

    public IReadOnlyDictionary<string, MappingNode> Mappings { get; }

    /// <summary>Condition name → its expression node.</summary>
    public IReadOnlyDictionary<string, SyntaxNode> Conditions { get; }

    /// <summary>
    /// The resources rules analyse, in document order: for a SAM template, after the transform (an
    /// AWS::Serverless::Function becomes its AWS::Lambda::Function, execution role, permissions…).
    /// </summary>
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>The resources as written in the template (for SAM templates, before the transform).</summary>
    public IReadOnlyList<Resource> SourceResources { get; }

    public IReadOnlyDictionary<string, Output> Outputs { get; }

    public Resource? GetResource(string logicalId) => _resourcesById.GetValueOrDefault(logicalId);

    public IEnumerable<Resource> ResourcesOfType(string type) => Resources.Where(r => r.Type == type);

    /// <summary>
    /// Builds the model; structural problems are added to <paramref name="problems"/> (E0003, and E2050–E2054 for
    /// AWS::LanguageExtensions). <paramref name="settings"/> gives the parameter values Fn::ForEach collections may
    /// come from (without them, a parameter's Default is used and the generated resources say so).
    /// </summary>
    public static Template? Load(SyntaxTree tree, List<SyntaxDiagnostic> problems, EvaluationSettings? settings = null) => Load(tree, problems, forceSam: false, settings);

    /// <summary>Builds the model; with <paramref name="forceSam"/> the SAM transform runs even without a Transform line (as SAM's translator does).</summary>
    internal static Template? Load(SyntaxTree tree, List<SyntaxDiagnostic> problems, bool forceSam, EvaluationSettings? settings = null)
    {
        if (tree.Root is not MappingNode root)
        {
            if (tree.Root is not null)
            {
                problems.Add(new SyntaxDiagnostic(TemplateDiagnostics.InvalidTemplateId, "A template must be a mapping at the top level.", tree.Root.Span));
            }

            return null;
        }

        return new Template(tree, root, problems, forceSam, settings ?? EvaluationSettings.Default);
    }

    /// <summary>
    /// Whether a document is a CloudFormation template: it declares AWSTemplateFormatVersion, or has a Resources map
    /// whose types look like AWS::…, Custom::… or Alexa::… (SAM's AWS::Serverless::… included).
    /// </summary>
    public static bool LooksLikeTemplate(SyntaxNode? root)
    {
        if (root is not MappingNode map)
        {
            return false;
        }

        if (map.ContainsKey("AWSTemplateFormatVersion"))
        {
            return true;
        }

        if (map.Get("Resources") is not MappingNode resources || resources.Count == 0)
        {
            return false;
        }

        foreach (var entry in resources.Entries)
        {
            if (entry.Value is MappingNode r && r.Get("Type") is ScalarNode type && IsResourceTypeName(type.Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The logical id a reference names, through SAM's resolution (<c>MyFunction.Alias</c>) when the template is SAM.</summary>
    public Resource? ResolveReference(string name) =>
        GetResource(name) ?? (SamReferences.TryGetValue(name, out var target) ? GetResource(target) : null);

    public static bool IsResourceTypeName(string type) =>
        (type.StartsWith("AWS::", StringComparison.Ordinal) || type.StartsWith("Custom::", StringComparison.Ordinal) || type.StartsWith("Alexa::", StringComparison.Ordinal))
        && type.Length > 8;

    private static List<string> ReadTransforms(SyntaxNode? node) => node switch
    {
        ScalarNode s => [s.Text],
        SequenceNode seq => seq.Items.OfType<ScalarNode>().Select(s => s.Text).ToList(),
        MappingNode m when m.Get("Name") is ScalarNode n => [n.Text],
        _ => [],
    };

    private static Dictionary<string, T> ReadSection<T>(MappingNode root, string name, List<SyntaxDiagnostic> problems, Func<string, MappingNode, T> create)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        var node = root.Get(name);
        if (node is null || node is ScalarNode { IsNull: true })
        {
            return result;
        }

        if (node is not MappingNode section)
        {
            problems.Add(new SyntaxDiagnostic(TemplateDiagnostics.InvalidTemplateId, $"The {name} section must be a mapping.", node.Span, node.Path));
            return result;
        }

        foreach (var entry in section.UniqueEntries)
        {
            if (LanguageExtensionsTransform.IsLoopKey(entry.Key.Text))
            {
                continue; // only left when the transform is not declared (E2054) or could not expand the loop (E2050/E2051)
            }

            if (entry.Value is MappingNode m)
            {
                result[entry.Key.Text] = create(entry.Key.Text, m);
            }
            else
            {
                problems.Add(new SyntaxDiagnostic(TemplateDiagnostics.InvalidTemplateId, $"{name} entry '{entry.Key.Text}' must be a mapping.", entry.Value.Span, entry.Value.Path));
            }
        }

        return result;
    }

    private static Dictionary<string, SyntaxNode> ReadConditions(MappingNode root, List<SyntaxDiagnostic> problems)
    {
        var result = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
        switch (root.Get("Conditions"))
        {
            case MappingNode section:
                foreach (var entry in section.UniqueEntries.Where(e => !LanguageExtensionsTransform.IsLoopKey(e.Key.Text)))
                {
                    result[entry.Key.Text] = entry.Value;
                }

                break;
            case null or ScalarNode { IsNull: true }:
                break;
            case var other:
                problems.Add(new SyntaxDiagnostic(TemplateDiagnostics.InvalidTemplateId, "The Conditions section must be a mapping.", other.Span, other.Path));
                break;
        }

        return result;
    }

    private static List<Resource> ReadResources(MappingNode root, List<SyntaxDiagnostic> problems, LanguageExtensionsResult expansion)
    {
        var list = new List<Resource>();
        var node = root.Get("Resources");
        if (node is null or ScalarNode { IsNull: true })
        {
            return list;
        }

        if (node is not MappingNode section)
        {
            problems.Add(new SyntaxDiagnostic(TemplateDiagnostics.InvalidTemplateId, "The Resources section must be a mapping.", node.Span, node.Path));
            return list;
        }

        foreach (var entry in section.UniqueEntries)
        {
            if (LanguageExtensionsTransform.IsLoopKey(entry.Key.Text))
            {
                continue; // a loop the transform did not expand: reported (E2050–E2054), never a resource.
            }

            if (entry.Value is not MappingNode body)
            {
                problems.Add(new SyntaxDiagnostic(TemplateDiagnostics.InvalidTemplateId, $"Resource '{entry.Key.Text}' must be a mapping with a Type.", entry.Value.Span, entry.Value.Path));
                continue;
            }

            if (body.Get("Type") is not ScalarNode { ScalarKind: ScalarKind.String } type)
            {
                problems.Add(new SyntaxDiagnostic(TemplateDiagnostics.InvalidTemplateId, $"Resource '{entry.Key.Text}' has no Type.", entry.Key.Span, body.Path));
                continue;
            }

            list.Add(new Resource(entry.Key, body, type) { ExpandedUnder = expansion.PinsOf(body) });
        }

        return list;
    }
}
