using System.Text;
using Scanner.Core.Text;

namespace Scanner.CloudFormation.Syntax;

/// <summary>Turns a file into a <see cref="SyntaxTree"/>; never throws for bad input (it becomes an E0000).</summary>
public static class TemplateParser
{
    /// <summary>Deeper nesting than this is refused (real templates stay far below; hostile files do not).</summary>
    public const int MaxDepth = 200;

    /// <summary>Upper bound on nodes reached through YAML aliases.</summary>
    public const long MaxAliasExpansion = 1_000_000;

    public static SyntaxTree ParseFile(string path, string displayPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(new SourceText(displayPath, string.Empty), SourceFormat.Yaml, $"Cannot read the file: {ex.Message}", 0);
        }

        return Parse(displayPath, bytes);
    }

    public static SyntaxTree Parse(string path, byte[] bytes)
    {
        var nul = Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192));
        if (nul >= 0)
        {
            return Failed(new SourceText(path, string.Empty), SourceFormat.Yaml, "The file is binary (it contains NUL bytes), not a YAML or JSON template.", 0);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var source = new SourceText(path, Encoding.UTF8.GetString(bytes));
            var offset = Math.Min(source.Text.Length, Math.Max(0, ex.Index));
            return Failed(source, SourceFormat.Yaml, "The file is not valid UTF-8 text.", offset);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            // The byte-order mark is not part of the text: editors do not show it, so columns on line 1 count
            // without it, and a YAML document must not start with an indented key. (A space in its place made
            // every YAML template with a BOM an E0000.)
            text = text[1..];
        }

        return Parse(path, text);
    }

    public static SyntaxTree Parse(string path, string text)
    {
        var source = new SourceText(path, text);
        var diagnostics = new List<SyntaxDiagnostic>();
        var format = LooksLikeJson(text) ? SourceFormat.Json : SourceFormat.Yaml;
        SyntaxNode? root;
        if (format == SourceFormat.Json)
        {
            root = JsonTreeReader.Read(source, diagnostics);
            if (root is null && !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                // A YAML flow mapping also starts with '{': accept it when it is valid YAML, else keep the JSON error.
                var yamlDiagnostics = new List<SyntaxDiagnostic>();
                var yamlRoot = YamlTreeReader.Read(source, yamlDiagnostics);
                if (yamlRoot is not null)
                {
                    root = yamlRoot;
                    format = SourceFormat.Yaml;
                    diagnostics = yamlDiagnostics;
                }
            }
        }
        else
        {
            root = YamlTreeReader.Read(source, diagnostics);
        }

        if (root is null && !diagnostics.Exists(d => d.RuleId == TemplateDiagnostics.SyntaxErrorId))
        {
            diagnostics.Add(new SyntaxDiagnostic(TemplateDiagnostics.SyntaxErrorId, "The file is empty.", new TextSpan(0, 0)));
        }

        return new SyntaxTree(source, format, root, diagnostics);
    }

    private static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '{' or '[';
            }
        }

        return false;
    }

    private static SyntaxTree Failed(SourceText source, SourceFormat format, string message, int offset) =>
        new(source, format, null, [new SyntaxDiagnostic(TemplateDiagnostics.SyntaxErrorId, message, new TextSpan(offset, offset))]);
}
