using System.Globalization;
using System.Text;
using Scanner.Core.Text;

namespace Scanner.Guard;

/// <summary>
/// The lexical half of the Guard parser: a cursor over the rule file's text that skips whitespace and comments and
/// reads words, identifiers, resource type names, quoted strings, regexes and numbers. Guard is whitespace- and
/// newline-sensitive in a few places, so the parser asks for the token it expects rather than reading a token stream.
/// Lines and columns come from <see cref="SourceText"/>, as everywhere else.
/// </summary>
internal sealed class GuardLexer
{
    private readonly string _text;
    private readonly string _path;
    private readonly SourceText _source;
    private int _p;
    private int _depth;

    public GuardLexer(string path, string text)
    {
        _path = path;
        _text = text;
        _source = new SourceText(path, text);
    }

    /// <summary>The text being read.</summary>
    public string Text => _text;

    /// <summary>The cursor: the offset of the next character to read.</summary>
    public int Offset
    {
        get => _p;
        set => _p = value;
    }

    /// <summary>The character at the cursor (the caller checks <see cref="AtEnd"/> first).</summary>
    public char Current => _text[_p];

    public GuardValue ReadScalarLiteral()
    {
        if (Peek('"') || Peek('\''))
        {
            var s = ReadQuoted();
            return s.Length == 1 ? GuardValue.Char(s[0]) : GuardValue.String(s);
        }

        var start = _p;
        if (Peek('-') || Peek('+'))
        {
            _p++;
        }

        while (!AtEnd && char.IsAsciiDigit(_text[_p]))
        {
            _p++;
        }

        var isFloat = false;
        if (Peek('.') && _p + 1 < _text.Length && char.IsAsciiDigit(_text[_p + 1]))
        {
            isFloat = true;
            _p++;
            while (!AtEnd && char.IsAsciiDigit(_text[_p]))
            {
                _p++;
            }
        }

        if ((Peek('e') || Peek('E')) && _p + 1 < _text.Length && (_text[_p + 1] is '+' or '-' || char.IsAsciiDigit(_text[_p + 1])))
        {
            isFloat = true;
            _p += 2;
            while (!AtEnd && char.IsAsciiDigit(_text[_p]))
            {
                _p++;
            }
        }

        var token = _text[start.._p];
        if (token.Length == 0 || token is "-" or "+")
        {
            _p = start;
            throw Error("expected a literal value");
        }

        if (!isFloat && long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return GuardValue.Integer(l);
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return GuardValue.FloatValue(d);
        }

        _p = start;
        throw Error($"'{token}' is not a number");
    }

    /// <summary>A quoted string (<c>"…"</c> or <c>'…'</c>; <c>\"</c> escapes the quote), without its quotes.</summary>
    public string ReadQuoted() => ReadDelimited(_text[_p], "unterminated string");

    /// <summary>A regex literal <c>/…/</c> (<c>\/</c> escapes the slash), checked to be valid.</summary>
    public string ReadRegex()
    {
        var start = _p;
        var pattern = ReadDelimited('/', "unterminated regular expression");
        if (GuardRegex.Validate(pattern) is { } problem)
        {
            _p = start;
            throw Error($"invalid regular expression: {problem}");
        }

        return pattern;
    }

    /// <summary>The text between the delimiter at the cursor and the next unescaped one; only the delimiter is escaped.</summary>
    private string ReadDelimited(char delimiter, string unterminated)
    {
        var start = _p;
        _p++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                _p = start;
                throw Error(unterminated);
            }

            var c = _text[_p];
            if (c == '\\' && _p + 1 < _text.Length && _text[_p + 1] == delimiter)
            {
                sb.Append(delimiter);
                _p += 2;
                continue;
            }

            if (c == delimiter)
            {
                _p++;
                return sb.ToString();
            }

