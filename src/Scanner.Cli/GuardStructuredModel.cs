using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scanner.Guard;

namespace Scanner.Cli;

/// <summary>
/// A tiny ordered document model (maps keep insertion order) written as JSON or YAML, for cfn-guard's structured
/// outputs, whose field order tools and diffs rely on. A <see cref="GuardValue"/> may stand for its own
/// <see cref="FromValue"/> model (template values are written from the data, not copied into the model first); JSON
/// is streamed, a sequence of documents one at a time with <see cref="JsonSequence"/>.
/// </summary>
internal static class StructuredModel
{
    public sealed class OrderedMap : List<KeyValuePair<string, object?>>;

    public static OrderedMap Map(params (string Key, object? Value)[] entries)
    {
        var map = new OrderedMap();
        foreach (var (k, v) in entries)
        {
            map.Add(new KeyValuePair<string, object?>(k, v));
        }

        return map;
    }

    public static object? FromValue(GuardValue value) => value.Kind switch
    {
        GuardValueKind.Null => null,
        GuardValueKind.Bool => value.Bool,
        GuardValueKind.Int => value.Int,
        GuardValueKind.Float => value.Float,
        GuardValueKind.List => value.Items.Select(FromValue).ToList(),
        GuardValueKind.Map => Map([.. value.Keys.Select((k, i) => (k.Text, FromValue(value.Values[i])))]),
        GuardValueKind.Regex => "/" + value.Text + "/",
        _ => value.Text,
    };

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteJson(object? document, TextWriter output)
    {
        using (var stream = new TextWriterStream(output))
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            Write(writer, document);
        }

        output.WriteLine();
    }

    /// <summary>
    /// A JSON array written one element at a time, as <see cref="WriteJson"/> writes a list of them: elements are
    /// passed on to the output as they are written, so only one is held at a time.
    /// </summary>
    public sealed class JsonSequence
    {
        private const int FlushAt = 64 * 1024;
        private readonly TextWriter _output;
        private readonly TextWriterStream _stream;
        private readonly Utf8JsonWriter _writer;

        public JsonSequence(TextWriter output)
        {
            _output = output;
            _stream = new TextWriterStream(output);
            _writer = new Utf8JsonWriter(_stream, JsonOptions);
            _writer.WriteStartArray();
        }

        public void Write(object? element)
        {
            StructuredModel.Write(_writer, element);
            if (_writer.BytesPending >= FlushAt)
            {
                _writer.Flush();
            }
        }

        /// <summary>Ends the array (and the line).</summary>
        public void Complete()
        {
            _writer.WriteEndArray();
            _writer.Dispose();
            _stream.Dispose();
            _output.WriteLine();
        }
    }

    private static void Write(Utf8JsonWriter writer, GuardValue value)
    {
        switch (value.Kind)
        {
            case GuardValueKind.Null:
                writer.WriteNullValue();
                break;
            case GuardValueKind.Bool:
                writer.WriteBooleanValue(value.Bool);
                break;
            case GuardValueKind.Int:
                writer.WriteNumberValue(value.Int);
                break;
            case GuardValueKind.Float:
                WriteDouble(writer, value.Float);
                break;
            case GuardValueKind.List:
                writer.WriteStartArray();
                for (var i = 0; i < value.Items.Count; i++)
                {
                    Write(writer, value.Items[i]);
                }

                writer.WriteEndArray();
                break;
            case GuardValueKind.Map:
                writer.WriteStartObject();
                for (var i = 0; i < value.Keys.Count; i++)
                {
                    writer.WritePropertyName(value.Keys[i].Text);
                    Write(writer, value.Values[i]);
                }

                writer.WriteEndObject();
                break;
            case GuardValueKind.Regex:
                writer.WriteStringValue("/" + value.Text + "/");
                break;
            default:
                writer.WriteStringValue(value.Text);
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        if (double.IsFinite(d))
        {
            writer.WriteNumberValue(d);
        }
        else
        {
            writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case GuardValue guardValue:
                Write(writer, guardValue);
                break;
            case OrderedMap map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    Write(writer, v);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    public static void WriteYaml(object? document, TextWriter output)
    {

        var sb = new StringBuilder();
        WriteYaml(sb, document, 0, inSequence: false);
        output.Write(sb.ToString());
        if (sb.Length == 0 || sb[^1] != '\n')
        {
            output.WriteLine();
        }
    }

    private static void WriteYaml(StringBuilder sb, object? value, int indent, bool inSequence)
    {
        if (value is GuardValue guardValue)
        {
            value = FromValue(guardValue);
        }

        var pad = new string(' ', indent);
        switch (value)
        {
            case OrderedMap { Count: 0 }:
                sb.Append("{}\n");
                break;
            case OrderedMap map:
                {
                    var first = true;
                    foreach (var (k, entry) in map)
                    {
                        var v = entry is GuardValue entryValue ? FromValue(entryValue) : entry;
                        if (!(first && inSequence))
                        {
                            sb.Append(pad);
                        }

                        first = false;
                        sb.Append(Scalar(k)).Append(':');
                        if (v is OrderedMap { Count: > 0 })
                        {
                            sb.Append('\n');
                            WriteYaml(sb, v, indent + 2, inSequence: false);
                        }
                        else if (v is System.Collections.IEnumerable e and not string && e.Cast<object?>().Any())
                        {
                            sb.Append('\n');
                            WriteYaml(sb, v, indent, inSequence: false);
                        }
                        else
                        {
                            sb.Append(' ');
                            WriteYaml(sb, v, indent + 2, inSequence: false);
                        }
                    }

                    break;
                }

            case string or bool or long or int or double or null:
                sb.Append(Scalar(value)).Append('\n');
                break;
            case System.Collections.IEnumerable list:
                {
                    var items = list.Cast<object?>().ToList();
                    if (items.Count == 0)
                    {
                        sb.Append("[]\n");
                        break;
                    }

                    foreach (var item in items)
                    {
                        sb.Append(pad).Append("- ");
                        WriteYaml(sb, item, indent + 2, inSequence: true);
                    }

                    break;
                }

            default:
                sb.Append(Scalar(value.ToString())).Append('\n');
                break;
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s when s.Any(char.IsControl) => JsonSerializer.Serialize(s, CliJson.Compact.String),
        string s when NeedsQuotes(s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        string s => s,
        _ => value.ToString() ?? string.Empty,
    };

    private static bool NeedsQuotes(string s) =>
        s.Length == 0 || s.Trim() != s || s.IndexOfAny([':', '#', '\n', '\'', '"', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`']) >= 0
        || s is "true" or "false" or "null" or "~" or "yes" or "no" or "True" or "False"
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || s.StartsWith('-') || s.StartsWith('?');
}
