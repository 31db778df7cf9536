using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.LanguageExtensions;

/// <summary>The template after AWS::LanguageExtensions, and the parameter pins each generated resource holds under.</summary>
internal sealed class LanguageExtensionsResult
{
    private readonly IReadOnlyDictionary<SyntaxNode, IReadOnlyList<ParameterPin>> _pins;

    public LanguageExtensionsResult(MappingNode document, IReadOnlyDictionary<SyntaxNode, IReadOnlyList<ParameterPin>> pins)
    {
        Document = document;
        _pins = pins;
    }

    public MappingNode Document { get; }

    /// <summary>
    /// The parameters whose Default a resource's expansion used (its loop collection came from them): the resource
    /// exists as generated only when they keep that value.
    /// </summary>
    public IReadOnlyList<ParameterPin> PinsOf(SyntaxNode resourceBody) => _pins.TryGetValue(resourceBody, out var pins) ? pins : [];
}

/// <summary>
/// Expands AWS::LanguageExtensions the way CloudFormation does before it processes a template (and before SAM):
/// <c>Fn::ForEach</c> loops in Resources, Outputs and Conditions (and in any mapping inside them, e.g. resource
/// properties), nested loops, <c>${Identifier}</c> and <c>&amp;{Identifier}</c> in keys and Fn::Sub strings, Ref to
/// the identifier; functions as the argument of Ref and Fn::GetAtt; and checks Fn::Length, Fn::ToJsonString,
/// Fn::FindInMap's DefaultValue and intrinsic DeletionPolicy/UpdateReplacePolicy (which the evaluator computes).
/// <para>
/// Generated nodes keep the spans of the loop body they come from (findings point at the text inside the loop) and
/// get the paths of the transformed template (<c>Resources/BucketA/Properties</c>). Collections are resolved from
/// literals, parameter values, or a parameter's Default: then the generated resources carry a pin of that default,
/// so their findings say "when parameter X is … (its default)". A collection known only at deploy time is a located
/// warning (E2050) naming what is not analysed; malformed syntax is a located failure (E2051–E2053).
/// </para>
/// </summary>
internal sealed class LanguageExtensionsTransform
{
    public const string TransformName = "AWS::LanguageExtensions";
    public const string LoopPrefix = "Fn::ForEach::";

    private static readonly string[] Sections = ["Conditions", "Resources", "Outputs"];
    internal static readonly string[] PolicyAttributes = ["DeletionPolicy", "UpdateReplacePolicy"];
    private static readonly string[] PolicyOptions = ["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"];
    private static readonly HashSet<string> PolicyFunctions = new(StringComparer.Ordinal) { "Ref", "Fn::If", "Fn::FindInMap", "Fn::Select", "Fn::Join", "Fn::Sub" };

    private readonly CollectionResolver _resolver;
    private readonly List<SyntaxDiagnostic> _problems;
    private readonly HashSet<(string, int, string)> _reported = [];
    private readonly Dictionary<SyntaxNode, IReadOnlyList<ParameterPin>> _pins = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ScalarNode> _loopNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _parameterNames;
    private List<ParameterPin>? _pinSink;

    private LanguageExtensionsTransform(MappingNode root, EvaluationSettings settings, List<SyntaxDiagnostic> problems)
    {
        _resolver = new CollectionResolver(root, settings);
        _problems = problems;
        _parameterNames = (root.Get("Parameters") as MappingNode)?.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
    }

    public static bool IsDeclared(IReadOnlyList<string> transforms) => transforms.Contains(TransformName, StringComparer.Ordinal);

