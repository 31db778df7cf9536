using Scanner.Core.Text;

namespace Scanner.CloudFormation.Syntax;

/// <summary>A problem found while reading a file: the E-series ids of <see cref="TemplateDiagnostics"/>.</summary>
public sealed record SyntaxDiagnostic(string RuleId, string Message, TextSpan Span, string Path = "");

public enum SourceFormat
{
    Yaml,
    Json,
}

/// <summary>A parsed file: its text, its root node (null when the file could not be read) and what went wrong.</summary>
public sealed class SyntaxTree
{
    public SyntaxTree(SourceText source, SourceFormat format, SyntaxNode? root, IReadOnlyList<SyntaxDiagnostic> diagnostics)
    {
        Source = source;
        Format = format;
        Root = root;
        Diagnostics = diagnostics;
    }

    public SourceText Source { get; }

    public SourceFormat Format { get; }

    public SyntaxNode? Root { get; }

    public IReadOnlyList<SyntaxDiagnostic> Diagnostics { get; }

    /// <summary>True when the text is not valid YAML/JSON: <see cref="Root"/> is null and there is an E0000.</summary>
    public bool HasFatalError => Root is null;

    public SourceSpan GetSpan(SyntaxNode node) => Source.GetSpan(node.Span);
}
