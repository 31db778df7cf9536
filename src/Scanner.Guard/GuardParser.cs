using System.Globalization;

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
/// Recursive-descent parser for Guard 3.x rule files: the grammar (rules, lets, blocks, clauses, queries, literals)
/// over <see cref="GuardLexer"/>, which reads the characters (the language is whitespace- and newline-sensitive in a
/// few places, which a separate token stream would lose).
/// </summary>
public sealed class GuardParser
{
    private static readonly string[] UnaryWords = ["exists", "empty", "is_string", "is_list", "is_struct", "is_bool", "is_int", "is_float", "is_null"];

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "this", "THIS", "some", "SOME", "not", "NOT", "when", "WHEN", "let", "rule", "keys", "KEYS", "or", "OR",
    };

    /// <summary>Deeper nesting of blocks, filters or literals than this is refused (hostile files would overflow the stack).</summary>
    public const int MaxDepth = 100;

    private readonly GuardLexer _lex;
    private readonly string _path;
    private int _ruleIndex;

    private GuardParser(string path, string text)
    {
        _path = path;
        _lex = new GuardLexer(path, text);
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
            _lex.SkipWs(true);
            if (_lex.AtEnd)
            {
                break;
            }

            if (_lex.TryWord("let"))
            {
                lets.Add(ParseLetAfterKeyword());
            }
            else if (_lex.TryWord("rule"))
            {
                var position = _lex.Position(_lex.Offset);
                _lex.SkipWs(true);
                var name = _lex.Ident("a rule name");
                _lex.SkipWs(true);
                if (_lex.Peek('('))
                {
                    var parameters = ParseParameters();
                    _lex.SkipWs(true);
                    _lex.Expect('{');
                    var body = ParseBlockBody();
                    parameterized[name] = new ParameterizedRule(name, parameters, body, position);
                }
                else
                {
                    IReadOnlyList<IReadOnlyList<GuardClause>>? when = null;
                    if (_lex.TryWord("when") || _lex.TryWord("WHEN"))
                    {
                        when = ParseConjunctions(ConjunctionEnd.Brace);
                    }

                    _lex.SkipWs(true);
                    _lex.Expect('{');
                    var body = ParseBlockBody();
                    rules.Add(new GuardRule(name, when, body, position, 0));
                }
            }
            else
            {
                defaultPosition ??= _lex.Position(_lex.Offset);
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

    private List<string> ParseParameters() => ParseParenthesizedList(() => _lex.Ident("a parameter name"));

    /// <summary><c>( item, item, … )</c>, possibly empty, with whitespace and comments between the parts.</summary>
    private List<T> ParseParenthesizedList<T>(Func<T> item)
    {
        _lex.Expect('(');
        var items = new List<T>();
        _lex.SkipWs(true);
        if (_lex.TryChar(')'))
        {
            return items;
        }

        while (true)
        {
            _lex.SkipWs(true);
            items.Add(item());
            _lex.SkipWs(true);
            if (_lex.TryChar(')'))
            {
                return items;
            }

            _lex.Expect(',');
        }
    }

    private LetDeclaration ParseLetAfterKeyword()
    {
        var position = _lex.Position(_lex.Offset);
        _lex.SkipWs(true);
        var name = _lex.Ident("a variable name");
        _lex.SkipWs(true);
        if (!_lex.TryString(":=") && !_lex.TryChar('='))
        {
            throw _lex.Error("expected '=' after the variable name");
        }

        _lex.SkipWs(true);
        return new LetDeclaration(name, ParseValue(allowSome: true), position);
    }

    private GuardBlock ParseBlockBody()
    {
        using var depth = _lex.Nest();
        var lets = new List<LetDeclaration>();
        var conjunctions = new List<IReadOnlyList<GuardClause>>();
        while (true)
        {
            _lex.SkipWs(true);
            if (_lex.AtEnd)
            {
                throw _lex.Error("expected '}' to close the block");
            }

            if (_lex.TryChar('}'))
            {
                return new GuardBlock(lets, conjunctions);
            }

            if (_lex.TryWord("let"))
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
        using var depth = _lex.Nest();
        var result = new List<IReadOnlyList<GuardClause>>();
        var context = end == ConjunctionEnd.Brace ? ClauseContext.Condition : ClauseContext.Filter;
        while (true)
        {
            _lex.SkipWs(true);
            if (_lex.AtEnd)
            {
                throw _lex.Error(end == ConjunctionEnd.Brace ? "expected '{' after the conditions" : "expected ']' to close the filter");
            }

            if (end == ConjunctionEnd.Brace ? _lex.Peek('{') : _lex.Peek(']'))
            {
                if (result.Count == 0)
                {
                    throw _lex.Error("expected at least one condition");
                }

                if (end == ConjunctionEnd.Bracket)
                {
                    _lex.Offset++;
                }

                return result;
            }

            if (end == ConjunctionEnd.Bracket && _lex.TryWord("let"))
            {
                throw _lex.Error("'let' is not allowed inside a filter");
            }

            result.Add(ParseDisjunction(context));
        }
    }

    private List<GuardClause> ParseDisjunction(ClauseContext context)
    {
        var clauses = new List<GuardClause> { ParseClause(context) };
        while (true)
        {
            var save = _lex.Offset;
            _lex.SkipWs(true);
            if (_lex.TryWord("or") || _lex.TryWord("OR") || _lex.TryString("|OR|"))
            {
                _lex.SkipWs(true);
                clauses.Add(ParseClause(context));
                continue;
            }

            _lex.Offset = save;
            return clauses;
        }
    }

    private GuardClause ParseClause(ClauseContext context)
    {
        _lex.SkipWs(true);
        var start = _lex.Offset;
        var position = _lex.Position(start);
        if (context == ClauseContext.Block && (_lex.TryWord("when") || _lex.TryWord("WHEN")))
        {
            var conditions = ParseConjunctions(ConjunctionEnd.Brace);
            _lex.Expect('{');
            return new WhenBlock(conditions, ParseBlockBody(), position);
        }

        if (context == ClauseContext.Block && _lex.TypeNameAt(_lex.Offset) is { } typeLength)
        {
            var typeName = _lex.Text.Substring(_lex.Offset, typeLength);
            _lex.Offset += typeLength;
            var save = _lex.Offset;
            _lex.SkipWs(true);
            IReadOnlyList<IReadOnlyList<GuardClause>>? when = null;
            if (_lex.TryWord("when") || _lex.TryWord("WHEN"))
            {
                when = ParseConjunctions(ConjunctionEnd.Brace);
                save = _lex.Offset;
            }

            if (_lex.TryChar('{'))
            {
                return new TypeBlock(typeName, when, ParseBlockBody(), position);
            }

            _lex.Offset = save;
            var single = ParseClause(ClauseContext.Condition);
            return new TypeBlock(typeName, when, new GuardBlock([], [[single]]), position);
        }

        var negated = false;
        if (_lex.TryWordFollowedBySpace("not") || _lex.TryWordFollowedBySpace("NOT"))
        {
            negated = true;
            _lex.SkipWs(true);
        }
        else if (_lex.Peek('!') && !_lex.PeekAt(1, '='))
        {
            _lex.Offset++;
            negated = true;
            _lex.SkipWs(false);
        }

        var some = false;
        if (_lex.TryWordFollowedBySpace("some") || _lex.TryWordFollowedBySpace("SOME"))
        {
            some = true;
            _lex.SkipWs(true);
        }

        if (!some && _lex.IdentLengthAt(_lex.Offset) is var len and > 0)
        {
            var name = _lex.Text.Substring(_lex.Offset, len);
            var after = _lex.Offset + len;
            if (!Reserved.Contains(name) && after < _lex.Text.Length && _lex.Text[after] == '(')
            {
                _lex.Offset = after;
                var args = ParseArguments();
                var message = TryMessage();
                return new ParameterizedCall(name, args, message, position);
            }

            if (!Reserved.Contains(name) && IsRuleReferenceEnd(after, context))
            {
                _lex.Offset = after;
                var message = TryMessage();
                return new RuleReference(name, negated, message, position);
            }
        }

        var query = ParseQuery(!some);
        if (context != ClauseContext.Condition)
        {
            var save = _lex.Offset;
            _lex.SkipWs(true);
            if (_lex.TryChar('{'))
            {
                return new QueryBlock(query, ParseBlockBody(), position);
            }

            _lex.Offset = save;
        }

        _lex.SkipWs(false);

        var (op, opNegated) = ParseOperator() ?? throw _lex.Error("expected an operator (==, !=, in, exists, empty, …) after the query");
        LetValue? rhs = null;
        var end = _lex.Offset;
        if (op < GuardOperator.Exists)
        {
            _lex.SkipWs(true);
            rhs = ParseValue(allowSome: false);
            end = _lex.Offset;
        }

        var text = _lex.Text[start..end].Trim();
        var msg = TryMessage();
        return new AccessClause(query, op, opNegated, negated, rhs, msg, text, position);
    }

    /// <summary>A bare name is a rule reference when nothing that could continue a query or clause follows it.</summary>
    private bool IsRuleReferenceEnd(int after, ClauseContext context)
    {
        var i = after;
        while (i < _lex.Text.Length && (_lex.Text[i] == ' ' || _lex.Text[i] == '\t' || _lex.Text[i] == '\r'))
        {
            i++;
        }

        if (i >= _lex.Text.Length)
        {
            return true;
        }

        var c = _lex.Text[i];
        if (c is '\n' or '#' or '}' or ']')
        {
            return true;
        }

        if (c == '{')
        {
            return context == ClauseContext.Condition;
        }

        if (c == '<' && i + 1 < _lex.Text.Length && _lex.Text[i + 1] == '<')
        {
            return true;
        }

        if (string.CompareOrdinal(_lex.Text, i, "|OR|", 0, 4) == 0)
        {
            return true;
        }

        var word = _lex.IdentLengthAt(i);
        if (word == 2)
        {
            var w = _lex.Text.Substring(i, 2);
            return w is "or" or "OR";
        }

        return false;
    }

    private List<LetValue> ParseArguments() => ParseParenthesizedList(() => ParseValue(allowSome: true));

    private string? TryMessage()
    {
        var save = _lex.Offset;
        _lex.SkipWs(true);
        if (_lex.TryString("<<"))
        {
            var close = _lex.Text.IndexOf(">>", _lex.Offset, StringComparison.Ordinal);
            if (close < 0)
            {
                throw _lex.Error("unterminated custom message (expected '>>')");
            }

            var message = _lex.Text[_lex.Offset..close];
            _lex.Offset = close + 2;
            return message;
        }

        _lex.Offset = save;
        return null;
    }

    private (GuardOperator Op, bool Negated)? ParseOperator()
    {
        if (_lex.TryString("==")) return (GuardOperator.Eq, false);
        if (_lex.TryString("!=")) return (GuardOperator.Eq, true);
        if (_lex.TryString("<=")) return (GuardOperator.Le, false);
        if (_lex.TryString(">=")) return (GuardOperator.Ge, false);
        if (_lex.Peek('<') && !_lex.PeekAt(1, '<'))
        {
            _lex.Offset++;
            return (GuardOperator.Lt, false);
        }

        if (_lex.TryChar('>')) return (GuardOperator.Gt, false);
        var save = _lex.Offset;
        var negated = false;
        if (_lex.TryChar('!'))
        {
            negated = true;
        }
        else if (_lex.TryWordFollowedBySpace("not") || _lex.TryWordFollowedBySpace("NOT"))
        {
            negated = true;
            _lex.SkipWs(false);
        }

        if (_lex.TryWord("in") || _lex.TryWord("IN"))
        {
            return (GuardOperator.In, negated);
        }

        foreach (var word in UnaryWords)
        {
            if (_lex.TryWord(word) || _lex.TryWord(word.ToUpperInvariant()))
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

        _lex.Offset = save;
        return null;
    }

    /// <summary>A literal, a function call or a query (the right-hand side of a clause, a let, an argument).</summary>
    private LetValue ParseValue(bool allowSome)
    {
        if (_lex.AtEnd)
        {
            throw _lex.Error("expected a value");
        }

        var c = _lex.Current;
        if (c is '"' or '\'' or '/' or '[' or '{' or '-' || char.IsAsciiDigit(c) || (c == 'r' && (_lex.PeekAt(1, '[') || _lex.PeekAt(1, '('))))
        {
            return new LiteralLet(ParseLiteral());
        }

        foreach (var word in new[] { "true", "True", "false", "False", "null", "NULL" })
        {
            if (_lex.TryWord(word))
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
        if (allowSome && (_lex.TryWordFollowedBySpace("some") || _lex.TryWordFollowedBySpace("SOME")))
        {
            some = true;
            _lex.SkipWs(true);
        }

        if (!some && _lex.IdentLengthAt(_lex.Offset) is var len and > 0 && _lex.Offset + len < _lex.Text.Length && _lex.Text[_lex.Offset + len] == '(')
        {
            var position = _lex.Position(_lex.Offset);
            var name = _lex.Text.Substring(_lex.Offset, len);
            _lex.Offset += len;
            return new FunctionLet(new FunctionCall(name, ParseArguments(), position));
        }

        return new QueryLet(ParseQuery(!some));
    }

    private GuardValue ParseLiteral()
    {
        using var depth = _lex.Nest();
        _lex.SkipWs(true);
        if (_lex.AtEnd)
        {
            throw _lex.Error("expected a literal value");
        }

        var c = _lex.Current;
        switch (c)
        {
            case '"' or '\'':
                return GuardValue.String(_lex.ReadQuoted());
            case '/':
                return GuardValue.Regex(_lex.ReadRegex());
            case '[':
                {
                    _lex.Offset++;
                    var items = new List<GuardValue>();
                    _lex.SkipWs(true);
                    if (_lex.TryChar(']'))
                    {
                        return GuardValue.List(items);
                    }

                    while (true)
                    {
                        items.Add(ParseLiteral());
                        _lex.SkipWs(true);
                        if (_lex.TryChar(']'))
                        {
                            return GuardValue.List(items);
                        }

                        _lex.Expect(',');
                    }
                }

            case '{':
                {
                    _lex.Offset++;
                    var keys = new List<GuardValue>();
                    var values = new List<GuardValue>();
                    _lex.SkipWs(true);
                    if (_lex.TryChar('}'))
                    {
                        return GuardValue.Map(keys, values);
                    }

                    while (true)
                    {
                        _lex.SkipWs(true);
                        var key = _lex.Peek('"') || _lex.Peek('\'') ? _lex.ReadQuoted() : _lex.Ident("a map key");
                        _lex.SkipWs(true);
                        _lex.Expect(':');
                        keys.Add(GuardValue.String(key));
                        values.Add(ParseLiteral());
                        _lex.SkipWs(true);
                        if (_lex.TryChar('}'))
                        {
                            return GuardValue.Map(keys, values);
                        }

                        _lex.Expect(',');
                    }
                }

            case 'r' when _lex.PeekAt(1, '[') || _lex.PeekAt(1, '('):
                {
                    _lex.Offset++;
                    var lowInclusive = _lex.Current == '[';
                    _lex.Offset++;
                    _lex.SkipWs(true);
                    var low = _lex.ReadScalarLiteral();
                    _lex.SkipWs(true);
                    _lex.Expect(',');
                    _lex.SkipWs(true);
                    var high = _lex.ReadScalarLiteral();
                    _lex.SkipWs(true);
                    bool highInclusive;
                    if (_lex.TryChar(']'))
                    {
                        highInclusive = true;
                    }
                    else if (_lex.TryChar(')'))
                    {
                        highInclusive = false;
                    }
                    else
                    {
                        throw _lex.Error("expected ']' or ')' to close the range");
                    }

                    return GuardValue.Range(low, high, lowInclusive, highInclusive);
                }

            default:
                foreach (var word in new[] { "true", "True", "false", "False", "null", "NULL" })
                {
                    if (_lex.TryWord(word))
                    {
                        return word switch
                        {
                            "true" or "True" => GuardValue.Boolean(true),
                            "false" or "False" => GuardValue.Boolean(false),
                            _ => GuardValue.Null(),
                        };
                    }
                }

                return _lex.ReadScalarLiteral();
        }
    }

    private GuardQuery ParseQuery(bool matchAll)
    {
        var start = _lex.Offset;
        var parts = new List<QueryPart>();
        if (_lex.AtEnd)
        {
            throw _lex.Error("expected a query");
        }

        if (_lex.TryWord("this") || _lex.TryWord("THIS"))
        {
            parts.Add(new ThisPart());
        }
        else if (_lex.TryChar('%'))
        {
            parts.Add(new VariablePart(_lex.Ident("a variable name")));

            // cfn-guard reads `%v.rest` as `%v[*].rest`: each value of the variable is traversed on its own.
            if (_lex.Peek('.') || _lex.Peek('[') || BracketAfterSpaces() >= 0)
            {
                parts.Add(new AllIndicesPart(null));
            }
        }
        else if (_lex.Peek('"') || _lex.Peek('\''))
        {
            parts.Add(new KeyPart(_lex.ReadQuoted()));
        }
        else if (_lex.IdentLengthAt(_lex.Offset) > 0)
        {
            parts.Add(new KeyPart(_lex.Ident("a property name")));
        }
        else if (_lex.TryChar('*'))
        {
            parts.Add(new AllValuesPart(null));
        }
        else
        {
            throw _lex.Error("expected a query (a property name, %variable or this)");
        }

        while (!_lex.AtEnd)
        {
            if (_lex.Peek('.') && _lex.Offset + 1 < _lex.Text.Length)
            {
                var next = _lex.Text[_lex.Offset + 1];
                if (next == '*')
                {
                    _lex.Offset += 2;
                    parts.Add(new AllValuesPart(null));
                }
                else if (next == '%')
                {
                    _lex.Offset += 2;
                    parts.Add(new VariablePart(_lex.Ident("a variable name")));
                }
                else if (next is '"' or '\'')
                {
                    _lex.Offset++;
                    parts.Add(new KeyPart(_lex.ReadQuoted()));
                }
                else if (char.IsAsciiDigit(next) || next == '-')
                {
                    _lex.Offset++;
                    var s = _lex.Offset;
                    if (_lex.Peek('-'))
                    {
                        _lex.Offset++;
                    }

                    while (!_lex.AtEnd && char.IsAsciiDigit(_lex.Current))
                    {
                        _lex.Offset++;
                    }

                    parts.Add(new KeyPart(_lex.Text[s.._lex.Offset]));
                }
                else if (_lex.IdentLengthAt(_lex.Offset + 1) > 0)
                {
                    _lex.Offset++;
                    parts.Add(new KeyPart(_lex.Ident("a property name")));
                }
                else
                {
                    break;
                }
            }
            else if (_lex.Peek('[') || BracketAfterSpaces() is > 0)
            {
                // `Origins [ … ]`: cfn-guard accepts spaces between a key and its filter.
                _lex.Offset += BracketAfterSpaces() + 1;
                parts.Add(ParseBracketPart());
            }
            else
            {
                break;
            }
        }

        return new GuardQuery(parts, matchAll, _lex.Text[start.._lex.Offset]);
    }

    private int BracketAfterSpaces()
    {
        var i = _lex.Offset;
        while (i < _lex.Text.Length && _lex.Text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < _lex.Text.Length && _lex.Text[i] == '[' ? i - _lex.Offset : -1;
    }

    private QueryPart ParseBracketPart()
    {
        _lex.SkipWs(true);
        var save = _lex.Offset;
        if (_lex.TryChar('*'))
        {
            _lex.SkipWs(true);
            if (_lex.TryChar(']'))
            {
                return new AllIndicesPart(null);
            }

            _lex.Offset = save;
        }

        if (_lex.Peek('-') || (!_lex.AtEnd && char.IsAsciiDigit(_lex.Current)))
        {
            var s = _lex.Offset;
            if (_lex.Peek('-'))
            {
                _lex.Offset++;
            }

            while (!_lex.AtEnd && char.IsAsciiDigit(_lex.Current))
            {
                _lex.Offset++;
            }

            if (int.TryParse(_lex.Text.AsSpan(s, _lex.Offset - s), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
            {
                _lex.SkipWs(true);
                if (_lex.TryChar(']'))
                {
                    return new IndexPart(index);
                }
            }

            _lex.Offset = save;
        }

        if (_lex.Peek('"') || _lex.Peek('\''))
        {
            var key = _lex.ReadQuoted();
            _lex.SkipWs(true);
            if (_lex.TryChar(']'))
            {
                return new KeyPart(key);
            }

            _lex.Offset = save;
        }

        if (_lex.TryWord("keys") || _lex.TryWord("KEYS"))
        {
            _lex.SkipWs(false);
            var op = ParseOperator();
            if (op is { Op: GuardOperator.Eq or GuardOperator.In } keyOp)
            {
                _lex.SkipWs(true);
                var rhs = ParseValue(allowSome: false);
                _lex.SkipWs(true);
                _lex.Expect(']');
                return new KeysFilterPart(keyOp.Op, keyOp.Negated, rhs);
            }

            _lex.Offset = save;
        }

        if (_lex.IdentLengthAt(_lex.Offset) is var len and > 0)
        {
            var name = _lex.Text.Substring(_lex.Offset, len);
            _lex.Offset += len;
            _lex.SkipWs(true);
            if (_lex.TryChar(']'))
            {
                return new AllIndicesPart(name);
            }

            if (_lex.TryChar('|'))
            {
                return new FilterPart(name, ParseConjunctions(ConjunctionEnd.Bracket));
            }

            _lex.Offset = save;
        }

        return new FilterPart(null, ParseConjunctions(ConjunctionEnd.Bracket));
    }

}
