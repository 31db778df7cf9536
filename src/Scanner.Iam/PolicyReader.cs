using System.Text.RegularExpressions;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Iam;

/// <summary>
/// Reads policy documents from template nodes in any encoding (object, JSON string, Fn::Sub, Fn::Join, Fn::If,
/// Fn::ToJsonString) into the typed model, through the model's variants: one document per deployable alternative
/// of the property, one statement per consistent combination of the Fn::If written in its elements, and every
/// element value with the <see cref="Scenario"/> it holds under (a parameter's possible values included), so
/// findings say when they hold. The written text of documents is <see cref="PolicyText"/>'s. Never throws on bad
/// input: problems are recorded on the document.
/// </summary>
public sealed partial class PolicyReader
{
    private static readonly string[] StatementElements = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
    private static readonly string[] DocumentElements = ["Version", "Id", "Statement"];
    private const int MaxVariants = 16;

    private readonly Template _template;
    private readonly TemplateEvaluator _evaluator;
    private readonly PolicyText _text;

    public PolicyReader(Template template, TemplateEvaluator evaluator)
    {
        _template = template;
        _evaluator = evaluator;
        _text = new PolicyText(evaluator, template.Tree.Source);
    }

    /// <summary>The template the documents are read from.</summary>
    public Template Template => _template;

    /// <summary>
    /// Reads the document(s) written at <paramref name="node"/> within <paramref name="within"/> (the owner's
    /// scenario): one per deployable alternative (an undecided Fn::If gives one per branch; AWS::NoValue none).
    /// </summary>
    public IReadOnlyList<PolicyDocument> Read(PolicyKind kind, Resource owner, string propertyPath, SyntaxNode node, string? policyName = null, Scenario? within = null)
    {
        var documents = new List<PolicyDocument>();
        foreach (var choice in _evaluator.Choices(node, within ?? Scenario.Always))
        {
            if (choice.Node is { } chosen)
            {
                documents.Add(ReadOne(kind, owner, propertyPath, chosen, choice.Scenario, policyName));
            }
        }

        return documents;
    }

    /// <summary>The deployable alternatives of a written node within a scenario (see <see cref="TemplateEvaluator.Choices"/>).</summary>
    internal IReadOnlyList<Choice> Choices(SyntaxNode node, Scenario scenario) => _evaluator.Choices(node, scenario);

    /// <summary>The value of a node of a document: values embedded in strings come from the string, others from the evaluator.</summary>
    public Value Evaluate(SyntaxNode node) => _text.EmbeddedValue(node) ?? _evaluator.Evaluate(node);

    /// <summary>
    /// The scalar values of an element (a string or a list of them, lists in lists flattened) under
    /// <paramref name="scenario"/>: one per deployable variant of each item, each with its scenario and, for a
    /// parameter, where its value comes from. Removed items (AWS::NoValue) have no value.
    /// </summary>
    internal IReadOnlyList<PolicyValue> ValuesOf(SyntaxNode node, Scenario scenario)
    {
        IEnumerable<Variant> variants = _text.EmbeddedValue(node) switch
        {
            ListValue list => list.Items.SelectMany(item => _evaluator.Variants(item, item.Origin ?? node, "*", scenario)),
            { } embedded => _evaluator.Variants(embedded, node, "*", scenario),
            null when node is SequenceNode seq => seq.Items.SelectMany(item => _evaluator.Variants(item, "*", scenario)),
            null => _evaluator.Variants(node, "*", scenario),
        };
        return variants.Select(v => PolicyValue.Of(v, node)).OfType<PolicyValue>().ToArray();
    }

    /// <summary>A document made of one statement built from resource properties (Lambda permissions, EventBridge bus policies).</summary>
    internal PolicyDocument Synthesize(PolicyKind kind, Resource owner, SyntaxNode node, Scenario scenario, Func<PolicyReader, PolicyDocument, PolicyStatement> build)
    {
        var document = new PolicyDocument(kind, owner, string.Empty, node, PolicyEncoding.Synthesized, scenario) { Version = "2012-10-17" };
        var statement = build(this, document);
        statement.Document = document;
        document.Statements = [statement];
        return document;
    }

    /// <summary>Reads a statement object or a list of them written without a document (EventBusPolicy.Statement, SAM CustomStatements).</summary>
    internal PolicyDocument ReadSingleStatement(PolicyKind kind, Resource owner, string propertyPath, SyntaxNode node, Scenario within)
    {
        var document = new PolicyDocument(kind, owner, propertyPath, node, PolicyEncoding.Object, within) { Version = "2012-10-17" };
        var problems = new List<PolicyProblem>();
        var statements = new List<PolicyStatement>();
        var index = 0;
        foreach (var choice in _evaluator.Choices(node, within))
        {
            IEnumerable<Choice> items = choice.Node is SequenceNode seq ? seq.Items.SelectMany(i => _evaluator.Choices(i, choice.Scenario)) : [choice];
            foreach (var item in items)
            {
                if (item.Node is MappingNode m)
                {
                    statements.AddRange(ReadStatement(m, index++, item.Scenario, problems));
                }
            }
        }

        Attach(document, statements, problems);
        return document;
    }

