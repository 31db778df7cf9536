using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Text;

namespace Scanner.Iam;

/// <summary>
/// The written form of a policy document: an object, or JSON text (a string, Fn::Sub, Fn::Join) parsed into nodes
/// whose spans point into the template, with the values substituted into the text kept per node. Also the size of
/// the document as IAM counts it. <see cref="PolicyReader"/> reads statements from what this gives.
/// </summary>
internal sealed class PolicyText
{
    private readonly TemplateEvaluator _evaluator;
    private readonly SourceText _source;
    private readonly Dictionary<SyntaxNode, Value> _embeddedValues = new(ReferenceEqualityComparer.Instance);

    public PolicyText(TemplateEvaluator evaluator, SourceText source)
    {
        _evaluator = evaluator;
        _source = source;
    }

    /// <summary>
    /// The value of a node of a document written as text when it differs from the node's own text (a string with
    /// substituted parts, or a list holding one); null for every other node.
    /// </summary>
    public Value? EmbeddedValue(SyntaxNode node)
    {
        if (_embeddedValues.TryGetValue(node, out var v))
        {
            return v;
        }

        if (node is SequenceNode seq && seq.Items.Any(_embeddedValues.ContainsKey))
        {
            return new ListValue(seq.Items.Select(i => EmbeddedValue(i) ?? _evaluator.Evaluate(i)).Where(x => x is not NoValue).ToArray(), seq);
        }

        return null;
    }

    /// <summary>
    /// The root of the document written at <paramref name="node"/> (one alternative of the property, Fn::If already
    /// chosen), with its encoding and its length as compact JSON; null with a problem when it cannot be read.
    /// </summary>
    public SyntaxNode? Root(SyntaxNode node, List<PolicyProblem> problems, out PolicyEncoding encoding, out int? length)
    {
        encoding = PolicyEncoding.Object;
        length = null;
        switch (node)
        {
            case MappingNode m:
                length = EstimateJsonLength(m, 0);
                return m;
            case ScalarNode s when s.ScalarKind == ScalarKind.String || s.IsQuoted:
                {
                    encoding = PolicyEncoding.JsonString;
                    var mapped = new MappedText();
                    var offsets = MappedText.ScalarOffsets(_source, s);
                    mapped.AppendMapped(s.Text, offsets, 0, s.Text.Length);
                    length = NonWhitespace(s.Text);
                    return Parse(mapped, node, problems);
                }

            case IntrinsicNode { Name: "Fn::Sub" or "Fn::Join" } fn:
                {
                    encoding = fn.Name == "Fn::Sub" ? PolicyEncoding.SubString : PolicyEncoding.JoinString;
                    var mapped = new MappedText();
                    if (!AppendText(mapped, fn, 0))
                    {
                        problems.Add(new PolicyProblem(PolicyProblemCode.UnresolvedDocument, $"The {fn.Name} building the document cannot be read statically.", fn));
                        return null;
                    }

                    length = NonWhitespace(mapped.Text);
                    return Parse(mapped, node, problems);
                }

            case IntrinsicNode { Name: "Fn::ToJsonString" } toJson when toJson.Argument is MappingNode m:
                return m;
            default:
                problems.Add(new PolicyProblem(
                    node is IntrinsicNode or ScalarNode ? PolicyProblemCode.UnresolvedDocument : PolicyProblemCode.InvalidShape,
                    node is IntrinsicNode i ? $"The document is given by {i.Name} and cannot be analysed statically." : "The document is not an object or a JSON string.",
                    node));
                return null;
        }
    }

    /// <summary>The length of the document as compact JSON (what IAM counts against its quota), with unresolved values as written.</summary>
    private int EstimateJsonLength(SyntaxNode node, int depth)
    {
        if (depth > 32)
        {
            return 0;
        }

        switch (node)
        {
            case MappingNode m:
                var entries = m.UniqueEntries.ToList();
                return 2 + Math.Max(0, entries.Count - 1) + entries.Sum(e => NonWhitespace(e.Key.Text) + 3 + EstimateJsonLength(e.Value, depth + 1));
            case SequenceNode seq:
                return 2 + Math.Max(0, seq.Count - 1) + seq.Items.Sum(i => EstimateJsonLength(i, depth + 1));
            case ScalarNode sc:
                return NonWhitespace(sc.Text) + (sc.ScalarKind == ScalarKind.String ? 2 : 0);
            case IntrinsicNode { Name: "Fn::If" } fn when fn.Arguments.Count == 3:
                return Math.Max(EstimateJsonLength(fn.Arguments[1], depth + 1), EstimateJsonLength(fn.Arguments[2], depth + 1));
            default:
                var value = _evaluator.Evaluate(node);
                return value is LiteralValue l ? NonWhitespace(l.Text) + 2 : NonWhitespace(value.Display) + 2;
        }
    }

