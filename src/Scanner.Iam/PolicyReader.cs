using System.Text.RegularExpressions;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Text;

namespace Scanner.Iam;

/// <summary>
/// Reads policy documents from template nodes in any encoding (object, JSON string, Fn::Sub, Fn::Join, Fn::If,
/// Fn::ToJsonString) into the typed model. Never throws on bad input: problems are recorded on the document.
/// </summary>
public sealed partial class PolicyReader
{
    private static readonly string[] StatementElements = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
    private static readonly string[] DocumentElements = ["Version", "Id", "Statement"];
    private const int MaxVariants = 16;

    private readonly Template _template;
    private readonly TemplateEvaluator _evaluator;
    private readonly SourceText _source;
    private readonly Dictionary<SyntaxNode, Value> _embeddedValues = new(ReferenceEqualityComparer.Instance);

    public PolicyReader(Template template, TemplateEvaluator evaluator)
    {
        _template = template;
        _evaluator = evaluator;
        _source = template.Tree.Source;
    }

    /// <summary>Reads the document(s) written at <paramref name="node"/>: one per undecided Fn::If branch.</summary>
    public IReadOnlyList<PolicyDocument> Read(PolicyKind kind, Resource owner, string propertyPath, SyntaxNode node, string? policyName = null)
    {
        var documents = new List<PolicyDocument>();
        foreach (var (alternative, branch) in Alternatives(node, null))
        {
            documents.Add(ReadOne(kind, owner, propertyPath, alternative, branch, policyName));
        }

        return documents;
    }

    /// <summary>The template the documents are read from.</summary>
    public Template Template => _template;

    /// <summary>The value of a node of a document: values embedded in strings come from the string, others from the evaluator.</summary>
    public Value Evaluate(SyntaxNode node)
    {
        if (_embeddedValues.TryGetValue(node, out var v))
        {
            return v;
        }

        if (node is SequenceNode seq && seq.Items.Any(i => _embeddedValues.ContainsKey(i)))
        {
            return new ListValue(seq.Items.Select(Evaluate).Where(x => x is not NoValue).ToArray(), seq);
        }

        return _evaluator.Evaluate(node);
    }

    /// <summary>A document made of one statement built from resource properties (Lambda permissions, EventBridge bus policies).</summary>
    internal PolicyDocument Synthesize(PolicyKind kind, Resource owner, SyntaxNode node, Func<PolicyReader, PolicyDocument, PolicyStatement> build)
    {
        var document = new PolicyDocument(kind, owner, string.Empty, node, PolicyEncoding.Synthesized, null) { Version = "2012-10-17" };
        var statement = build(this, document);
        statement.Document = document;
        document.Statements = [statement];
        return document;
    }

    /// <summary>Reads a statement object or a list of them written without a document (EventBusPolicy.Statement, SAM CustomStatements).</summary>
    internal PolicyDocument ReadSingleStatement(PolicyKind kind, Resource owner, string propertyPath, SyntaxNode node)
    {
        var document = new PolicyDocument(kind, owner, propertyPath, node, PolicyEncoding.Object, null) { Version = "2012-10-17" };
        var problems = new List<PolicyProblem>();
        var statements = new List<PolicyStatement>();
        var index = 0;
        foreach (var (alt, branch) in Alternatives(node, null))
        {
            IEnumerable<(SyntaxNode Node, string? Branch)> items = alt is SequenceNode seq ? seq.Items.SelectMany(i => Alternatives(i, branch)) : [(alt, branch)];
            foreach (var (item, itemBranch) in items)
            {
                if (item is MappingNode m)
                {
                    statements.AddRange(ReadStatement(m, index++, itemBranch, problems));
                }
            }
        }

        Attach(document, statements, problems);
        return document;
    }

    internal IReadOnlyList<PolicyValue> ValuesOf(SyntaxNode node, string? branch) =>
        PolicyValue.Flatten(Evaluate(node), node, branch).ToArray();

    internal PrincipalElement SynthesizedPrincipal(SyntaxNode node, string? branch)
    {
        var principals = new List<PolicyPrincipal>();
        foreach (var v in ValuesOf(node, branch))
        {
            var type = v.IsStar ? "AWS"
                : v.Literal is { } l && (l.EndsWith(".amazonaws.com", StringComparison.Ordinal) || l.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal)) ? "Service"
                : "AWS";
            principals.Add(PrincipalClassifier.Classify(type, v, _template, _evaluator.Settings));
        }