    public static bool IsLoopKey(string key) => key.StartsWith(LoopPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The template CloudFormation processes after the transform (the same root when the template declares no
    /// AWS::LanguageExtensions; language-extension syntax is then an E2054 finding and stays unexpanded).
    /// </summary>
    public static LanguageExtensionsResult Expand(MappingNode root, IReadOnlyList<string> transforms, EvaluationSettings settings, List<SyntaxDiagnostic> problems)
    {
        if (!IsDeclared(transforms))
        {
            UndeclaredUseFinder.Report(root, Sections, problems);
            return new LanguageExtensionsResult(root, new Dictionary<SyntaxNode, IReadOnlyList<ParameterPin>>());
        }

        var transform = new LanguageExtensionsTransform(root, settings, problems);
        var document = transform.ExpandDocument(root);
        return new LanguageExtensionsResult(document, transform._pins);
    }

    private MappingNode ExpandDocument(MappingNode root)
    {
        var entries = new List<MappingEntry>(root.Entries.Count);
        foreach (var entry in root.Entries)
        {
            if (entry.Key.Text == "Transform")
            {
                // The transform is applied: the template it gives no longer names it (SAM, if declared, stays).
                if (entry.Value is SequenceNode transforms && transforms.Items.Any(t => t is not ScalarNode { Text: TransformName }))
                {
                    var rest = transforms.Items.Where(t => t is not ScalarNode { Text: TransformName }).ToArray();
                    entries.Add(new MappingEntry(entry.Key, new SequenceNode(transforms.Span, transforms.Path, rest)));
                }

                continue;
            }

            entries.Add(Sections.Contains(entry.Key.Text) && entry.Value is MappingNode section
                ? new MappingEntry(entry.Key, ExpandSection(entry.Key.Text, section))
                : entry);
        }

        return new MappingNode(root.Span, root.Path, entries);
    }

    private MappingNode ExpandSection(string name, MappingNode section)
    {
        var output = new List<MappingEntry>(section.Entries.Count);
        ExpandEntries(section, section.Path, LoopScope.Empty, output, name);
        return Unchanged(section.Entries, output) ? section : new MappingNode(section.Span, section.Path, output);
    }

    /// <summary>
    /// Writes the entries of <paramref name="map"/> (loops expanded, keys substituted, values rewritten) to
    /// <paramref name="output"/>. <paramref name="section"/> names the section when the entries are its logical ids.
    /// </summary>
    private void ExpandEntries(MappingNode map, string path, LoopScope scope, List<MappingEntry> output, string? section)
    {
        var keys = new GeneratedKeys(map.UniqueEntries.Where(e => !IsLoopKey(e.Key.Text)).Select(e => scope.Substitute(e.Key.Text)));
        foreach (var entry in map.UniqueEntries)
        {
            if (IsLoopKey(entry.Key.Text))
            {
                if (section == "Resources" && keys.IsWritten(entry.Key.Text[LoopPrefix.Length..]))
                {
                    Report(TemplateDiagnostics.DuplicateGeneratedKeyId, $"The loop name of {entry.Key.Text} is also a resource's logical id; CloudFormation requires loop names to be unique.", entry.Key);
                }

                ExpandLoop(entry, path, scope, output, section, keys);
                continue;
            }

            output.Add(RewriteEntry(entry, path, scope, section));
        }
    }

    private MappingEntry RewriteEntry(MappingEntry entry, string path, LoopScope scope, string? section)
    {
        var text = scope.Substitute(entry.Key.Text);
        var valuePath = SyntaxNode.Combine(path, text);
        var key = text == entry.Key.Text && entry.Key.Path == path
            ? entry.Key
            : new ScalarNode(entry.Key.Span, path, text, entry.Key.ScalarKind, entry.Key.Style);
        if (section != "Resources")
        {
            return new MappingEntry(key, Rewrite(entry.Value, valuePath, scope));
        }

        // A resource: collect the pins of every loop it depends on (its own and the loops inside its properties).
        var outer = _pinSink;
        _pinSink = [.. scope.Pins];
        var value = Rewrite(entry.Value, valuePath, scope);
        if (value is MappingNode body)
        {
            value = ResolvePolicies(body);
        }

        if (_pinSink.Count > 0)
        {
            _pins[value] = _pinSink.Distinct().ToArray();
        }

        _pinSink = outer;
        return new MappingEntry(key, value);
    }

    private void ExpandLoop(MappingEntry loop, string path, LoopScope scope, List<MappingEntry> output, string? section, GeneratedKeys keys)
    {
        var name = loop.Key.Text;
        var loopName = name[LoopPrefix.Length..];
        if (loopName.Length == 0)
        {
            Report(TemplateDiagnostics.MalformedLoopId, "Fn::ForEach needs a loop name: write Fn::ForEach::Name.", loop.Key);
            return;
        }

        if (_loopNames.TryGetValue(loopName, out var other) && other.Span != loop.Key.Span)
        {
            Report(TemplateDiagnostics.DuplicateGeneratedKeyId, $"Another Fn::ForEach loop is already named {loopName}; CloudFormation requires loop names to be unique.", loop.Key);
        }

        _loopNames.TryAdd(loopName, loop.Key);
        if (loop.Value is not SequenceNode { Count: 3 } parts)
        {
            Report(TemplateDiagnostics.MalformedLoopId, $"{name} must be a list of three items: an identifier, a collection and the mapping to replicate.", loop.Key);
            return;
        }

        if (parts[0] is not ScalarNode { ScalarKind: ScalarKind.String, Text.Length: > 0 } identifier)
        {
            Report(TemplateDiagnostics.MalformedLoopId, $"The identifier of {name} (its first item) must be a string.", parts[0]);
            return;
        }

        if (parts[2] is not MappingNode fragment)
        {
            Report(TemplateDiagnostics.MalformedLoopId, $"The third item of {name} must be a mapping of OutputKey: OutputValue.", parts[2]);
            return;
        }

        if (_parameterNames.Contains(identifier.Text))
        {
            Report(TemplateDiagnostics.MalformedLoopId, $"The identifier '{identifier.Text}' of {name} is also a parameter's name; CloudFormation requires a different one.", identifier);
            return;
        }

        var badKeys = fragment.Entries.Where(e => !IsLoopKey(e.Key.Text) && !LoopScope.Uses(e.Key.Text, identifier.Text)).ToList();
        foreach (var bad in badKeys)
        {
            Report(TemplateDiagnostics.MalformedLoopId, $"The key '{bad.Key.Text}' in {name} must use ${{{identifier.Text}}} or &{{{identifier.Text}}}, or every iteration generates the same key.", bad.Key);
        }

        if (badKeys.Count > 0)
        {
            return;
        }

        var collection = _resolver.Resolve(parts[1], scope);
        if (collection.Rejection is { } rejection)
        {
            Report(rejection.RuleId, $"The collection of {name}: {rejection.Message}", rejection.Span, rejection.Path);
            return;
        }

        if (collection.UnknownReason is { } reason)
        {
            var what = section switch { "Resources" => "resources", "Outputs" => "outputs", "Conditions" => "conditions", _ => "entries" };
            var generated = string.Join(", ", fragment.Entries.Select(e => e.Key.Text));
            Report(TemplateDiagnostics.LoopNotExpandedId, $"{name} is not expanded: its collection {reason}, so the {what} it generates ({generated}) are not analysed.", loop.Key);
            return;
        }

        if (collection.Items is not { } items)
        {
            Report(TemplateDiagnostics.MalformedLoopId, $"The collection of {name} must be a list, not the string '{collection.Text}'.", parts[1]);
            return;
        }

        _pinSink?.AddRange(collection.Pins);
        foreach (var item in items)
        {
            var inner = scope.Bind(identifier.Text, item, collection.Pins);
            var generated = new List<MappingEntry>();
            ExpandEntries(fragment, path, inner, generated, section);
            foreach (var entry in generated)
            {
                if (Accept(entry, name, section, keys))
                {
                    output.Add(entry);
                }
            }
        }
    }

    /// <summary>Checks a generated key: unique in its mapping, and an alphanumeric logical id at the top of a section.</summary>
    private bool Accept(MappingEntry entry, string loop, string? section, GeneratedKeys keys)
    {
        var key = entry.Key.Text;
        if (section is not null && !key.All(char.IsAsciiLetterOrDigit))
        {
            Report(TemplateDiagnostics.MalformedLoopId, $"{loop} generates the logical id '{key}', which is not alphanumeric; use &{{…}} to drop the other characters of the collection's values.", entry.Key);
            return false;
        }

        switch (keys.Add(key))
        {
            case KeyClash.Written:
                Report(TemplateDiagnostics.DuplicateGeneratedKeyId, $"{loop} generates '{key}', which the template already declares.", entry.Key);
                return false;
            case KeyClash.Generated:
                Report(TemplateDiagnostics.DuplicateGeneratedKeyId, $"{loop} generates '{key}' more than once (a collection value is repeated, or two values differ only in characters &{{…}} drops).", entry.Key);
                return false;
            default:
                return true;
        }
    }

    /// <summary>The node in the transformed template: loops inside expanded, identifiers substituted, path moved.</summary>
    private SyntaxNode Rewrite(SyntaxNode node, string path, LoopScope scope)
    {
        switch (node)
        {
            case ScalarNode s:
                return s.Path == path ? s : new ScalarNode(s.Span, path, s.Text, s.ScalarKind, s.Style);
            case SequenceNode seq:
                {
                    var items = new SyntaxNode[seq.Count];
                    var changed = seq.Path != path;
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = Rewrite(seq[i], SyntaxNode.Combine(path, i), scope);
                        changed |= !ReferenceEquals(items[i], seq[i]);
                    }

                    return changed ? new SequenceNode(seq.Span, path, items) : seq;
                }

            case MappingNode map:
                {
                    var entries = new List<MappingEntry>(map.Entries.Count);
                    ExpandEntries(map, path, scope, entries, null);
                    return map.Path == path && Unchanged(map.Entries, entries) ? map : new MappingNode(map.Span, path, entries);
                }

            case IntrinsicNode fn:
                return RewriteFunction(fn, path, scope);
            default:
                return node;
        }
    }

    private SyntaxNode RewriteFunction(IntrinsicNode fn, string path, LoopScope scope)
    {
        var argumentPath = SyntaxNode.Combine(path, fn.Name);
        SyntaxNode argument;
        switch (fn.Name)
        {
            case "Ref" when fn.Argument is ScalarNode name && scope.TryGet(name.Text, out var value):
                return new ScalarNode(fn.Span, path, value, ScalarKind.String, ScalarStyle.Plain);
            case "Ref":
                argument = Literal(Rewrite(fn.Argument, argumentPath, scope), argumentPath);
                break;
            case "Fn::Sub" when fn.Argument is ScalarNode text:
                argument = Substituted(text, argumentPath, scope);
                break;
            case "Fn::Sub" when fn.Argument is SequenceNode { Count: >= 1 } seq && seq[0] is ScalarNode text:
                {
                    var items = seq.Items.Select((item, i) => i == 0
                        ? Substituted(text, SyntaxNode.Combine(argumentPath, 0), scope)
                        : Rewrite(item, SyntaxNode.Combine(argumentPath, i), scope)).ToArray();
                    argument = seq.Path == argumentPath && items.Zip(seq.Items).All(p => ReferenceEquals(p.First, p.Second)) ? seq : new SequenceNode(seq.Span, argumentPath, items);
                    break;
                }

            case "Fn::GetAtt" when fn.Argument is SequenceNode { Count: 2 } seq:
                {
                    // With the transform, the logical id may be computed (!Sub "Bucket${Name}").
                    var rewritten = (SequenceNode)Rewrite(seq, argumentPath, scope);
                    var logicalId = Literal(rewritten[0], rewritten[0].Path);
                    argument = ReferenceEquals(logicalId, rewritten[0]) ? rewritten : new SequenceNode(rewritten.Span, argumentPath, [logicalId, rewritten[1]]);
                    break;
                }

            default:
                argument = Rewrite(fn.Argument, argumentPath, scope);
                CheckFunction(fn, argument);
                break;
        }

        return fn.Path == path && ReferenceEquals(argument, fn.Argument)
            ? fn
            : new IntrinsicNode(fn.Span, path, fn.Name, fn.NameSpan, argument, fn.IsShortForm);
    }

    /// <summary>The functions only the transform understands must have the arguments it accepts.</summary>
    private void CheckFunction(IntrinsicNode fn, SyntaxNode argument)
    {
        switch (fn.Name)
        {
            case "Fn::Length" when argument is not (SequenceNode or IntrinsicNode):
                Report(TemplateDiagnostics.UnsupportedLanguageExtensionFunctionId, "Fn::Length takes a list, or a function that returns one.", fn);
                break;
            case "Fn::ToJsonString" when argument is not (MappingNode or SequenceNode or IntrinsicNode):
                Report(TemplateDiagnostics.UnsupportedLanguageExtensionFunctionId, "Fn::ToJsonString takes a mapping or a list (or a function that returns one), not a string.", fn);
                break;
            case "Fn::FindInMap" when fn.Arguments.Count == 4 && CollectionResolver.DefaultValueOf(fn.Arguments[3]) is null:
                Report(TemplateDiagnostics.UnsupportedLanguageExtensionFunctionId, "The fourth argument of Fn::FindInMap must be a mapping with only a DefaultValue.", fn.Arguments[3]);
                break;
        }
    }

    /// <summary>A function argument of Ref/Fn::GetAtt that the transform can compute without a default becomes its text.</summary>
    private SyntaxNode Literal(SyntaxNode node, string path)
    {
        if (node is not IntrinsicNode fn || _resolver.Resolve(fn, LoopScope.Empty) is not { Text: { } text, Pins.Count: 0 })
        {
            return node;
        }

        return new ScalarNode(fn.Span, path, text, ScalarKind.String, ScalarStyle.Plain);
    }

    private static ScalarNode Substituted(ScalarNode text, string path, LoopScope scope)
    {
        var substituted = scope.Substitute(text.Text);
        return substituted == text.Text && text.Path == path ? text : new ScalarNode(text.Span, path, substituted, text.ScalarKind, text.Style);
    }

    /// <summary>
    /// Intrinsic DeletionPolicy/UpdateReplacePolicy: the transform resolves them before deployment, so only functions
    /// it can compute are accepted, and literal options must be valid. A value decided by given parameter values
    /// becomes the literal (without values it stays a function: the evaluator shows each possibility).
    /// </summary>
    private MappingNode ResolvePolicies(MappingNode body)
    {
        var entries = body.Entries.ToArray();
        var changed = false;
        for (var i = 0; i < entries.Length; i++)
        {
            if (!PolicyAttributes.Contains(entries[i].Key.Text) || entries[i].Value is not IntrinsicNode fn)
            {
                continue;
            }

            var attribute = entries[i].Key.Text;
            if (!PolicyFunctions.Contains(fn.Name) || (fn.Name == "Ref" && fn.Argument is ScalarNode target && !_parameterNames.Contains(target.Text)))
            {
                Report(TemplateDiagnostics.UnsupportedLanguageExtensionFunctionId, $"{attribute} cannot use {Describe(fn)}: the transform resolves it before any resource exists; use Ref to a parameter, Fn::If or Fn::FindInMap.", fn);
                continue;
            }

            foreach (var option in fn.Name == "Fn::If" ? fn.Arguments.Skip(1) : [])
            {
                if (option is ScalarNode s && !PolicyOptions.Contains(s.Text, StringComparer.Ordinal))
                {
                    Report(TemplateDiagnostics.UnsupportedLanguageExtensionFunctionId, $"{attribute} may resolve to '{s.Text}', which is not one of {string.Join(", ", PolicyOptions)}.", s);
                }
            }

            if (_resolver.Resolve(fn, LoopScope.Empty) is { Text: { } text, Pins.Count: 0 })
            {
                if (!PolicyOptions.Contains(text, StringComparer.Ordinal))
                {
                    Report(TemplateDiagnostics.UnsupportedLanguageExtensionFunctionId, $"{attribute} resolves to '{text}', which is not one of {string.Join(", ", PolicyOptions)}.", fn);
                    continue;
                }

                entries[i] = new MappingEntry(entries[i].Key, new ScalarNode(fn.Span, fn.Path, text, ScalarKind.String, ScalarStyle.Plain));
                changed = true;
            }
        }

        return changed ? new MappingNode(body.Span, body.Path, entries) : body;
    }

    private static string Describe(IntrinsicNode fn) => fn.Name == "Ref" && fn.Argument is ScalarNode s ? $"Ref {s.Text} (not a parameter)" : fn.Name;

    private static bool Unchanged(IReadOnlyList<MappingEntry> before, List<MappingEntry> after) =>
        before.Count == after.Count && before.Zip(after).All(p => ReferenceEquals(p.First.Key, p.Second.Key) && ReferenceEquals(p.First.Value, p.Second.Value));

    private void Report(string id, string message, SyntaxNode at) => Report(id, message, at.Span, at.Path);

    private void Report(string id, string message, Scanner.Core.Text.TextSpan span, string path)
    {
        // A loop body is rewritten once per iteration: its problems are reported once.
        if (_reported.Add((id, span.Start, message)))
        {
            _problems.Add(new SyntaxDiagnostic(id, message, span, path));
        }
    }

    private enum KeyClash
    {
        None,
        Written,
        Generated,
    }

    /// <summary>The keys of one mapping: those written in the template and those loops generated so far.</summary>
    private sealed class GeneratedKeys
    {
        private readonly HashSet<string> _written;
        private readonly HashSet<string> _generated = new(StringComparer.Ordinal);

        public GeneratedKeys(IEnumerable<string> written)
        {
            _written = new HashSet<string>(written, StringComparer.Ordinal);
        }

        public bool IsWritten(string key) => _written.Contains(key);

        public KeyClash Add(string key) =>
            _written.Contains(key) ? KeyClash.Written : _generated.Add(key) ? KeyClash.None : KeyClash.Generated;
    }
}