            sb.Append(c);
            _p++;
        }
    }

    /// <summary>Length of a resource type name (<c>AWS::S3::Bucket</c>, <c>Custom::X</c>) at <paramref name="at"/>, or null.</summary>
    public int? TypeNameAt(int at)
    {
        var i = at;
        var segments = 0;
        while (true)
        {
            var len = 0;
            while (i + len < _text.Length && (char.IsAsciiLetterOrDigit(_text[i + len]) || _text[i + len] == '_'))
            {
                len++;
            }

            if (len == 0 || (segments == 0 && !char.IsAsciiLetter(_text[i])))
            {
                return null;
            }

            i += len;
            segments++;
            if (i + 1 < _text.Length && _text[i] == ':' && _text[i + 1] == ':')
            {
                i += 2;
                continue;
            }

            break;
        }

        return segments >= 2 ? i - at : null;
    }

    public int IdentLengthAt(int at)
    {
        if (at >= _text.Length || !char.IsAsciiLetter(_text[at]))
        {
            return 0;
        }

        var i = at + 1;
        while (i < _text.Length && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] == '_'))
        {
            i++;
        }

        return i - at;
    }

    public string Ident(string what)
    {
        var len = IdentLengthAt(_p);
        if (len == 0)
        {
            throw Error($"expected {what}");
        }

        var s = _text.Substring(_p, len);
        _p += len;
        return s;
    }

    public bool AtEnd => _p >= _text.Length;

    public bool Peek(char c) => _p < _text.Length && _text[_p] == c;

    public bool PeekAt(int offset, char c) => _p + offset < _text.Length && _text[_p + offset] == c;

    public bool TryChar(char c)
    {
        if (Peek(c))
        {
            _p++;
            return true;
        }

        return false;
    }

    public bool TryString(string s)
    {
        if (string.CompareOrdinal(_text, _p, s, 0, s.Length) == 0 && _p + s.Length <= _text.Length)
        {
            _p += s.Length;
            return true;
        }

        return false;
    }

    public bool TryWord(string word)
    {
        if (string.CompareOrdinal(_text, _p, word, 0, word.Length) == 0 && _p + word.Length <= _text.Length)
        {
            var after = _p + word.Length;
            if (after < _text.Length && (char.IsAsciiLetterOrDigit(_text[after]) || _text[after] == '_'))
            {
                return false;
            }

            _p = after;
            return true;
        }

        return false;
    }

    public bool TryWordFollowedBySpace(string word)
    {
        var after = _p + word.Length;
        if (after < _text.Length && char.IsWhiteSpace(_text[after]) && string.CompareOrdinal(_text, _p, word, 0, word.Length) == 0)
        {
            _p = after;
            return true;
        }

        return false;
    }

    public void Expect(char c)
    {
        SkipWs(true);
        if (!TryChar(c))
        {
            throw Error(AtEnd ? $"expected '{c}' but the file ended" : $"expected '{c}' but found '{_text[_p]}'");
        }
    }

    public void SkipWs(bool newlines)
    {
        while (_p < _text.Length)
        {
            var c = _text[_p];
            if (c is ' ' or '\t' or '\r' || (newlines && c == '\n'))
            {
                _p++;
            }
            else if (c == '#')
            {
                while (_p < _text.Length && _text[_p] != '\n')
                {
                    _p++;
                }
            }
            else
            {
                return;
            }
        }
    }

    public DepthScope Nest()
    {
        if (++_depth > GuardParser.MaxDepth)
        {
            throw Error($"nesting deeper than {GuardParser.MaxDepth} levels");
        }

        return new DepthScope(this);
    }

    public readonly struct DepthScope(GuardLexer lexer) : IDisposable
    {
        public void Dispose() => lexer._depth--;
    }

    public GuardPosition Position(int offset)
    {
        var (line, column) = _source.GetPosition(offset);
        return new GuardPosition(line, column);
    }

    public GuardParseException Error(string reason) => new(_path, Position(Math.Min(_p, _text.Length)), reason);
}
