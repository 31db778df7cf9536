using Scanner.Core.Text;

namespace Scanner.CloudFormation.Syntax;

/// <summary>
/// Builds nodes that are not written in the file (e.g. resources a transform generates). Each synthesized node
/// carries the span and path of the source construct it stands for, so findings on it point at real text.
/// </summary>
public sealed class SyntaxFactory
{
    private readonly TextSpan _span;

    public SyntaxFactory(SyntaxNode origin)
    {
        _span = origin.Span;
        Path = origin.Path;
    }

    public SyntaxFactory(TextSpan span, string path)
    {
        _span = span;
        Path = path;
    }

    /// <summary>The path given to synthesized nodes.</summary>
    public string Path { get; }

    public ScalarNode String(string text) => new(_span, Path, text, ScalarKind.String, ScalarStyle.Plain);

    public ScalarNode Boolean(bool value) => new(_span, Path, value ? "true" : "false", ScalarKind.Boolean, ScalarStyle.Plain);

    public SequenceNode List(params SyntaxNode[] items) => new(_span, Path, items);

    public SequenceNode List(IEnumerable<SyntaxNode> items) => new(_span, Path, items.ToArray());

    /// <summary>A mapping; null values are left out, so optional properties can be passed as they are.</summary>
    public MappingNode Map(params (string Key, SyntaxNode? Value)[] entries) =>
        new(_span, Path, entries.Where(e => e.Value is not null).Select(e => new MappingEntry(String(e.Key), e.Value!)).ToArray());

    public MappingNode Map(IEnumerable<(string Key, SyntaxNode? Value)> entries) => Map(entries.ToArray());

    public IntrinsicNode Ref(string name) => new(_span, Path, "Ref", _span, String(name), isShortForm: false);

    public IntrinsicNode GetAtt(string resource, string attribute) =>
        new(_span, Path, "Fn::GetAtt", _span, List(String(resource), String(attribute)), isShortForm: false);

    public IntrinsicNode Sub(string text) => new(_span, Path, "Fn::Sub", _span, String(text), isShortForm: false);
}