    internal PrincipalElement SynthesizedPrincipal(SyntaxNode node, Scenario scenario)
    {
        var principals = new List<PolicyPrincipal>();
        foreach (var v in ValuesOf(node, scenario))
        {
            var type = v.IsStar ? "AWS"
                : v.Literal is { } l && (l.EndsWith(".amazonaws.com", StringComparison.Ordinal) || l.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal)) ? "Service"
                : "AWS";
            principals.Add(PrincipalClassifier.Classify(type, v, _template, _evaluator.Settings));
        }

        return new PrincipalElement(node, null, principals, principals.Count == 0);
    }

    internal static ValueElement SynthesizedValues(string name, SyntaxNode node, IReadOnlyList<PolicyValue> values) => new(name, null, node, values);

    internal static ConditionClause SynthesizedClause(string op, ScalarNode keyNode, string key, SyntaxNode valueNode, IReadOnlyList<PolicyValue> values, Scenario scenario) =>
        new(ConditionOperator.Parse(op), keyNode, key, keyNode, valueNode, values, scenario);

    internal static PolicyStatement SynthesizedStatement(SyntaxNode node, Scenario scenario, PrincipalElement? principal, ValueElement? action, ValueElement? resource, IReadOnlyList<ConditionClause> clauses, SyntaxNode conditionNode) =>
        new(node, 0, scenario)
        {
            Effect = PolicyEffect.Allow,
            Principal = principal,
            Action = action,
            Resource = resource,
            Condition = clauses.Count == 0 ? null : new ConditionBlock(null, conditionNode, clauses),
        };

    private PolicyDocument ReadOne(PolicyKind kind, Resource owner, string propertyPath, SyntaxNode node, Scenario scenario, string? policyName)
    {
        var problems = new List<PolicyProblem>();
        var root = _text.Root(node, problems, out var encoding, out var length);
        var document = new PolicyDocument(kind, owner, propertyPath, node, encoding, scenario) { PolicyName = policyName, TextLength = length };
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

        // Sids must be unique within the document (per scenario: two branches may reuse one).
        foreach (var group in statements.Where(s => s.Sid is { Length: > 0 }).GroupBy(s => (s.Sid, s.Scenario)).Where(g => g.Count() > 1))
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
        foreach (var choice in _evaluator.Choices(se.Value, document.Scenario))
        {
            switch (choice.Node)
            {
                case null:
                    break;
                case MappingNode m:
                    statements.AddRange(ReadStatement(m, index++, choice.Scenario, problems));
                    break;
                case SequenceNode seq:
                    foreach (var item in seq.Items)
                    {
                        foreach (var itemChoice in _evaluator.Choices(item, choice.Scenario))
                        {
                            if (itemChoice.Node is MappingNode sm)
                            {
                                statements.AddRange(ReadStatement(sm, index, itemChoice.Scenario, problems));
                            }
                            else if (itemChoice.Node is { } other)
                            {
                                problems.Add(new PolicyProblem(PolicyProblemCode.InvalidShape, "A statement must be an object.", other));
                            }
                        }

                        index++;
                    }

                    break;
                case var other:
                    problems.Add(new PolicyProblem(PolicyProblemCode.InvalidShape, "Statement must be an object or a list of objects.", other));
                    break;
            }
        }
    }

    private IEnumerable<PolicyStatement> ReadStatement(MappingNode map, int index, Scenario scenario, List<PolicyProblem> problems)
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

        // One statement per consistent combination of the Fn::If written at element level (bounded); an element
        // removed with AWS::NoValue is absent in that statement (and so is its restriction).
        var variants = new List<(Dictionary<string, SyntaxNode> Nodes, Scenario Scenario)> { (new Dictionary<string, SyntaxNode>(StringComparer.Ordinal), scenario) };
        foreach (var (name, entry) in entries)
        {
            var next = new List<(Dictionary<string, SyntaxNode>, Scenario)>();
            foreach (var (nodes, s) in variants)
            {
                var choices = _evaluator.Choices(entry.Value, s)
                    .SelectMany(c => name == "Condition" && c.Node is MappingNode m ? ExpandIfs(m, c.Scenario, 2) : [c]);
                foreach (var choice in choices)
                {
                    if (next.Count >= MaxVariants)
                    {
                        break;
                    }

                    var copy = new Dictionary<string, SyntaxNode>(nodes, StringComparer.Ordinal);
                    if (choice.Node is { } chosen)
                    {
                        copy[name] = chosen;
                    }

                    next.Add((copy, choice.Scenario));
                }
            }

            variants = next;
        }

        var first = true;
        foreach (var (nodes, variantScenario) in variants)
        {
            yield return BuildStatement(map, index, variantScenario, entries, nodes, first ? problems : []);
            first = false;
        }
    }

    /// <summary>
    /// Alternatives of a mapping in which every Fn::If written as an entry's value (down to <paramref name="levels"/>
    /// nested mappings) is replaced by each of its consistent branches, and entries whose branch is AWS::NoValue are
    /// removed, so a condition clause present in one branch only is never taken to restrict the other.
    /// </summary>
    private List<Choice> ExpandIfs(MappingNode map, Scenario scenario, int levels)
    {
        var variants = new List<(List<MappingEntry> Entries, Scenario Scenario)> { ([], scenario) };
        var changed = false;
        foreach (var entry in map.UniqueEntries)
        {
            var next = new List<(List<MappingEntry>, Scenario)>();
            foreach (var (entries, s) in variants)
            {
                IReadOnlyList<Choice> options = entry.Value switch
                {
                    IntrinsicNode { Name: "Fn::If" or "Ref" } => _evaluator.Choices(entry.Value, s),
                    MappingNode inner when levels > 1 => ExpandIfs(inner, s, levels - 1),
                    _ => [new Choice(entry.Value, entry.Value, s)],
                };
                changed |= options.Count != 1 || !ReferenceEquals(options[0].Node, entry.Value);
                foreach (var option in options)
                {
                    if (next.Count < MaxVariants)
                    {
                        // A choice without node is AWS::NoValue: the entry does not exist in that branch.
                        next.Add((option.Node is { } node ? [.. entries, new MappingEntry(entry.Key, node)] : entries, option.Scenario));
                    }
                }
            }

            variants = next;
        }

        return changed
            ? variants.Select(v => new Choice(new MappingNode(map.Span, map.Path, v.Entries), map, v.Scenario)).ToList()
            : [new Choice(map, map, scenario)];
    }

    private PolicyStatement BuildStatement(MappingNode map, int index, Scenario scenario, Dictionary<string, MappingEntry> entries, Dictionary<string, SyntaxNode> nodes, List<PolicyProblem> problems)
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

        var statement = new PolicyStatement(map, index, scenario)
        {
            Sid = sid,
            SidNode = sidNode,
            Effect = effect,
            EffectNode = effectNode,
            Principal = NodeOf("Principal") is { } p ? ReadPrincipal(Key("Principal"), p, scenario, problems) : null,
            NotPrincipal = NodeOf("NotPrincipal") is { } np ? ReadPrincipal(Key("NotPrincipal"), np, scenario, problems) : null,
            Action = NodeOf("Action") is { } a ? new ValueElement("Action", Key("Action"), a, ValuesOf(a, scenario)) : null,
            NotAction = NodeOf("NotAction") is { } na ? new ValueElement("NotAction", Key("NotAction"), na, ValuesOf(na, scenario)) : null,
            Resource = NodeOf("Resource") is { } r ? new ValueElement("Resource", Key("Resource"), r, ValuesOf(r, scenario)) : null,
            NotResource = NodeOf("NotResource") is { } nr ? new ValueElement("NotResource", Key("NotResource"), nr, ValuesOf(nr, scenario)) : null,
            Condition = NodeOf("Condition") is { } c ? ReadCondition(Key("Condition"), c, scenario, problems) : null,
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

    private PrincipalElement ReadPrincipal(ScalarNode? keyNode, SyntaxNode node, Scenario scenario, List<PolicyProblem> problems)
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

                    var values = ValuesOf(e.Value, scenario);
                    if (values.Count == 0)
                    {
                        empty = true;
                        problems.Add(new PolicyProblem(PolicyProblemCode.EmptyPrincipal, $"The principal '{e.Key.Text}' lists no value.", e.Value));
                    }

                    principals.AddRange(values.Select(v => PrincipalClassifier.Classify(e.Key.Text, v, _template, _evaluator.Settings)));
                }

                break;
            default:
                foreach (var v in ValuesOf(node, scenario))
                {
                    principals.Add(PrincipalClassifier.Classify("*", v, _template, _evaluator.Settings));
                }

                break;
        }

        return new PrincipalElement(node, keyNode, principals, empty);
    }

    private ConditionBlock ReadCondition(ScalarNode? keyNode, SyntaxNode node, Scenario scenario, List<PolicyProblem> problems)
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

            foreach (var choice in _evaluator.Choices(opEntry.Value, scenario))
            {
                if (choice.Node is null)
                {
                    continue;
                }

                if (choice.Node is not MappingNode keys)
                {
                    problems.Add(new PolicyProblem(PolicyProblemCode.InvalidShape, $"The operator '{opEntry.Key.Text}' must map condition keys to values.", choice.Node));
                    continue;
                }

                ReportDuplicates(keys, problems);
                foreach (var k in keys.UniqueEntries)
                {
                    clauses.Add(new ConditionClause(op, opEntry.Key, k.Key.Text, k.Key, k.Value, ValuesOf(k.Value, choice.Scenario), choice.Scenario));
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

    [GeneratedRegex("^[A-Za-z0-9]*$")]
    private static partial Regex SidPattern();
}
