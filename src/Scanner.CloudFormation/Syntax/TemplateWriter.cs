using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace Scanner.CloudFormation.Syntax;

/// <summary>Writes a syntax tree back out as a template: JSON (intrinsics in long form) or YAML (intrinsics as short-form tags).</summary>
public static class TemplateWriter
{
    /// <summary>The node as a JSON value: scalars keep the type they were loaded as; intrinsics become <c>{"Fn::…": …}</c>.</summary>
    public static JsonNode? ToJson(SyntaxNode node)
    {
        switch (node)
        {
            case MappingNode map:
                var obj = new JsonObject();
                foreach (var e in map.UniqueEntries)
                {
                    obj[e.Key.Text] = ToJson(e.Value);
                }

                return obj;
            case SequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Items)
                {
                    array.Add(ToJson(item));
                }

                return array;
            case IntrinsicNode fn:
                return new JsonObject { [fn.Name] = ToJson(fn.Argument) };
            case ScalarNode s:
                return Scalar(s);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(ScalarNode s)
    {
        switch (s.ScalarKind)
        {
            case ScalarKind.Null:
                return null;
            case ScalarKind.Boolean when s.BooleanValue is { } b:
                return JsonValue.Create(b);
            case ScalarKind.Integer when s.IntegerValue is { } i:
                return JsonValue.Create(i);
            case ScalarKind.Float when s.NumberValue is { } d && double.IsFinite(d):
                return JsonValue.Create(d);
            default:
                return JsonValue.Create(s.Text);
        }
    }

    public static string WriteJson(SyntaxNode node)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return (ToJson(node)?.ToJsonString(options) ?? "null") + "\n";
    }

    public static string WriteYaml(SyntaxNode node)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: 160, isCanonical: false, maxSimpleKeyLength: 1024));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, node, null);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, SyntaxNode node, string? tag)
    {
        var tagName = tag is null ? TagName.Empty : new TagName(tag);
        switch (node)
        {
            case MappingNode map:
                emitter.Emit(new MappingStart(AnchorName.Empty, tagName, tag is null, MappingStyle.Block));
                foreach (var e in map.UniqueEntries)
                {
                    EmitString(emitter, e.Key.Text, TagName.Empty);
                    Emit(emitter, e.Value, null);
                }

                emitter.Emit(new MappingEnd());
                break;
            case SequenceNode seq:
                emitter.Emit(new SequenceStart(AnchorName.Empty, tagName, tag is null, SequenceStyle.Block));
                foreach (var item in seq.Items)
                {
                    Emit(emitter, item, null);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case IntrinsicNode fn:
                EmitIntrinsic(emitter, fn);
                break;
            case ScalarNode s:
                EmitScalar(emitter, s, tagName);
                break;
        }
    }

    private static void EmitIntrinsic(IEmitter emitter, IntrinsicNode fn)
    {
        var shortTag = fn.Name switch
        {
            "Ref" => "!Ref",
            "Condition" => "!Condition",
            _ when fn.Name.StartsWith("Fn::", StringComparison.Ordinal) => "!" + fn.Name[4..],
            _ => null,
        };
        if (shortTag is null)
        {
            emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
            EmitString(emitter, fn.Name, TagName.Empty);
            Emit(emitter, fn.Argument, null);
            emitter.Emit(new MappingEnd());
            return;
        }

        if (fn.Name == "Fn::GetAtt" && fn.Argument is SequenceNode { Count: 2 } parts && parts[0] is ScalarNode r && parts[1] is ScalarNode a)
        {
            EmitString(emitter, r.Text + "." + a.Text, new TagName(shortTag));
            return;
        }

        if (fn.Argument is ScalarNode argument)
        {
            EmitScalar(emitter, argument, new TagName(shortTag));
            return;
        }

        Emit(emitter, fn.Argument, shortTag);
    }

    private static void EmitScalar(IEmitter emitter, ScalarNode s, TagName tag)
    {
        switch (s.ScalarKind)
        {
            case ScalarKind.Null:
                emitter.Emit(new Scalar(AnchorName.Empty, tag, "null", YamlScalarStyle.Plain, tag.IsEmpty, false));
                break;
            case ScalarKind.Boolean when s.BooleanValue is { } b:
                emitter.Emit(new Scalar(AnchorName.Empty, tag, b ? "true" : "false", YamlScalarStyle.Plain, tag.IsEmpty, false));
                break;
            case ScalarKind.Integer or ScalarKind.Float when ScalarParsing.ClassifyPlain(s.Text) == s.ScalarKind:
                emitter.Emit(new Scalar(AnchorName.Empty, tag, s.Text, YamlScalarStyle.Plain, tag.IsEmpty, false));
                break;
            default:
                EmitString(emitter, s.Text, tag);
                break;
        }
    }

    /// <summary>A string, quoted whenever YAML would read it as something else (a number, a boolean, null).</summary>
    private static void EmitString(IEmitter emitter, string text, TagName tag)
    {
        // YAML 1.1 readers (PyYAML, so SAM and cfn-lint) take 2012-10-17 for a date: quote what looks like one.
        var needsQuotes = text.Length == 0 || ScalarParsing.ClassifyPlain(text) != ScalarKind.String || LooksLikeDate(text);
        var style = text.Contains('\n', StringComparison.Ordinal) ? YamlScalarStyle.Literal : needsQuotes ? YamlScalarStyle.SingleQuoted : YamlScalarStyle.Any;
        if (style == YamlScalarStyle.Literal && (text.EndsWith(' ') || text.Contains(" \n", StringComparison.Ordinal) || text.Contains('\t', StringComparison.Ordinal)))
        {
            style = YamlScalarStyle.DoubleQuoted;
        }

        emitter.Emit(new Scalar(AnchorName.Empty, tag, text, style, tag.IsEmpty && style == YamlScalarStyle.Any, tag.IsEmpty && style != YamlScalarStyle.Any));
    }

    private static bool LooksLikeDate(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3]) && text[4] == '-';

    /// <summary>UTF-8 without a byte order mark, as templates are read.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
