using Scanner.Core.Engine;
using Scanner.Reporting;
using YamlDotNet.RepresentationModel;

namespace Scanner.Cli;

/// <summary>Reads a baseline file (<c>scan --baseline FILE</c>, written by <c>--write-baseline</c>); every problem is <c>file:line:col: message</c>.</summary>
internal static class BaselineFile
{
    public static Baseline Load(string path, string display)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read baseline '{display}': {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file (write one with --write-baseline)" : ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}");
        }

        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new UsageException($"{display}:{ex.Start.Line}:{ex.Start.Column}: the baseline is not valid JSON");
        }

        string Where(YamlNode n) => $"{display}:{n.Start.Line}:{n.Start.Column}";
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new UsageException($"{display}:1:1: a baseline is an object with \"findings\" (written by --write-baseline)");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("version"), out var version) || version is not YamlScalarNode { Value: var v } || v != Baseline.FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new UsageException($"{(version is null ? $"{display}:1:1" : Where(version))}: this iacscan reads baseline version {Baseline.FormatVersion}; write the baseline again with --write-baseline");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("findings"), out var findings) || findings is not YamlSequenceNode list)
        {
            throw new UsageException($"{(findings is null ? $"{display}:1:1" : Where(findings))}: \"findings\" must be a list");
        }

        var entries = new List<BaselineEntry>();
        foreach (var item in list)
        {
            if (item is not YamlMappingNode entry)
            {
                throw new UsageException($"{Where(item)}: each baseline finding is an object with fingerprint, ruleId and path");
            }

            string? Field(string name, bool required)
            {
                if (!entry.Children.TryGetValue(new YamlScalarNode(name), out var node) || node is YamlScalarNode { Value: null or "null" } && !required)
                {
                    return required ? throw new UsageException($"{Where(entry)}: baseline finding without \"{name}\"") : null;
                }

                return node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw new UsageException($"{Where(node)}: \"{name}\" must be a non-empty string");
            }

            var fingerprint = Field("fingerprint", true)!;
            if (fingerprint.Length != 64 || !fingerprint.All(char.IsAsciiHexDigitLower))
            {
                throw new UsageException($"{Where(entry.Children[new YamlScalarNode("fingerprint")])}: \"fingerprint\" must be 64 lowercase hex digits (SARIF partialFingerprints {SarifReportWriter.FingerprintKey})");
            }

            entries.Add(new BaselineEntry(fingerprint, Field("ruleId", true)!, Field("path", true)!, Field("logicalId", false), Field("nodePath", false) ?? string.Empty, Field("message", false) ?? string.Empty));
        }

        return new Baseline(entries);
    }
}