        return new PrincipalElement(node, null, principals, principals.Count == 0);
    }

    internal static ValueElement SynthesizedValues(string name, SyntaxNode node, IReadOnlyList<PolicyValue> values) => new(name, null, node, values);

    internal static ConditionClause SynthesizedClause(string op, ScalarNode keyNode, string key, SyntaxNode valueNode, IReadOnlyList<PolicyValue> values) =>
        new(ConditionOperator.Parse(op), keyNode, key, keyNode, valueNode, values, null);

    internal static PolicyStatement SynthesizedStatement(SyntaxNode node, PrincipalElement? principal, ValueElement? action, ValueElement? resource, IReadOnlyList<ConditionClause> clauses, SyntaxNode conditionNode) =>
        new(node, 0, null)
        {
            Effect = PolicyEffect.Allow,
            Principal = principal,
            Action = action,
            Resource = resource,
            Condition = clauses.Count == 0 ? null : new ConditionBlock(null, conditionNode, clauses),
        };

    private PolicyDocument ReadOne(PolicyKind kind, Resource owner, string propertyPath, SyntaxNode node, string? branch, string? policyName)
    {
        var problems = new List<PolicyProblem>();
        SyntaxNode? root = null;
        var encoding = PolicyEncoding.Object;
        int? length = null;
        switch (node)
        {
            case MappingNode m:
                root = m;
                length = EstimateJsonLength(m, 0);
                break;
            case ScalarNode s when s.ScalarKind == ScalarKind.String || s.IsQuoted:
                {
                    encoding = PolicyEncoding.JsonString;
                    var mapped = new MappedText();
                    var offsets = MappedText.ScalarOffsets(_source, s);
                    mapped.AppendMapped(s.Text, offsets, 0, s.Text.Length);
                    root = ParseEmbedded(mapped, node, problems);
                    length = NonWhitespace(s.Text);
                    break;
                }

            case IntrinsicNode { Name: "Fn::Sub" or "Fn::Join" } fn:
                {
                    encoding = fn.Name == "Fn::Sub" ? PolicyEncoding.SubString : PolicyEncoding.JoinString;
                    var mapped = new MappedText();
                    if (!AppendText(mapped, fn, 0))
                    {
                        problems.Add(new PolicyProblem(PolicyProblemCode.UnresolvedDocument, $"The {fn.Name} building the document cannot be read statically.", fn));
                        break;
                    }

                    root = ParseEmbedded(mapped, node, problems);
                    length = NonWhitespace(mapped.Text);
                    break;
                }

            case IntrinsicNode { Name: "Fn::ToJsonString" } toJson when toJson.Argument is MappingNode m:
                root = m;
                break;
            default:
                problems.Add(new PolicyProblem(
                    node is IntrinsicNode or ScalarNode ? PolicyProblemCode.UnresolvedDocument : PolicyProblemCode.InvalidShape,
                    node is IntrinsicNode i ? $"The document is given by {i.Name} and cannot be analysed statically." : "The document is not an object or a JSON string.",
                    node));
                break;
        }

        var document = new PolicyDocument(kind, owner, propertyPath, node, encoding, branch) { PolicyName = policyName, TextLength = length };
        var statements = new List<PolicyStatement>();
        if (root is MappingNode map)
        {
            ReadDocumentElements(document, map, statements, problems);
        }
        else if (root is not null)
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.InvalidShape, "The document is not a JSON object.", root));
        }

        Attach(document, statements, problems);
        return document;
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

    private static void Attach(PolicyDocument document, List<PolicyStatement> statements, List<PolicyProblem> problems)
    {
        if (document.Kind == PolicyKind.Identity)
        {
            // Identity policies have no principal by design.
            problems.RemoveAll(p => p.Code == PolicyProblemCode.MissingPrincipal);
        }

        foreach (var s in statements)
        {
            s.Document = document;
        }

        // Sids must be unique within the document (per branch: two branches may reuse one).
        foreach (var group in statements.Where(s => s.Sid is { Length: > 0 }).GroupBy(s => (s.Sid, s.Branch)).Where(g => g.Count() > 1))
        {
            foreach (var dup in group.Skip(1))
            {
                problems.Add(new PolicyProblem(PolicyProblemCode.DuplicateSid, $"The Sid '{dup.Sid}' is used by more than one statement.", dup.SidNode!, dup));
            }
        }

        document.Statements = statements;
        document.Problems = problems;
    }

    private void ReadDocumentElements(PolicyDocument document, MappingNode map, List<PolicyStatement> statements, List<PolicyProblem> problems)
    {
        CheckElementNames(map, DocumentElements, problems, null);
        var version = Entry(map, "Version");
        if (version is { } v)
        {
            document.VersionNode = v.Value;
            document.Version = Evaluate(v.Value).AsString;
            if (document.Version is not ("2012-10-17" or "2008-10-17"))
            {
                problems.Add(new PolicyProblem(PolicyProblemCode.InvalidVersion, $"Version '{document.Version ?? Evaluate(v.Value).Display}' is not 2012-10-17.", v.Value));
            }
            else if (document.Version == "2008-10-17")
            {
                problems.Add(new PolicyProblem(PolicyProblemCode.OldVersion, "Version 2008-10-17 does not support policy variables (${aws:…} is taken literally).", v.Value));
            }
        }
        else
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.MissingVersion, "The document has no Version (policy variables are then taken literally).", map));
        }

        var statementEntry = Entry(map, "Statement");
        if (statementEntry is not { } se)
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.MissingStatement, "The document has no Statement.", map));
            return;
        }

        var index = 0;
        foreach (var (alt, branch) in Alternatives(se.Value, null))
        {
            switch (alt)
            {
                case MappingNode m:
                    statements.AddRange(ReadStatement(m, index++, branch, problems));
                    break;
                case SequenceNode seq:
                    foreach (var item in seq.Items)
                    {
                        foreach (var (itemAlt, itemBranch) in Alternatives(item, branch))
                        {
                            if (itemAlt is MappingNode sm)
                            {
                                statements.AddRange(ReadStatement(sm, index, itemBranch, problems));
                            }
                            else
                            {
                                problems.Add(new PolicyProblem(PolicyProblemCode.InvalidShape, "A statement must be an object.", itemAlt));
                            }
                        }

                        index++;
                    }

                    break;
                default:
                    problems.Add(new PolicyProblem(PolicyProblemCode.InvalidShape, "Statement must be an object or a list of objects.", alt));
                    break;
            }
        }
    }

    private IEnumerable<PolicyStatement> ReadStatement(MappingNode map, int index, string? branch, List<PolicyProblem> problems)
    {
        CheckElementNames(map, StatementElements, problems, null);
        var entries = new Dictionary<string, MappingEntry>(StringComparer.Ordinal);
        foreach (var name in StatementElements)
        {
            if (Entry(map, name) is { } e)
            {
                entries[name] = e;
            }
        }

        // Expand undecided Fn::If at element level into statement variants (bounded).
        var variants = new List<(Dictionary<string, SyntaxNode> Nodes, string? Branch)> { (new Dictionary<string, SyntaxNode>(StringComparer.Ordinal), branch) };
        foreach (var (name, entry) in entries)
        {
            // A null alternative is AWS::NoValue: the element is absent in that branch (and so is its restriction).
            var alternatives = BranchesOf(entry.Value, null, 0)
                .SelectMany(a => name == "Condition" && a.Node is MappingNode m
                    ? ExpandIfs(m, a.Branch, 2).Select(x => ((SyntaxNode?)x.Node, x.Branch))
                    : [a])
                .Take(MaxVariants)
                .ToList();
            var next = new List<(Dictionary<string, SyntaxNode>, string?)>();
            foreach (var (nodes, b) in variants)
            {
                foreach (var (alt, altBranch) in alternatives)
                {
                    if (next.Count >= MaxVariants)
                    {
                        break;
                    }

                    var copy = new Dictionary<string, SyntaxNode>(nodes, StringComparer.Ordinal);
                    if (alt is not null)
                    {
                        copy[name] = alt;
                    }

                    next.Add((copy, Branches.And(b, altBranch)));
                }
            }

            variants = next;
        }

        var first = true;
        foreach (var (nodes, variantBranch) in variants)
        {
            yield return BuildStatement(map, index, variantBranch, entries, nodes, first ? problems : []);
            first = false;
        }
    }

    private PolicyStatement BuildStatement(MappingNode map, int index, string? branch, Dictionary<string, MappingEntry> entries, Dictionary<string, SyntaxNode> nodes, List<PolicyProblem> problems)
    {
        ScalarNode? Key(string name) => entries.TryGetValue(name, out var e) ? e.Key : null;
        SyntaxNode? NodeOf(string name) => nodes.GetValueOrDefault(name);

        string? sid = null;
        ScalarNode? sidNode = null;
        if (NodeOf("Sid") is { } sidValue)
        {
            sid = Evaluate(sidValue).AsString;
            sidNode = sidValue as ScalarNode;
            if (sid is not null && !SidPattern().IsMatch(sid))
            {
                problems.Add(new PolicyProblem(PolicyProblemCode.InvalidSid, $"The Sid '{sid}' has characters other than letters and digits.", sidValue));
            }
        }

        var effect = PolicyEffect.Missing;
        var effectNode = NodeOf("Effect");
        if (effectNode is not null)
        {
            effect = Evaluate(effectNode).AsString switch
            {
                "Allow" => PolicyEffect.Allow,
                "Deny" => PolicyEffect.Deny,
                _ => PolicyEffect.Invalid,
            };
            if (effect == PolicyEffect.Invalid)
            {
                problems.Add(new PolicyProblem(PolicyProblemCode.InvalidEffect, $"Effect '{Evaluate(effectNode).Display}' is neither Allow nor Deny.", effectNode));
            }
        }
        else
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.MissingEffect, "The statement has no Effect.", map));
        }

        var statement = new PolicyStatement(map, index, branch)
        {
            Sid = sid,
            SidNode = sidNode,
            Effect = effect,
            EffectNode = effectNode,
            Principal = NodeOf("Principal") is { } p ? ReadPrincipal(Key("Principal"), p, branch, problems) : null,
            NotPrincipal = NodeOf("NotPrincipal") is { } np ? ReadPrincipal(Key("NotPrincipal"), np, branch, problems) : null,
            Action = NodeOf("Action") is { } a ? new ValueElement("Action", Key("Action"), a, ValuesOf(a, branch)) : null,
            NotAction = NodeOf("NotAction") is { } na ? new ValueElement("NotAction", Key("NotAction"), na, ValuesOf(na, branch)) : null,
            Resource = NodeOf("Resource") is { } r ? new ValueElement("Resource", Key("Resource"), r, ValuesOf(r, branch)) : null,
            NotResource = NodeOf("NotResource") is { } nr ? new ValueElement("NotResource", Key("NotResource"), nr, ValuesOf(nr, branch)) : null,
            Condition = NodeOf("Condition") is { } c ? ReadCondition(Key("Condition"), c, branch, problems) : null,
        };

        if (statement.Principal is not null && statement.NotPrincipal is not null)
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.PrincipalAndNotPrincipal, "The statement has both Principal and NotPrincipal.", (SyntaxNode?)Key("NotPrincipal") ?? map, statement));
        }

        if (statement.Action is not null && statement.NotAction is not null)
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.ActionAndNotAction, "The statement has both Action and NotAction.", (SyntaxNode?)Key("NotAction") ?? map, statement));
        }

        if (statement.Action is null && statement.NotAction is null)
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.MissingAction, "The statement has neither Action nor NotAction.", map, statement));
        }

        if (statement.Resource is not null && statement.NotResource is not null)
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.ResourceAndNotResource, "The statement has both Resource and NotResource.", (SyntaxNode?)Key("NotResource") ?? map, statement));
        }

        if (statement.Principal is null && statement.NotPrincipal is null)
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.MissingPrincipal, "The statement has neither Principal nor NotPrincipal.", map, statement));
        }

        return statement;
    }

    private PrincipalElement ReadPrincipal(ScalarNode? keyNode, SyntaxNode node, string? branch, List<PolicyProblem> problems)
    {
        var principals = new List<PolicyPrincipal>();
        var empty = false;
        switch (node)
        {
            case MappingNode m:
                if (m.Entries.Count == 0)
                {
                    empty = true;
                    problems.Add(new PolicyProblem(PolicyProblemCode.EmptyPrincipal, "The principal is empty.", m));
                }

                foreach (var e in m.UniqueEntries)
                {
                    var type = PrincipalClassifier.ParseType(e.Key.Text);
                    if (type is PrincipalType.Unknown or PrincipalType.Wildcard)
                    {
                        var canonical = PrincipalClassifier.Canonical(e.Key.Text);
                        problems.Add(new PolicyProblem(
                            canonical != e.Key.Text ? PolicyProblemCode.UnknownElement : PolicyProblemCode.UnknownPrincipalType,
                            canonical != e.Key.Text ? $"The principal type '{e.Key.Text}' must be written '{canonical}'." : $"'{e.Key.Text}' is not a principal type (AWS, Service, Federated, CanonicalUser).",
                            e.Key));
                    }

                    var values = ValuesOf(e.Value, branch);
                    if (values.Count == 0)
                    {
                        empty = true;
                        problems.Add(new PolicyProblem(PolicyProblemCode.EmptyPrincipal, $"The principal '{e.Key.Text}' lists no value.", e.Value));
                    }

                    principals.AddRange(values.Select(v => PrincipalClassifier.Classify(e.Key.Text, v, _template, _evaluator.Settings)));
                }

                break;
            default:
                foreach (var v in ValuesOf(node, branch))
                {
                    principals.Add(PrincipalClassifier.Classify("*", v, _template, _evaluator.Settings));
                }

                break;
        }

        return new PrincipalElement(node, keyNode, principals, empty);
    }

    private ConditionBlock ReadCondition(ScalarNode? keyNode, SyntaxNode node, string? branch, List<PolicyProblem> problems)
    {
        var clauses = new List<ConditionClause>();
        if (node is not MappingNode map)
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.InvalidShape, "Condition must be an object of operators.", node));
            return new ConditionBlock(keyNode, node, clauses);
        }

        ReportDuplicates(map, problems);
        foreach (var opEntry in map.UniqueEntries)
        {
            var op = ConditionOperator.Parse(opEntry.Key.Text);
            if (!op.IsValid)
            {
                problems.Add(new PolicyProblem(PolicyProblemCode.InvalidConditionOperator, $"'{opEntry.Key.Text}' is not a condition operator.", opEntry.Key));
            }

            foreach (var (alt, altBranch) in Alternatives(opEntry.Value, branch))
            {
                if (alt is not MappingNode keys)
                {
                    problems.Add(new PolicyProblem(PolicyProblemCode.InvalidShape, $"The operator '{opEntry.Key.Text}' must map condition keys to values.", alt));
                    continue;
                }

                ReportDuplicates(keys, problems);
                foreach (var k in keys.UniqueEntries)
                {
                    clauses.Add(new ConditionClause(op, opEntry.Key, k.Key.Text, k.Key, k.Value, ValuesOf(k.Value, altBranch), altBranch));
                }
            }
        }

        return new ConditionBlock(keyNode, node, clauses);
    }

    private static void ReportDuplicates(MappingNode map, List<PolicyProblem> problems)
    {
        foreach (var group in map.Entries.GroupBy(e => e.Key.Text, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new PolicyProblem(PolicyProblemCode.DuplicateKey, $"'{group.Key}' appears more than once; only the last one counts.", group.First().Key));
        }
    }

    private static void CheckElementNames(MappingNode map, string[] known, List<PolicyProblem> problems, PolicyStatement? statement)
    {
        foreach (var e in map.Entries)
        {
            if (known.Contains(e.Key.Text, StringComparer.Ordinal))
            {
                continue;
            }

            var canonical = known.FirstOrDefault(k => string.Equals(k, e.Key.Text, StringComparison.OrdinalIgnoreCase));
            problems.Add(new PolicyProblem(
                PolicyProblemCode.UnknownElement,
                canonical is null ? $"'{e.Key.Text}' is not a policy element." : $"The element '{e.Key.Text}' must be written '{canonical}'.",
                e.Key,
                statement));
        }
    }

    /// <summary>The entry for an element: exact spelling first, then any case variant (reported by <see cref="CheckElementNames"/>).</summary>
    private static MappingEntry? Entry(MappingNode map, string name) => map.GetEntryIgnoreCase(name);

    /// <summary>The alternatives a node stands for: Fn::If decided → one branch, undecided → both; AWS::NoValue → none.</summary>
    private IEnumerable<(SyntaxNode Node, string? Branch)> Alternatives(SyntaxNode node, string? branch, int depth = 0)
    {
        if (depth > 8)
        {
            yield return (node, branch);
            yield break;
        }

        if (node is IntrinsicNode { Name: "Fn::If" } fn && fn.Arguments.Count == 3 && fn.Arguments[0] is ScalarNode condition)
        {
            var decided = _evaluator.EvaluateCondition(condition.Text);
            if (decided is bool b)
            {
                foreach (var x in Alternatives(fn.Arguments[b ? 1 : 2], branch, depth + 1))
                {
                    yield return x;
                }

                yield break;
            }

            foreach (var x in Alternatives(fn.Arguments[1], Branches.And(branch, condition.Text), depth + 1))
            {
                yield return x;
            }

            foreach (var x in Alternatives(fn.Arguments[2], Branches.And(branch, "!" + condition.Text), depth + 1))
            {
                yield return x;
            }

            yield break;
        }

        if (node is IntrinsicNode { Name: "Ref", Argument: ScalarNode { Text: "AWS::NoValue" } })
        {
            yield break;
        }

        yield return (node, branch);
    }

    /// <summary>
    /// Variants of a mapping in which every Fn::If written as an entry's value (down to <paramref name="levels"/>
    /// nested mappings) is replaced by each of its branches, and entries whose branch is AWS::NoValue are removed, so
    /// a condition clause present in one branch only is never taken to restrict the other.
    /// </summary>
    private List<(SyntaxNode Node, string? Branch)> ExpandIfs(MappingNode map, string? branch, int levels)
    {
        var variants = new List<(List<MappingEntry> Entries, string? Branch)> { ([], branch) };
        var changed = false;
        foreach (var entry in map.UniqueEntries)
        {
            List<(SyntaxNode? Node, string? Branch)> options;
            if (entry.Value is IntrinsicNode { Name: "Fn::If" or "Ref" })
            {
                options = BranchesOf(entry.Value, null, 0).ToList();
                changed |= options.Count != 1 || !ReferenceEquals(options[0].Node, entry.Value);
            }
            else if (levels > 1 && entry.Value is MappingNode inner)
            {
                options = [.. ExpandIfs(inner, null, levels - 1)];
                changed |= options.Count != 1 || !ReferenceEquals(options[0].Node, inner);
            }
            else
            {
                options = [(entry.Value, null)];
            }

            var next = new List<(List<MappingEntry>, string?)>();
            foreach (var (entries, b) in variants)
            {
                foreach (var (node, optionBranch) in options)
                {
                    if (next.Count < MaxVariants)
                    {
                        // A null node is AWS::NoValue: the entry does not exist in that branch.
                        next.Add((node is null ? entries : [.. entries, new MappingEntry(entry.Key, node)], Branches.And(b, optionBranch)));
                    }
                }
            }

            variants = next;
        }

        return changed
            ? variants.Select(v => ((SyntaxNode)new MappingNode(map.Span, map.Path, v.Entries), v.Branch)).ToList()
            : [(map, branch)];
    }

    /// <summary>Like <see cref="Alternatives"/>, but AWS::NoValue gives a null node instead of nothing, so removal is a branch too.</summary>
    private IEnumerable<(SyntaxNode? Node, string? Branch)> BranchesOf(SyntaxNode node, string? branch, int depth)
    {
        if (node is IntrinsicNode { Name: "Ref", Argument: ScalarNode { Text: "AWS::NoValue" } })
        {
            yield return (null, branch);
            yield break;
        }

        if (depth < 8 && node is IntrinsicNode { Name: "Fn::If" } fn && fn.Arguments.Count == 3 && fn.Arguments[0] is ScalarNode condition)
        {
            var decided = _evaluator.EvaluateCondition(condition.Text);
            var choices = decided is bool b
                ? new[] { (fn.Arguments[b ? 1 : 2], branch) }
                : [(fn.Arguments[1], Branches.And(branch, condition.Text)), (fn.Arguments[2], Branches.And(branch, "!" + condition.Text))];
            foreach (var (choice, choiceBranch) in choices)
            {
                foreach (var x in BranchesOf(choice, choiceBranch, depth + 1))
                {
                    yield return x;
                }
            }

            yield break;
        }

        yield return (node, branch);
    }

    private SyntaxNode? ParseEmbedded(MappedText mapped, SyntaxNode owner, List<PolicyProblem> problems)
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
                {
                    ScalarNode? template = sub.Argument as ScalarNode;
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

                        if (items[i] is ScalarNode or IntrinsicNode { Name: "Fn::Sub" or "Fn::Join" })
                        {
                            if (!AppendText(mapped, items[i], depth + 1))
                            {
                                AppendValue(mapped, _evaluator.Evaluate(items[i]), items[i].Span.Start);
                            }
                        }
                        else
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

    [GeneratedRegex("^[A-Za-z0-9]*$")]
    private static partial Regex SidPattern();
}
