using System.Globalization;
using System.Text;

namespace Scanner.Guard;

/// <summary>A rule file that does not parse, with the file, line and column of the problem.</summary>
public sealed class GuardParseException : Exception
{
    public GuardParseException(string path, GuardPosition position, string reason)
        : base($"{path}:{position.Line}:{position.Column}: {reason}")
    {
        FilePath = path;
        Position = position;
        Reason = reason;
    }

    public GuardParseException()
    {
        FilePath = string.Empty;
        Reason = string.Empty;
    }

    public GuardParseException(string message)
        : base(message)
    {
        FilePath = string.Empty;
        Reason = message;
    }

    public GuardParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
        Reason = message;
    }

    public string FilePath { get; }

    public GuardPosition Position { get; }

    public string Reason { get; }
}

/// <summary>
/// Recursive-descent parser for Guard 3.x rule files. It reads characters directly (the language is
/// whitespace- and newline-sensitive in a few places, which a separate token stream would lose).
/// </summary>
public sealed class GuardParser
{
    private static readonly string[] UnaryWords = ["exists", "empty", "is_string", "is_list", "is_struct", "is_bool", "is_int", "is_float", "is_null"];

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "this", "THIS", "some", "SOME", "not", "NOT", "when", "WHEN", "let", "rule", "keys", "KEYS", "or", "OR",
    };

    private readonly string _text;
    private readonly string _path;
    private readonly int[] _lineStarts;
    /// <summary>Deeper nesting of blocks, filters or literals than this is refused (hostile files would overflow the stack).</summary>
    public const int MaxDepth = 100;

    private int _p;
    private int _ruleIndex;
    private int _depth;

    private GuardParser(string path, string text)
    {
        _path = path;
        _text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>Parses a rule file; throws <see cref="GuardParseException"/> with file:line:column when it is malformed.</summary>
    public static GuardRulesFile Parse(string path, string text) => new GuardParser(path, text).ParseFile();

    /// <summary>Parses a rule file, returning the error instead of throwing.</summary>
    public static GuardRulesFile? TryParse(string path, string text, out GuardParseException? error)
    {
        try
        {
            error = null;
            return Parse(path, text);
        }
        catch (GuardParseException ex)
        {
            error = ex;
            return null;
        }
    }

    private GuardRulesFile ParseFile()
    {
        var lets = new List<LetDeclaration>();
        var rules = new List<GuardRule>();
        var parameterized = new Dictionary<string, ParameterizedRule>(StringComparer.Ordinal);
        var defaults = new List<IReadOnlyList<GuardClause>>();
        GuardPosition? defaultPosition = null;
        while (true)
        {
            SkipWs(true);
            if (AtEnd)
            {
                break;
            }

            if (TryWord("let"))
            {
                lets.Add(ParseLetAfterKeyword());
            }
            else if (TryWord("rule"))
            {
                var position = Pos(_p);
                SkipWs(true);
                var name = Ident("a rule name");
                SkipWs(true);
                if (Peek('('))
                {
                    var parameters = ParseParameters();
                    SkipWs(true);
                    Expect('{');
                    var body = ParseBlockBody();
                    parameterized[name] = new ParameterizedRule(name, parameters, body, position);
                }
                else
                {
                    IReadOnlyList<IReadOnlyList<GuardClause>>? when = null;
                    if (TryWord("when") || TryWord("WHEN"))
                    {
                        when = ParseConjunctions(ConjunctionEnd.Brace);
                    }

                    SkipWs(true);
                    Expect('{');
                    var body = ParseBlockBody();
                    rules.Add(new GuardRule(name, when, body, position, 0));
                }
            }
            else
            {
                defaultPosition ??= Pos(_p);
                defaults.Add(ParseDisjunction(ClauseContext.Block));
            }
        }

        var ordered = new List<GuardRule>(rules.Count + 1);
        if (defaults.Count > 0)
        {
            ordered.Add(new GuardRule("default", null, new GuardBlock([], defaults), defaultPosition ?? new GuardPosition(1, 1), 0) { IsImplicit = true });
        }

        ordered.AddRange(rules);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i] = ordered[i] with { Index = _ruleIndex++ };
        }

        return new GuardRulesFile { Path = _path, Lets = lets, Rules = ordered, ParameterizedRules = parameterized };
    }

    private List<string> ParseParameters() => ParseParenthesizedList(() => Ident("a parameter name"));

    /// <summary><c>( item, item, … )</c>, possibly empty, with whitespace and comments between the parts.</summary>
    private List<T> ParseParenthesizedList<T>(Func<T> item)
    {
        Expect('(');
        var items = new List<T>();
        SkipWs(true);
        if (TryChar(')'))
        {
            return items;
        }

        while (true)
        {
            SkipWs(true);
            items.Add(item());
            SkipWs(true);
            if (TryChar(')'))
            {
                return items;
            }

            Expect(',');
        }
    }

    private LetDeclaration ParseLetAfterKeyword()
    {
        var position = Pos(_p);
        SkipWs(true);
        var name = Ident("a variable name");
        SkipWs(true);
        if (!TryString(":=") && !TryChar('='))
        {
            throw Error("expected '=' after the variable name");
        }

        SkipWs(true);
        return new LetDeclaration(name, ParseValue(allowSome: true), position);
    }

    private GuardBlock ParseBlockBody()
    {
        using var depth = Nest();
        var lets = new List<LetDeclaration>();
        var conjunctions = new List<IReadOnlyList<GuardClause>>();
        while (true)
        {
            SkipWs(true);
            if (AtEnd)
            {
                throw Error("expected '}' to close the block");
            }

            if (TryChar('}'))
            {
                return new GuardBlock(lets, conjunctions);
            }

            if (TryWord("let"))
            {
                lets.Add(ParseLetAfterKeyword());
                continue;
            }

            conjunctions.Add(ParseDisjunction(ClauseContext.Block));
        }
    }

    private enum ConjunctionEnd
    {
        Brace,
        Bracket,
    }

    private enum ClauseContext
    {
        Block,
        Condition,
        Filter,
    }

    private List<IReadOnlyList<GuardClause>> ParseConjunctions(ConjunctionEnd end)
    {
        using var depth = Nest();
        var result = new List<IReadOnlyList<GuardClause>>();
        var context = end == ConjunctionEnd.Brace ? ClauseContext.Condition : ClauseContext.Filter;
        while (true)
        {
            SkipWs(true);
            if (AtEnd)
            {
                throw Error(end == ConjunctionEnd.Brace ? "expected '{' after the conditions" : "expected ']' to close the filter");
            }

            if (end == ConjunctionEnd.Brace ? Peek('{') : Peek(']'))
            {
                if (result.Count == 0)
                {
                    throw Error("expected at least one condition");
                }

                if (end == ConjunctionEnd.Bracket)
                {
                    _p++;
                }

                return result;
            }

            if (end == ConjunctionEnd.Bracket && TryWord("let"))
            {
                throw Error("'let' is not allowed inside a filter");
            }

            result.Add(ParseDisjunction(context));
        }
    }

    private List<GuardClause> ParseDisjunction(ClauseContext context)
    {
        var clauses = new List<GuardClause> { ParseClause(context) };
        while (true)
        {
            var save = _p;
            SkipWs(true);
            if (TryWord("or") || TryWord("OR") || TryString("|OR|"))
            {
                SkipWs(true);
                clauses.Add(ParseClause(context));
                continue;
            }

            _p = save;
            return clauses;
        }
    }

    private GuardClause ParseClause(ClauseContext context)
    {
        SkipWs(true);
        var start = _p;
        var position = Pos(start);
        if (context == ClauseContext.Block && (TryWord("when") || TryWord("WHEN")))
        {
            var conditions = ParseConjunctions(ConjunctionEnd.Brace);
            Expect('{');
            return new WhenBlock(conditions, ParseBlockBody(), position);
        }

        if (context == ClauseContext.Block && TypeNameAt(_p) is { } typeLength)
        {
            var typeName = _text.Substring(_p, typeLength);
            _p += typeLength;
            var save = _p;
            SkipWs(true);
            IReadOnlyList<IReadOnlyList<GuardClause>>? when = null;
            if (TryWord("when") || TryWord("WHEN"))
            {
                when = ParseConjunctions(ConjunctionEnd.Brace);
                save = _p;
            }

            if (TryChar('{'))
            {
                return new TypeBlock(typeName, when, ParseBlockBody(), position);
            }

            _p = save;
            var single = ParseClause(ClauseContext.Condition);
            return new TypeBlock(typeName, when, new GuardBlock([], [[single]]), position);
        }

        var negated = false;
        if (TryWordFollowedBySpace("not") || TryWordFollowedBySpace("NOT"))
        {
            negated = true;
            SkipWs(true);
        }
        else if (Peek('!') && !PeekAt(1, '='))
        {
            _p++;
            negated = true;
            SkipWs(false);
        }

        var some = false;
        if (TryWordFollowedBySpace("some") || TryWordFollowedBySpace("SOME"))
        {
            some = true;
            SkipWs(true);
        }

        if (!some && IdentLengthAt(_p) is var len and > 0)
        {
            var name = _text.Substring(_p, len);
            var after = _p + len;
            if (!Reserved.Contains(name) && after < _text.Length && _text[after] == '(')
            {
                _p = after;
                var args = ParseArguments();
                var message = TryMessage();
                return new ParameterizedCall(name, args, message, position);
            }

            if (!Reserved.Contains(name) && IsRuleReferenceEnd(after, context))
            {
                _p = after;
                var message = TryMessage();
                return new RuleReference(name, negated, message, position);
            }
        }

        var query = ParseQuery(!some);
        if (context != ClauseContext.Condition)
        {
            var save = _p;
            SkipWs(true);
            if (TryChar('{'))
            {
                return new QueryBlock(query, ParseBlockBody(), position);
            }

            _p = save;
        }

        SkipWs(false);

        var (op, opNegated) = ParseOperator() ?? throw Error("expected an operator (==, !=, in, exists, empty, …) after the query");
        LetValue? rhs = null;
        var end = _p;
        if (op < GuardOperator.Exists)
        {
            SkipWs(true);
            rhs = ParseValue(allowSome: false);
            end = _p;
        }

        var text = _text[start..end].Trim();
        var msg = TryMessage();
        return new AccessClause(query, op, opNegated, negated, rhs, msg, text, position);
    }

    /// <summary>A bare name is a rule reference when nothing that could continue a query or clause follows it.</summary>
    private bool IsRuleReferenceEnd(int after, ClauseContext context)
    {
        var i = after;
        while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t' || _text[i] == '\r'))
        {
            i++;
        }

        if (i >= _text.Length)
        {
            return true;
        }

        var c = _text[i];
        if (c is '\n' or '#' or '}' or ']')
        {
            return true;
        }

        if (c == '{')
        {
            return context == ClauseContext.Condition;
        }

        if (c == '<' && i + 1 < _text.Length && _text[i + 1] == '<')
        {
            return true;
        }

        if (string.CompareOrdinal(_text, i, "|OR|", 0, 4) == 0)
        {
            return true;
        }

        var word = IdentLengthAt(i);
        if (word == 2)
        {
            var w = _text.Substring(i, 2);
            return w is "or" or "OR";
        }

        return false;
    }

    private List<LetValue> ParseArguments() => ParseParenthesizedList(() => ParseValue(allowSome: true));

    private string? TryMessage()
    {
        var save = _p;
        SkipWs(true);
        if (TryString("<<"))
        {
            var close = _text.IndexOf(">>", _p, StringComparison.Ordinal);
            if (close < 0)
            {
                throw Error("unterminated custom message (expected '>>')");
            }

            var message = _text[_p..close];
            _p = close + 2;
            return message;
        }

        _p = save;
        return null;
    }

    private (GuardOperator Op, bool Negated)? ParseOperator()
    {
        if (TryString("==")) return (GuardOperator.Eq, false);
        if (TryString("!=")) return (GuardOperator.Eq, true);
        if (TryString("<=")) return (GuardOperator.Le, false);
        if (TryString(">=")) return (GuardOperator.Ge, false);
        if (Peek('<') && !PeekAt(1, '<'))
        {
            _p++;
            return (GuardOperator.Lt, false);
        }

        if (TryChar('>')) return (GuardOperator.Gt, false);
        var save = _p;
        var negated = false;
        if (TryChar('!'))
        {
            negated = true;
        }
        else if (TryWordFollowedBySpace("not") || TryWordFollowedBySpace("NOT"))
        {
            negated = true;
            SkipWs(false);
        }

        if (TryWord("in") || TryWord("IN"))
        {
            return (GuardOperator.In, negated);
        }

        foreach (var word in UnaryWords)
        {
            if (TryWord(word) || TryWord(word.ToUpperInvariant()))
            {
                var op = word switch
                {
                    "exists" => GuardOperator.Exists,
                    "empty" => GuardOperator.Empty,
                    "is_string" => GuardOperator.IsString,
                    "is_list" => GuardOperator.IsList,
                    "is_struct" => GuardOperator.IsStruct,
                    "is_bool" => GuardOperator.IsBool,
                    "is_int" => GuardOperator.IsInt,
                    "is_float" => GuardOperator.IsFloat,
                    _ => GuardOperator.IsNull,
                };
                return (op, negated);
            }
        }

        _p = save;
        return null;
    }

    /// <summary>A literal, a function call or a query (the right-hand side of a clause, a let, an argument).</summary>
    private LetValue ParseValue(bool allowSome)
    {
        if (AtEnd)
        {
            throw Error("expected a value");
        }

        var c = _text[_p];
        if (c is '"' or '\'' or '/' or '[' or '{' or '-' || char.IsAsciiDigit(c) || (c == 'r' && (PeekAt(1, '[') || PeekAt(1, '('))))
        {
            return new LiteralLet(ParseLiteral());
        }

        foreach (var word in new[] { "true", "True", "false", "False", "null", "NULL" })
        {
            if (TryWord(word))
            {
                return new LiteralLet(word switch
                {
                    "true" or "True" => GuardValue.Boolean(true),
                    "false" or "False" => GuardValue.Boolean(false),
                    _ => GuardValue.Null(),
                });
            }
        }

        var some = false;
        if (allowSome && (TryWordFollowedBySpace("some") || TryWordFollowedBySpace("SOME")))
        {
            some = true;
            SkipWs(true);
        }

        if (!some && IdentLengthAt(_p) is var len and > 0 && _p + len < _text.Length && _text[_p + len] == '(')
        {
            var position = Pos(_p);
            var name = _text.Substring(_p, len);
            _p += len;
            return new FunctionLet(new FunctionCall(name, ParseArguments(), position));
        }

        return new QueryLet(ParseQuery(!some));
    }

    private GuardValue ParseLiteral()
    {
        using var depth = Nest();
        SkipWs(true);
        if (AtEnd)
        {
            throw Error("expected a literal value");
        }

        var c = _text[_p];
        switch (c)
        {
            case '"' or '\'':
                return GuardValue.String(ParseQuoted());
            case '/':
                return GuardValue.Regex(ParseRegex());
            case '[':
                {
                    _p++;
                    var items = new List<GuardValue>();
                    SkipWs(true);
                    if (TryChar(']'))
                    {
                        return GuardValue.List(items);
                    }

                    while (true)
                    {
                        items.Add(ParseLiteral());
                        SkipWs(true);
                        if (TryChar(']'))
                        {
                            return GuardValue.List(items);
                        }

                        Expect(',');
                    }
                }

            case '{':
                {
                    _p++;
                    var keys = new List<GuardValue>();
                    var values = new List<GuardValue>();
                    SkipWs(true);
                    if (TryChar('}'))
                    {
                        return GuardValue.Map(keys, values);
                    }

                    while (true)
                    {
                        SkipWs(true);
                        var key = Peek('"') || Peek('\'') ? ParseQuoted() : Ident("a map key");
                        SkipWs(true);
                        Expect(':');
                        keys.Add(GuardValue.String(key));
                        values.Add(ParseLiteral());
                        SkipWs(true);
                        if (TryChar('}'))
                        {
                            return GuardValue.Map(keys, values);
                        }

                        Expect(',');
                    }
                }

            case 'r' when PeekAt(1, '[') || PeekAt(1, '('):
                {
                    _p++;
                    var lowInclusive = _text[_p] == '[';
                    _p++;
                    SkipWs(true);
                    var low = ParseScalarLiteral();
                    SkipWs(true);
                    Expect(',');
                    SkipWs(true);
                    var high = ParseScalarLiteral();
                    SkipWs(true);
                    bool highInclusive;
                    if (TryChar(']'))
                    {
                        highInclusive = true;
                    }
                    else if (TryChar(')'))
                    {
                        highInclusive = false;
                    }
                    else
                    {
                        throw Error("expected ']' or ')' to close the range");
                    }

                    return GuardValue.Range(low, high, lowInclusive, highInclusive);
                }

            default:
                foreach (var word in new[] { "true", "True", "false", "False", "null", "NULL" })
                {
                    if (TryWord(word))
                    {
                        return word switch
                        {
                            "true" or "True" => GuardValue.Boolean(true),
                            "false" or "False" => GuardValue.Boolean(false),
                            _ => GuardValue.Null(),
                        };
                    }
                }

                return ParseScalarLiteral();
        }
    }

    private GuardValue ParseScalarLiteral()
    {
        if (Peek('"') || Peek('\''))
        {
            var s = ParseQuoted();
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

    private string ParseQuoted()
    {
        var quote = _text[_p];
        var start = _p;
        _p++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                _p = start;
                throw Error("unterminated string");
            }

            var c = _text[_p];
            if (c == '\\' && _p + 1 < _text.Length && _text[_p + 1] == quote)
            {
                sb.Append(quote);
                _p += 2;
                continue;
            }

            if (c == quote)
            {
                _p++;
                return sb.ToString();
            }

            sb.Append(c);
            _p++;
        }
    }

    private string ParseRegex()
    {
        var start = _p;
        _p++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                _p = start;
                throw Error("unterminated regular expression");
            }

            var c = _text[_p];
            if (c == '\\' && _p + 1 < _text.Length && _text[_p + 1] == '/')
            {
                sb.Append('/');
                _p += 2;
                continue;
            }

            if (c == '/')
            {
                _p++;
                var pattern = sb.ToString();
                if (GuardRegex.Validate(pattern) is { } problem)
                {
                    _p = start;
                    throw Error($"invalid regular expression: {problem}");
                }

                return pattern;
            }

            sb.Append(c);
            _p++;
        }
    }

    private GuardQuery ParseQuery(bool matchAll)
    {
        var start = _p;
        var parts = new List<QueryPart>();
        if (AtEnd)
        {
            throw Error("expected a query");
        }

        if (TryWord("this") || TryWord("THIS"))
        {
            parts.Add(new ThisPart());
        }
        else if (TryChar('%'))
        {
            parts.Add(new VariablePart(Ident("a variable name")));

            // cfn-guard reads `%v.rest` as `%v[*].rest`: each value of the variable is traversed on its own.
            if (Peek('.') || Peek('[') || BracketAfterSpaces() >= 0)
            {
                parts.Add(new AllIndicesPart(null));
            }
        }
        else if (Peek('"') || Peek('\''))
        {
            parts.Add(new KeyPart(ParseQuoted()));
        }
        else if (IdentLengthAt(_p) > 0)
        {
            parts.Add(new KeyPart(Ident("a property name")));
        }
        else if (TryChar('*'))
        {
            parts.Add(new AllValuesPart(null));
        }
        else
        {
            throw Error("expected a query (a property name, %variable or this)");
        }

        while (!AtEnd)
        {
            if (Peek('.') && _p + 1 < _text.Length)
            {
                var next = _text[_p + 1];
                if (next == '*')
                {
                    _p += 2;
                    parts.Add(new AllValuesPart(null));
                }
                else if (next == '%')
                {
                    _p += 2;
                    parts.Add(new VariablePart(Ident("a variable name")));
                }
                else if (next is '"' or '\'')
                {
                    _p++;
                    parts.Add(new KeyPart(ParseQuoted()));
                }
                else if (char.IsAsciiDigit(next) || next == '-')
                {
                    _p++;
                    var s = _p;
                    if (Peek('-'))
                    {
                        _p++;
                    }

                    while (!AtEnd && char.IsAsciiDigit(_text[_p]))
                    {
                        _p++;
                    }

                    parts.Add(new KeyPart(_text[s.._p]));
                }
                else if (IdentLengthAt(_p + 1) > 0)
                {
                    _p++;
                    parts.Add(new KeyPart(Ident("a property name")));
                }
                else
                {
                    break;
                }
            }
            else if (Peek('[') || BracketAfterSpaces() is > 0)
            {
                // `Origins [ … ]`: cfn-guard accepts spaces between a key and its filter.
                _p += BracketAfterSpaces() + 1;
                parts.Add(ParseBracketPart());
            }
            else
            {
                break;
            }
        }

        return new GuardQuery(parts, matchAll, _text[start.._p]);
    }

    private int BracketAfterSpaces()
    {
        var i = _p;
        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < _text.Length && _text[i] == '[' ? i - _p : -1;
    }

    private QueryPart ParseBracketPart()
    {
        SkipWs(true);
        var save = _p;
        if (TryChar('*'))
        {
            SkipWs(true);
            if (TryChar(']'))
            {
                return new AllIndicesPart(null);
            }

            _p = save;
        }

        if (Peek('-') || (!AtEnd && char.IsAsciiDigit(_text[_p])))
        {
            var s = _p;
            if (Peek('-'))
            {
                _p++;
            }

            while (!AtEnd && char.IsAsciiDigit(_text[_p]))
            {
                _p++;
            }

            if (int.TryParse(_text.AsSpan(s, _p - s), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
            {
                SkipWs(true);
                if (TryChar(']'))
                {
                    return new IndexPart(index);
                }
            }

            _p = save;
        }

        if (Peek('"') || Peek('\''))
        {
            var key = ParseQuoted();
            SkipWs(true);
            if (TryChar(']'))
            {
                return new KeyPart(key);
            }

            _p = save;
        }

        if (TryWord("keys") || TryWord("KEYS"))
        {
            SkipWs(false);
            var op = ParseOperator();
            if (op is { Op: GuardOperator.Eq or GuardOperator.In } keyOp)
            {
                SkipWs(true);
                var rhs = ParseValue(allowSome: false);
                SkipWs(true);
                Expect(']');
                return new KeysFilterPart(keyOp.Op, keyOp.Negated, rhs);
            }

            _p = save;
        }

        if (IdentLengthAt(_p) is var len and > 0)
        {
            var name = _text.Substring(_p, len);
            _p += len;
            SkipWs(true);
            if (TryChar(']'))
            {
                return new AllIndicesPart(name);
            }

            if (TryChar('|'))
            {
                return new FilterPart(name, ParseConjunctions(ConjunctionEnd.Bracket));
            }

            _p = save;
        }

        return new FilterPart(null, ParseConjunctions(ConjunctionEnd.Bracket));
    }

    /// <summary>Length of a resource type name (<c>AWS::S3::Bucket</c>, <c>Custom::X</c>) at <paramref name="at"/>, or null.</summary>
    private int? TypeNameAt(int at)
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

    private int IdentLengthAt(int at)
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

    private string Ident(string what)
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

    private bool AtEnd => _p >= _text.Length;

    private bool Peek(char c) => _p < _text.Length && _text[_p] == c;

    private bool PeekAt(int offset, char c) => _p + offset < _text.Length && _text[_p + offset] == c;

    private bool TryChar(char c)
    {
        if (Peek(c))
        {
            _p++;
            return true;
        }

        return false;
    }

    private bool TryString(string s)
    {
        if (string.CompareOrdinal(_text, _p, s, 0, s.Length) == 0 && _p + s.Length <= _text.Length)
        {
            _p += s.Length;
            return true;
        }

        return false;
    }

    private bool TryWord(string word)
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

    private bool TryWordFollowedBySpace(string word)
    {
        var after = _p + word.Length;
        if (after < _text.Length && char.IsWhiteSpace(_text[after]) && string.CompareOrdinal(_text, _p, word, 0, word.Length) == 0)
        {
            _p = after;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        SkipWs(true);
        if (!TryChar(c))
        {
            throw Error(AtEnd ? $"expected '{c}' but the file ended" : $"expected '{c}' but found '{_text[_p]}'");
        }
    }

    private void SkipWs(bool newlines)
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

    private DepthScope Nest()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"nesting deeper than {MaxDepth} levels");
        }

        return new DepthScope(this);
    }

    private readonly struct DepthScope(GuardParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }

    private GuardPosition Pos(int offset)
    {
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new GuardPosition(line + 1, offset - _lineStarts[line] + 1);
    }

    private GuardParseException Error(string reason) => new(_path, Pos(Math.Min(_p, _text.Length)), reason);
}
