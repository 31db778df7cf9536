using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Evaluation;

/// <summary>The JSON text Fn::ToJsonString gives for a fully known value (compact, keys in template order).</summary>
internal static class JsonText
{
    /// <summary>The JSON of <paramref name="value"/>, or null when any part of it is known only at deploy time.</summary>
    public static string? Write(Value value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (!Write(writer, value))
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static bool Write(Utf8JsonWriter writer, Value value)
    {
        switch (value)
        {
            case LiteralValue { Kind: ScalarKind.Boolean } b when ScalarParsing.ParseBoolean(b.Text, allowYaml11: true) is { } flag:
                writer.WriteBooleanValue(flag);
                return true;
            case LiteralValue { Kind: ScalarKind.Integer } i when long.TryParse(i.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                writer.WriteNumberValue(integer);
                return true;
            case LiteralValue { Kind: ScalarKind.Float } f when double.TryParse(f.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                return true;
            case LiteralValue { Kind: ScalarKind.Null }:
                writer.WriteNullValue();
                return true;
            case LiteralValue text:
                writer.WriteStringValue(text.Text);
                return true;
            case ListValue list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    if (!Write(writer, item))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            case MapValue map:
                writer.WriteStartObject();
                foreach (var entry in map.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    if (!Write(writer, entry.Value))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
                return true;
            default:
                return false;
        }
    }
}