    private static int NonWhitespace(string text) => text.Count(c => !char.IsWhiteSpace(c));

    private SyntaxNode? Parse(MappedText mapped, SyntaxNode owner, List<PolicyProblem> problems)
    {
        var errors = new List<(string Message, TextSpan Span)>();
        var root = EmbeddedJsonReader.Parse(mapped, owner.Path, _embeddedValues, errors);
        foreach (var (message, span) in errors)
        {
            var at = new ScalarNode(span, owner.Path, string.Empty, ScalarKind.String, ScalarStyle.JsonString);
            problems.Add(new PolicyProblem(root is null ? PolicyProblemCode.InvalidJson : PolicyProblemCode.DuplicateKey, $"The JSON policy text is not valid: {message}.", at));
        }

        return root;
    }

    /// <summary>Appends the text a string-building node produces; false when it cannot be read (e.g. Fn::Join over a parameter list).</summary>
    private bool AppendText(MappedText mapped, SyntaxNode node, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        switch (node)
        {
            case ScalarNode s:
                mapped.AppendMapped(s.Text, MappedText.ScalarOffsets(_source, s), 0, s.Text.Length);
                return true;
            case IntrinsicNode { Name: "Fn::Sub" } sub:
                return AppendSub(mapped, sub);
            case IntrinsicNode { Name: "Fn::Join" } join when join.Arguments.Count == 2:
                {
                    var delimiter = _evaluator.Evaluate(join.Arguments[0]).AsString;
                    if (delimiter is null || join.Arguments[1] is not SequenceNode items)
                    {
                        return false;
                    }

                    for (var i = 0; i < items.Count; i++)
                    {
                        if (i > 0)
                        {
                            mapped.AppendAt(delimiter, items[i].Span.Start);
                        }

                        if (items[i] is not (ScalarNode or IntrinsicNode { Name: "Fn::Sub" or "Fn::Join" }) || !AppendText(mapped, items[i], depth + 1))
                        {
                            AppendValue(mapped, _evaluator.Evaluate(items[i]), items[i].Span.Start);
                        }
                    }

                    return true;
                }

            default:
                return false;
        }
    }

    private bool AppendSub(MappedText mapped, IntrinsicNode sub)
    {
        var template = sub.Argument as ScalarNode;
        MappingNode? variables = null;
        if (template is null && sub.Argument is SequenceNode { Count: >= 1 } seq)
        {
            template = seq[0] as ScalarNode;
            variables = seq.Count > 1 ? seq[1] as MappingNode : null;
        }

        if (template is null)
        {
            return false;
        }

        var offsets = MappedText.ScalarOffsets(_source, template);
        foreach (var part in SubTemplate.Parse(template.Text))
        {
            var at = offsets[Math.Clamp(part.Offset, 0, offsets.Length - 1)];
            if (part.IsLiteral)
            {
                if (part.Text.Length == part.Length)
                {
                    mapped.AppendMapped(template.Text, offsets, part.Offset, part.Offset + part.Length);
                }
                else
                {
                    mapped.AppendAt(part.Text, at);
                }

                continue;
            }

            Value value;
            if (variables?.Get(part.Text) is { } varNode)
            {
                value = _evaluator.Evaluate(varNode);
            }
            else
            {
                var dot = part.Text.IndexOf('.', StringComparison.Ordinal);
                value = dot > 0 && !part.Text.StartsWith("AWS::", StringComparison.Ordinal)
                    ? new SymbolicValue(SymbolKind.GetAtt, part.Text[..dot], part.Text[(dot + 1)..], sub)
                    : _evaluator.ResolveRef(part.Text, sub);
            }

            AppendValue(mapped, value, at);
        }

        return true;
    }

    private static void AppendValue(MappedText mapped, Value value, int offset)
    {
        switch (value)
        {
            case LiteralValue l:
                mapped.AppendAt(l.Text, offset);
                break;
            case NoValue:
                break;
            default:
                mapped.AppendPlaceholder(value, offset);
                break;
        }
    }
}
