using System.Text;

namespace Scanner.Cli;

/// <summary>
/// A write-only stream of UTF-8 bytes onto a <see cref="TextWriter"/>, so a <see cref="System.Text.Json.Utf8JsonWriter"/>
/// can stream a large document without holding it whole (as bytes, then as a string). When the writer is a UTF-8
/// <see cref="StreamWriter"/> without a byte-order mark (the process's standard output), the bytes go to its stream
/// unchanged, after whatever text it holds; otherwise they are decoded (a character split between two writes is
/// kept until its last byte arrives) and written as text.
/// </summary>
internal sealed class TextWriterStream : WriteOnlyStream
{
    private readonly TextWriter _writer;
    private readonly Stream? _direct;
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private char[] _chars = [];

    public TextWriterStream(TextWriter writer)
    {
        _writer = writer;
        if (writer is StreamWriter { Encoding: UTF8Encoding utf8 } streamWriter && utf8.Preamble.Length == 0)
        {
            streamWriter.Flush();
            _direct = streamWriter.BaseStream;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_direct is not null)
        {
            _direct.Write(buffer);
            return;
        }

        var needed = _decoder.GetCharCount(buffer, flush: false);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, 4096)];
        }

        var count = _decoder.GetChars(buffer, _chars, flush: false);
        _writer.Write(_chars, 0, count);
    }

    public override void Flush() => _direct?.Flush();
}
