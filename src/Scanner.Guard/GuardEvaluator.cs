using System.Globalization;

namespace Scanner.Guard;

/// <summary>A query result: a value, or how far the query got before a key, index or wildcard failed.</summary>
internal readonly record struct QueryResult(GuardValue Value, bool IsResolved, bool IsLiteral, string? Remaining, string? Reason)
{
    public static QueryResult Resolved(GuardValue value) => new(value, true, false, null, null);

    public static QueryResult Literal(GuardValue value) => new(value, true, true, null, null);

    public static QueryResult Unresolved(GuardValue traversedTo, string remaining, string reason) => new(traversedTo, false, false, remaining, reason);
}

/// <summary>Variables visible at one level (file, rule, block, filter element); lookups walk outwards.</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, LetValue>? _lets;
    private Dictionary<string, List<QueryResult>>? _values;

    public Scope(Scope? parent, GuardValue root, IReadOnlyList<LetDeclaration>? lets)
    {
        Parent = parent;
        Root = root;
        if (lets is { Count: > 0 })
        {
            _lets = new Dictionary<string, LetValue>(StringComparer.Ordinal);
            foreach (var let in lets)
            {
                _lets[let.Name] = let.Value;
            }
        }
    }

    public Scope? Parent { get; }

    public GuardValue Root { get; }

    public void Bind(string name, List<QueryResult> values) => (_values ??= new(StringComparer.Ordinal))[name] = values;

    public bool TryGetBound(string name, out List<QueryResult> values)
    {
        if (_values is not null && _values.TryGetValue(name, out var v))
        {
            values = v;
            return true;
        }

        values = null!;
        return false;
    }

    public bool TryGetLet(string name, out LetValue let)
    {
        if (_lets is not null && _lets.TryGetValue(name, out var l))
        {
            let = l;
            return true;
        }

        let = null!;
        return false;
    }
}

/// <summary>
/// Evaluates a rule file over one data document, directly on <see cref="GuardValue"/>s that keep their template
/// nodes, with cfn-guard 3.1.1's PASS/FAIL/SKIP semantics.
/// </summary>
public sealed class GuardEvaluator
{
    private readonly GuardRulesFile _file;
    private readonly GuardOptions _options;
    private readonly Scope _rootScope;
    private readonly Dictionary<int, (GuardStatus Status, List<GuardFailure> Failures)> _ruleResults = [];
    private readonly Dictionary<string, GuardStatus> _nameStatus = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GuardRule>> _rulesByName = new(StringComparer.Ordinal);
    private int _callDepth;

    /// <summary>Parameterized rules calling themselves would otherwise overflow the stack.</summary>
    public const int MaxCallDepth = 64;

    private GuardEvaluator(GuardRulesFile file, GuardValue root, GuardOptions options)
    {
        _file = file;
        _options = options;
        _rootScope = new Scope(null, root, file.Lets);
        foreach (var rule in file.Rules.Where(r => !r.IsImplicit))
        {
            if (!_rulesByName.TryGetValue(rule.Name, out var list))
            {
                _rulesByName[rule.Name] = list = [];
            }

            list.Add(rule);
        }
    }

    /// <summary>Evaluates every rule; throws <see cref="GuardEvaluationException"/> where cfn-guard aborts.</summary>
    public static GuardFileResult Evaluate(GuardRulesFile file, GuardValue root, GuardOptions? options = null)
    {
        var evaluator = new GuardEvaluator(file, root, options ?? GuardOptions.Default);
        var results = new List<GuardRuleResult>(file.Rules.Count);
        foreach (var rule in file.Rules)
        {
            var (status, failures) = evaluator.EvaluateRule(rule);
            results.Add(new GuardRuleResult(rule, status, status == GuardStatus.Fail ? failures : []));
        }

        var fileStatus = results.Any(r => r.Status == GuardStatus.Fail) ? GuardStatus.Fail
            : results.Any(r => r.Status == GuardStatus.Pass) ? GuardStatus.Pass : GuardStatus.Skip;
        return new GuardFileResult(file, fileStatus, results);
    }

    private (GuardStatus Status, List<GuardFailure> Failures) EvaluateRule(GuardRule rule)
    {
        if (_ruleResults.TryGetValue(rule.Index, out var cached))
        {
            return cached;
        }

        var scope = new Scope(_rootScope, _rootScope.Root, rule.Body.Lets);
        var failures = new List<GuardFailure>();
        GuardStatus status;
        if (rule.When is not null && EvaluateConjunctions(rule.When, scope, null) != GuardStatus.Pass)
        {
            status = GuardStatus.Skip;
        }
        else
        {
            status = EvaluateConjunctions(rule.Body.Conjunctions, scope, failures);
        }

        var result = (status, failures);
        _ruleResults[rule.Index] = result;
        return result;
    }

    /// <summary>The status of a rule name for references: the first non-SKIP status among its definitions.</summary>
    private GuardStatus RuleStatus(string name, GuardPosition position)
    {
        if (_nameStatus.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!_rulesByName.TryGetValue(name, out var rules))
        {
            throw new GuardEvaluationException($"{_file.Path}:{position}: rule '{name}' is referenced but not defined in this file.");
        }

        if (!_inProgress.Add(name))
        {
            throw new GuardEvaluationException($"{_file.Path}:{position}: rule '{name}' depends on itself.");
        }

        var status = GuardStatus.Skip;
        foreach (var rule in rules)
        {
            var s = EvaluateRule(rule).Status;
            if (s != GuardStatus.Skip)
            {
                status = s;
                break;
            }
        }

        _inProgress.Remove(name);
        _nameStatus[name] = status;
        return status;
    }

    private GuardStatus EvaluateBlock(GuardBlock block, Scope parent, GuardValue root, List<GuardFailure>? sink)
    {
        var scope = new Scope(parent, root, block.Lets);
        return EvaluateConjunctions(block.Conjunctions, scope, sink);
    }

    private GuardStatus EvaluateConjunctions(IReadOnlyList<IReadOnlyList<GuardClause>> conjunctions, Scope scope, List<GuardFailure>? sink)
    {
        var passes = 0;
        var fails = 0;
        foreach (var disjunction in conjunctions)
        {
            if (disjunction.Count == 1)
            {
                switch (EvaluateClause(disjunction[0], scope, sink))
                {
                    case GuardStatus.Pass:
                        passes++;
                        break;
                    case GuardStatus.Fail:
                        fails++;
                        break;
                    default:
                        break;
                }

                continue;
            }

            var local = sink is null ? null : new List<GuardFailure>();
            var anyFail = false;
            var passed = false;
            foreach (var clause in disjunction)
            {
                var s = EvaluateClause(clause, scope, local);
                if (s == GuardStatus.Pass)
                {
                    passed = true;
                    break;
                }

                anyFail |= s == GuardStatus.Fail;
            }

            if (passed)
            {
                passes++;
            }
            else if (anyFail)
            {
                fails++;
                sink?.AddRange(local!);
            }
        }

        return fails > 0 ? GuardStatus.Fail : passes > 0 ? GuardStatus.Pass : GuardStatus.Skip;
    }

    private GuardStatus EvaluateClause(GuardClause clause, Scope scope, List<GuardFailure>? sink)
    {
        switch (clause)
        {
            case AccessClause access:
                return access.IsUnary ? EvaluateUnary(access, scope, sink) : EvaluateBinary(access, scope, sink);

            case RuleReference reference:
                {
                    var status = RuleStatus(reference.Name, reference.Position);
                    var pass = status == GuardStatus.Pass;
                    if (reference.Negated)
                    {
                        pass = !pass;
                    }

                    if (!pass)
                    {
                        sink?.Add(new GuardFailure(null, reference.Message,
                            reference.Negated ? $"Rule {reference.Name} was expected not to pass but it did." : $"Rule {reference.Name} did not pass (it was {status.ToString().ToUpperInvariant()}).",
                            reference));
                    }

                    return pass ? GuardStatus.Pass : GuardStatus.Fail;
                }

            case ParameterizedCall call:
                {
                    if (!_file.ParameterizedRules.TryGetValue(call.Name, out var target))
                    {
                        throw new GuardEvaluationException($"{_file.Path}:{call.Position}: parameterized rule '{call.Name}' is not defined in this file.");
                    }

                    if (target.Parameters.Count != call.Arguments.Count)
                    {
                        throw new GuardEvaluationException($"{_file.Path}:{call.Position}: '{call.Name}' takes {target.Parameters.Count} argument(s) but {call.Arguments.Count} were given.");
                    }

                    // The parameters are bound in front of the caller's scope: a called rule sees its caller's variables
                    // (Control Tower rules rely on this to pass %doc down through helper rules).
                    var callScope = new Scope(scope, scope.Root, null);
                    for (var i = 0; i < target.Parameters.Count; i++)
                    {
                        callScope.Bind(target.Parameters[i], EvaluateLet(call.Arguments[i], scope));
                    }

                    if (++_callDepth > MaxCallDepth)

                    {

                        throw new GuardEvaluationException($"{_file.Path}:{call.Position}: parameterized rules call each other more than {MaxCallDepth} levels deep.");

                    }


                    var local = sink is null ? null : new List<GuardFailure>();

                    GuardStatus status;

                    try

                    {

                        status = EvaluateBlock(target.Body, callScope, scope.Root, local);

                    }

                    finally

                    {

                        _callDepth--;

                    }

                    if (status == GuardStatus.Fail && sink is not null)
                    {
                        if (call.Message is not null)
                        {
                            foreach (var f in local!)
                            {
                                sink.Add(f with { CustomMessage = string.IsNullOrWhiteSpace(f.CustomMessage) ? call.Message : f.CustomMessage + " " + call.Message });
                            }
                        }
                        else
                        {
                            sink.AddRange(local!);
                        }
                    }

                    return status;
                }

            case WhenBlock whenBlock:
                return EvaluateConjunctions(whenBlock.Conditions, scope, null) != GuardStatus.Pass
                    ? GuardStatus.Skip
                    : EvaluateBlock(whenBlock.Body, scope, scope.Root, sink);

            case TypeBlock type:
                return EvaluateTypeBlock(type, scope, sink);

            case QueryBlock block:
                return EvaluateQueryBlock(block, scope, sink);

            default:
                throw new GuardEvaluationException($"Unsupported clause {clause.GetType().Name}.");
        }
    }

    private GuardStatus EvaluateTypeBlock(TypeBlock type, Scope scope, List<GuardFailure>? sink)
    {
        if (type.When is not null && EvaluateConjunctions(type.When, scope, null) != GuardStatus.Pass)
        {
            return GuardStatus.Skip;
        }

        var resources = scope.Root.Get("Resources");
        if (resources is null || resources.Kind != GuardValueKind.Map || resources.Keys.Count == 0)
        {
            throw new GuardEvaluationException($"{_file.Path}:{type.Position}: Unable to resolve type block query for {type.TypeName}: the data has no Resources.");
        }

        var passes = 0;
        var fails = 0;
        foreach (var resource in resources.Values)
        {
            if (resource.Kind != GuardValueKind.Map || resource.Get("Type") is not { Kind: GuardValueKind.String } t || t.Text != type.TypeName)
            {
                continue;
            }

            switch (EvaluateBlock(type.Body, scope, resource, sink))
            {
                case GuardStatus.Pass:
                    passes++;
                    break;
                case GuardStatus.Fail:
                    fails++;
                    break;
                default:
                    break;
            }
        }

        return fails > 0 ? GuardStatus.Fail : passes > 0 ? GuardStatus.Pass : GuardStatus.Skip;
    }

    private GuardStatus EvaluateQueryBlock(QueryBlock block, Scope scope, List<GuardFailure>? sink)
    {
        var values = Query(block.Query, scope);
        if (values.Count == 0)
        {
            return GuardStatus.Skip;
        }

        var local = sink is null ? null : new List<GuardFailure>();
        var passes = 0;
        var fails = 0;
        foreach (var value in values)
        {
            if (!value.IsResolved)
            {
                fails++;
                local?.Add(UnresolvedFailure(value, null, null));
                continue;
            }

            switch (EvaluateBlock(block.Body, scope, value.Value, local))
            {
                case GuardStatus.Pass:
                    passes++;
                    break;
                case GuardStatus.Fail:
                    fails++;
                    break;
                default:
                    break;
            }
        }

        GuardStatus status;
        if (block.Query.MatchAll)
        {
            status = fails > 0 ? GuardStatus.Fail : passes > 0 ? GuardStatus.Pass : GuardStatus.Skip;
        }
        else
        {
            status = passes > 0 ? GuardStatus.Pass : fails > 0 ? GuardStatus.Fail : GuardStatus.Skip;
        }

        if (status == GuardStatus.Fail)
        {
            sink?.AddRange(local!);
        }

        return status;
    }

    private static GuardFailure UnresolvedFailure(QueryResult value, AccessClause? clause, string? message) =>
        new(value.Value, clause?.Message ?? message,
            $"Check was not compliant as property [{value.Remaining}] is missing. Value traversed to [Path={value.Value.Path} Value={value.Value.ToJson(200)}]{(value.Reason is null ? string.Empty : ": " + value.Reason)}.",
            clause)
        {
            RemainingQuery = value.Remaining ?? string.Empty,
            Reason = value.Reason,
        };

    private static string Truncate(string s) => s.Length > 200 ? s[..200] + "…" : s;

    private GuardStatus EvaluateUnary(AccessClause clause, Scope scope, List<GuardFailure>? sink)
    {
        var values = Query(clause.Query, scope);
        var negate = clause.OperatorNegated ^ clause.ClauseNegated;
        if (values.Count == 0)
        {
            if (clause.Operator == GuardOperator.Empty && (clause.Query.EndsInFilter || clause.Query.IsBareVariable))
            {
                var pass = !negate;
                if (!pass)
                {
                    sink?.Add(new GuardFailure(null, clause.Message, $"Check was not compliant as the query [{clause.Query.Text}] selected nothing, so it is empty.", clause));
                }

                return pass ? GuardStatus.Pass : GuardStatus.Fail;
            }

            return GuardStatus.Skip;
        }

        var passes = 0;
        var fails = 0;
        List<GuardFailure>? local = sink is null ? null : [];
        foreach (var value in values)
        {
            var holds = clause.Operator switch
            {
                GuardOperator.Exists => value.IsResolved,
                GuardOperator.Empty => !value.IsResolved || IsEmpty(value.Value, clause),
                GuardOperator.IsString => value.IsResolved && value.Value.Kind == GuardValueKind.String,
                GuardOperator.IsList => value.IsResolved && value.Value.Kind == GuardValueKind.List,
                GuardOperator.IsStruct => value.IsResolved && value.Value.Kind == GuardValueKind.Map,
                GuardOperator.IsBool => value.IsResolved && value.Value.Kind == GuardValueKind.Bool,
                GuardOperator.IsInt => value.IsResolved && value.Value.Kind == GuardValueKind.Int,
                GuardOperator.IsFloat => value.IsResolved && value.Value.Kind == GuardValueKind.Float,
                _ => value.IsResolved && value.Value.Kind == GuardValueKind.Null,
            };
            if (holds != negate)
            {
                passes++;
            }
            else
            {
                fails++;
                if (local is not null)
                {
                    local.Add(!value.IsResolved && !negate
                        ? UnresolvedFailure(value, clause, null)
                        : new GuardFailure(value.Value, clause.Message, UnaryMessage(clause, value, negate), clause));
                }
            }
        }

        var status = clause.Query.MatchAll
            ? (fails > 0 ? GuardStatus.Fail : GuardStatus.Pass)
            : (passes > 0 ? GuardStatus.Pass : GuardStatus.Fail);
        if (status == GuardStatus.Fail && local is not null)
        {
            sink!.AddRange(local);
        }

        return status;
    }

    private static string UnaryMessage(AccessClause clause, QueryResult value, bool negate)
    {
        var what = clause.Operator switch
        {
            GuardOperator.Exists => "exist",
            GuardOperator.Empty => "be empty",
            GuardOperator.IsString => "be a string",
            GuardOperator.IsList => "be a list",
            GuardOperator.IsStruct => "be a struct",
            GuardOperator.IsBool => "be a bool",
            GuardOperator.IsInt => "be an int",
            GuardOperator.IsFloat => "be a float",
            _ => "be null",
        };
        return $"Check was not compliant as property [Path={value.Value.Path} Value={value.Value.ToJson(200)}] was expected {(negate ? "not to " : "to ")}{what} ({clause.Text}).";
    }

    private bool IsEmpty(GuardValue value, AccessClause clause) => value.Kind switch
    {
        GuardValueKind.List => value.Items.Count == 0,
        GuardValueKind.Map => value.Keys.Count == 0,
        GuardValueKind.String => value.Text.Length == 0,
        GuardValueKind.Null => true,
        _ => throw new GuardEvaluationException($"{_file.Path}:{clause.Position}: 'empty' cannot be applied to the {value.TypeName} value at {value.Path}."),
    };

    private GuardStatus EvaluateBinary(AccessClause clause, Scope scope, List<GuardFailure>? sink)
    {
        var lhs = Query(clause.Query, scope);
        if (lhs.Count == 0)
        {
            return GuardStatus.Skip;
        }

        var rhsList = EvaluateLet(clause.Rhs!, scope);
        if (rhsList.Count == 0)
        {
            return GuardStatus.Skip;
        }

        var rhsIsQuery = clause.Rhs is not LiteralLet && !(rhsList.Count == 1 && rhsList[0].IsLiteral);
        var rhsUnresolved = rhsIsQuery ? rhsList.FirstOrDefault(r => !r.IsResolved) : default;
        var passes = 0;
        var fails = 0;
        List<GuardFailure>? local = sink is null ? null : [];
        foreach (var l in lhs)
        {
            bool pass;
            string? why = null;
            if (!l.IsResolved)
            {
                pass = false;
                local?.Add(UnresolvedFailure(l, clause, null));
                fails++;
                continue;
            }

            if (rhsUnresolved.Value is not null)
            {
                pass = false;
                why = $"the right-hand side [{rhsUnresolved.Remaining}] could not be resolved";
            }
            else if (!rhsIsQuery)
            {
                var result = CompareLiteral(clause.Operator, l.Value, rhsList[0].Value);
                pass = result == Cmp.NotComparable ? false : (result == Cmp.True) != clause.OperatorNegated;
                if (result == Cmp.NotComparable)
                {
                    why = $"{l.Value.TypeName} cannot be compared with {rhsList[0].Value.TypeName}";
                }
            }
            else
            {
                var result = CompareQuery(clause.Operator, l.Value, rhsList);
                var negated = clause.OperatorNegated && (clause.Operator != GuardOperator.Eq || _options.Guard32);
                pass = result == Cmp.NotComparable ? false : (result == Cmp.True) != negated;
            }

            if (pass)
            {
                passes++;
            }
            else
            {
                fails++;
                local?.Add(new GuardFailure(l.Value, clause.Message, BinaryMessage(clause, l.Value, rhsList, why), clause) { ComparedWith = rhsList[0].Value });
            }
        }

        var status = clause.Query.MatchAll
            ? (fails > 0 ? GuardStatus.Fail : GuardStatus.Pass)
            : (passes > 0 ? GuardStatus.Pass : GuardStatus.Fail);
        if (status == GuardStatus.Fail && local is not null)
        {
            sink!.AddRange(local);
        }

        return status;
    }

    private static string BinaryMessage(AccessClause clause, GuardValue lhs, List<QueryResult> rhs, string? why)
    {
        var op = clause.Operator switch
        {
            GuardOperator.Eq => clause.OperatorNegated ? "not equal to" : "equal to",
            GuardOperator.In => clause.OperatorNegated ? "not in" : "in",
            GuardOperator.Lt => "less than",
            GuardOperator.Le => "less than or equal to",
            GuardOperator.Gt => "greater than",
            _ => "greater than or equal to",
        };
        var rhsText = rhs.Count == 1 ? rhs[0].Value.ToJson(200) : "[" + string.Join(",", rhs.Take(10).Select(r => r.Value.ToJson(50))) + (rhs.Count > 10 ? ",…" : string.Empty) + "]";
        return $"Check was not compliant as property value [Path={lhs.Path} Value={lhs.ToJson(200)}] was expected to be {op} [{Truncate(rhsText)}]{(why is null ? string.Empty : " (" + why + ")")}.";
    }

    internal enum Cmp
    {
        True,
        False,
        NotComparable,
    }

    private static Cmp CompareLiteral(GuardOperator op, GuardValue l, GuardValue r)
    {
        switch (op)
        {
            case GuardOperator.Eq:
                if (r.Kind == GuardValueKind.List && r.Items.Count == 1 && l.Kind != GuardValueKind.List)
                {
                    r = r.Items[0];
                }

                if (l.Kind == GuardValueKind.List && r.Kind != GuardValueKind.List)
                {
                    if (l.Items.Count == 0)
                    {
                        return Cmp.NotComparable;
                    }

                    var all = Cmp.True;
                    foreach (var item in l.Items)
                    {
                        var c = CompareLiteral(GuardOperator.Eq, item, r);
                        if (c == Cmp.NotComparable)
                        {
                            return Cmp.NotComparable;
                        }

                        if (c == Cmp.False)
                        {
                            all = Cmp.False;
                        }
                    }

                    return all;
                }

                return Equal(l, r);

            case GuardOperator.In:
                return In(l, r);

            default:
                return Relational(op, l, r);
        }
    }

    private static Cmp In(GuardValue l, GuardValue r)
    {
        switch (r.Kind)
        {
            case GuardValueKind.List:
                if (l.Kind == GuardValueKind.List)
                {
                    foreach (var item in l.Items)
                    {
                        if (In(item, r) != Cmp.True)
                        {
                            return Cmp.False;
                        }
                    }

                    return Cmp.True;
                }

                foreach (var item in r.Items)
                {
                    if (Equal(l, item) == Cmp.True)
                    {
                        return Cmp.True;
                    }
                }

                return Cmp.False;

            case GuardValueKind.String when l.Kind == GuardValueKind.String:
                return r.Text.Contains(l.Text, StringComparison.Ordinal) ? Cmp.True : Cmp.False;

            case GuardValueKind.Range:
                return InRange(l, r);

            default:
                if (l.Kind == GuardValueKind.List)
                {
                    foreach (var item in l.Items)
                    {
                        if (Equal(item, r) != Cmp.True)
                        {
                            return Cmp.False;
                        }
                    }

                    return l.Items.Count > 0 ? Cmp.True : Cmp.False;
                }

                return Equal(l, r);
        }
    }

    private static Cmp InRange(GuardValue l, GuardValue r)
    {
        var low = r.RangeLow!;
        var high = r.RangeHigh!;
        int? lowCmp = Order(l, low);
        int? highCmp = Order(l, high);
        if (lowCmp is null || highCmp is null)
        {
            return Cmp.NotComparable;
        }

        var ok = (r.LowInclusive ? lowCmp >= 0 : lowCmp > 0) && (r.HighInclusive ? highCmp <= 0 : highCmp < 0);
        return ok ? Cmp.True : Cmp.False;
    }

    private static int? Order(GuardValue a, GuardValue b) => (a.Kind, b.Kind) switch
    {
        (GuardValueKind.Int, GuardValueKind.Int) => a.Int.CompareTo(b.Int),
        (GuardValueKind.Float, GuardValueKind.Float) => a.Float.CompareTo(b.Float),
        (GuardValueKind.Int, GuardValueKind.Float) => ((double)a.Int).CompareTo(b.Float),
        (GuardValueKind.Float, GuardValueKind.Int) => a.Float.CompareTo(b.Int),
        (GuardValueKind.String, GuardValueKind.String) or (GuardValueKind.Char, GuardValueKind.Char) => Math.Sign(string.CompareOrdinal(a.Text, b.Text)),
        _ => null,
    };

    private static Cmp Relational(GuardOperator op, GuardValue l, GuardValue r)
    {
        int c;
        switch (l.Kind, r.Kind)
        {
            case (GuardValueKind.Int, GuardValueKind.Int):
                c = l.Int.CompareTo(r.Int);
                break;
            case (GuardValueKind.Float, GuardValueKind.Float):
                c = l.Float.CompareTo(r.Float);
                break;
            case (GuardValueKind.String, GuardValueKind.String) or (GuardValueKind.Char, GuardValueKind.Char):
                c = string.CompareOrdinal(l.Text, r.Text);
                break;
            case (GuardValueKind.List, _) when r.Kind != GuardValueKind.List:
                {
                    if (l.Items.Count == 0)
                    {
                        return Cmp.NotComparable;
                    }

                    foreach (var item in l.Items)
                    {
                        var each = Relational(op, item, r);
                        if (each != Cmp.True)
                        {
                            return each;
                        }
                    }

                    return Cmp.True;
                }

            default:
                return Cmp.NotComparable;
        }

        var ok = op switch
        {
            GuardOperator.Lt => c < 0,
            GuardOperator.Le => c <= 0,
            GuardOperator.Gt => c > 0,
            _ => c >= 0,
        };
        return ok ? Cmp.True : Cmp.False;
    }

    internal static Cmp Equal(GuardValue l, GuardValue r)
    {
        if (r.Kind == GuardValueKind.Regex)
        {
            return l.Kind == GuardValueKind.String ? (GuardRegex.IsMatch(r.Text, l.Text) ? Cmp.True : Cmp.False) : Cmp.NotComparable;
        }

        if (l.Kind == GuardValueKind.Regex)
        {
            return r.Kind == GuardValueKind.String ? (GuardRegex.IsMatch(l.Text, r.Text) ? Cmp.True : Cmp.False) : Cmp.NotComparable;
        }

        if (r.Kind == GuardValueKind.Range)
        {
            return InRange(l, r);
        }

        switch (l.Kind, r.Kind)
        {
            case (GuardValueKind.String, GuardValueKind.String):
            case (GuardValueKind.Char, GuardValueKind.Char):
            case (GuardValueKind.String, GuardValueKind.Char):
            case (GuardValueKind.Char, GuardValueKind.String):
                return string.Equals(l.Text, r.Text, StringComparison.Ordinal) ? Cmp.True : Cmp.False;
            case (GuardValueKind.Int, GuardValueKind.Int):
                return l.Int == r.Int ? Cmp.True : Cmp.False;
            case (GuardValueKind.Float, GuardValueKind.Float):
                return l.Float.Equals(r.Float) ? Cmp.True : Cmp.False;
            case (GuardValueKind.Bool, GuardValueKind.Bool):
                return l.Bool == r.Bool ? Cmp.True : Cmp.False;
            case (GuardValueKind.Null, GuardValueKind.Null):
                return Cmp.True;
            case (GuardValueKind.List, GuardValueKind.List):
                if (l.Items.Count != r.Items.Count)
                {
                    return Cmp.False;
                }

                for (var i = 0; i < l.Items.Count; i++)
                {
                    if (Equal(l.Items[i], r.Items[i]) != Cmp.True)
                    {
                        return Cmp.False;
                    }
                }

                return Cmp.True;
            case (GuardValueKind.Map, GuardValueKind.Map):
                if (l.Keys.Count != r.Keys.Count)
                {
                    return Cmp.False;
                }

                for (var i = 0; i < l.Keys.Count; i++)
                {
                    if (r.Get(l.Keys[i].Text) is not { } other || Equal(l.Values[i], other) != Cmp.True)
                    {
                        return Cmp.False;
                    }
                }

                return Cmp.True;
            default:
                return Cmp.NotComparable;
        }
    }

    private static Cmp CompareQuery(GuardOperator op, GuardValue l, List<QueryResult> rhs)
    {
        switch (op)
        {
            case GuardOperator.Eq:
                foreach (var r in rhs)
                {
                    if (Equal(l, r.Value) == Cmp.True)
                    {
                        return Cmp.True;
                    }
                }

                return Cmp.False;

            case GuardOperator.In:
                {
                    var items = rhs.SelectMany(r => r.Value.Kind == GuardValueKind.List ? r.Value.Items : [r.Value]).ToList();
                    var set = GuardValue.List(items);
                    return In(l, set);
                }

            default:
                foreach (var r in rhs)
                {
                    var c = Relational(op, l, r.Value);
                    if (c != Cmp.True)
                    {
                        return c;
                    }
                }

                return Cmp.True;
        }
    }

    // ---- variables and values ----

    internal List<QueryResult> EvaluateLet(LetValue value, Scope scope) => value switch
    {
        LiteralLet literal => [QueryResult.Literal(literal.Value)],
        QueryLet query => query.Query.MatchAll ? Query(query.Query, scope) : Query(query.Query, scope).FindAll(r => r.IsResolved),
        FunctionLet function => GuardFunctions.Call(function.Call, args => args.Select(a => EvaluateLet(a, scope)).ToList(), _file.Path),
        _ => [],
    };

    private List<QueryResult> ResolveVariable(string name, Scope scope)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.TryGetBound(name, out var bound))
            {
                return bound;
            }

            if (s.TryGetLet(name, out var let))
            {
                var values = EvaluateLet(let, s);
                s.Bind(name, values);
                return values;
            }
        }

        throw new GuardEvaluationException($"{_file.Path}: Could not resolve variable %{name}.");
    }

    private List<QueryResult> Query(GuardQuery query, Scope scope)
    {
        return Retrieve(0, query.Parts, scope.Root, scope, null);
    }

    private List<QueryResult> Retrieve(int index, IReadOnlyList<QueryPart> parts, GuardValue current, Scope scope, Func<string, string>? converter)
    {
        if (index >= parts.Count)
        {
            return [QueryResult.Resolved(current)];
        }

        if (index == 0 && parts[0] is VariablePart head)
        {
            var retrieved = ResolveVariable(head.Name, scope);
            var next = parts.Count > 1 && parts[1] is AllIndicesPart ? 2 : 1;
            var resolved = new List<QueryResult>(retrieved.Count);
            foreach (var each in retrieved)
            {
                if (!each.IsResolved || next >= parts.Count)
                {
                    resolved.Add(each);
                    continue;
                }

                resolved.AddRange(Retrieve(next, parts, each.Value, scope, converter));
            }

            return resolved;
        }

        var part = parts[index];
        switch (part)
        {
            case ThisPart:
                return Retrieve(index + 1, parts, current, scope, converter);

            case KeyPart key:
                {
                    if (int.TryParse(key.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var idx))
                    {
                        return current.Kind == GuardValueKind.List
                            ? RetrieveIndex(index, parts, current, idx, scope, converter)
                            : [Unresolved(current, parts, index, $"Attempting to retrieve from index {idx} but type is not an array at path {current.Path}")];
                    }

                    if (current.Kind != GuardValueKind.Map)
                    {
                        return [Unresolved(current, parts, index, $"Attempting to retrieve from key {key.Key} but type is not an struct type at path {current.Path}, Type = {current.TypeName}")];
                    }

                    if (current.Get(key.Key) is { } found)
                    {
                        return Retrieve(index + 1, parts, found, scope, converter);
                    }

                    if (converter is not null)
                    {
                        if (current.Get(converter(key.Key)) is { } converted)
                        {
                            return Retrieve(index + 1, parts, converted, scope, converter);
                        }
                    }
                    else
                    {
                        var variants = KeyCase.Variants(key.Key);
                        for (var c = 0; c < variants.Length; c++)
                        {
                            if (current.Get(variants[c]) is { } converted)
                            {
                                return Retrieve(index + 1, parts, converted, scope, KeyCase.Converters[c]);
                            }
                        }
                    }

                    return [Unresolved(current, parts, index, $"Could not find key {key.Key} inside struct at path {current.Path}")];
                }

            case VariablePart interpolated:
                return RetrieveInterpolated(index, parts, current, interpolated.Name, scope, converter);

            case IndexPart ix:
                return current.Kind == GuardValueKind.List
                    ? RetrieveIndex(index, parts, current, ix.Index, scope, converter)
                    : [Unresolved(current, parts, index, $"Attempting to retrieve from index {ix.Index} but type is not an array at path {current.Path}")];

            case AllIndicesPart all:
                if (current.Kind == GuardValueKind.List)
                {
                    return EachItem(index, parts, current, current.Items, scope, converter);
                }

                if (current.Kind == GuardValueKind.Map && all.Capture is not null)
                {
                    return EachItem(index, parts, current, current.Values, scope, converter);
                }

                return Retrieve(index + 1, parts, current, scope, converter);

            case AllValuesPart:
                return current.Kind switch
                {
                    GuardValueKind.List => EachItem(index, parts, current, current.Items, scope, converter),
                    GuardValueKind.Map => EachItem(index, parts, current, current.Values, scope, converter),
                    _ => Retrieve(index + 1, parts, current, scope, converter),
                };

            case FilterPart filter:
                return RetrieveFiltered(index, parts, current, filter, scope, converter);

            case KeysFilterPart keys:
                {
                    if (current.Kind != GuardValueKind.Map)
                    {
                        return [Unresolved(current, parts, index, $"Attempting to filter keys but type is not a struct at path {current.Path}")];
                    }

                    var rhs = EvaluateLet(keys.Rhs, scope);
                    var selected = new List<QueryResult>();
                    if (rhs.Count == 0)
                    {
                        return selected;
                    }

                    var rhsValue = rhs.Count == 1 ? rhs[0].Value : GuardValue.List(rhs.Where(r => r.IsResolved).Select(r => r.Value).ToList());
                    for (var i = 0; i < current.Keys.Count; i++)
                    {
                        var c = keys.Operator == GuardOperator.In ? In(current.Keys[i], rhsValue) : CompareLiteral(GuardOperator.Eq, current.Keys[i], rhsValue);
                        if (c != Cmp.NotComparable && (c == Cmp.True) != keys.Negated)
                        {
                            selected.AddRange(Retrieve(index + 1, parts, current.Values[i], scope, converter));
                        }
                    }

                    return selected;
                }

            default:
                throw new GuardEvaluationException($"Unsupported query part {part}.");
        }
    }

    private List<QueryResult> RetrieveInterpolated(int index, IReadOnlyList<QueryPart> parts, GuardValue current, string name, Scope scope, Func<string, string>? converter)
    {
        if (current.Kind != GuardValueKind.Map)
        {
            return [Unresolved(current, parts, index, $"Attempting to retrieve from key %{name} but type is not an struct type at path {current.Path}")];
        }

        var keys = ResolveVariable(name, scope);
        var next = index + 1;
        if (next < parts.Count && parts[next] is IndexPart ix)
        {
            var at = Math.Abs(ix.Index);
            if (at >= keys.Count)
            {
                return [Unresolved(current, parts, index, $"Index {ix.Index} on the values of variable {name} is out of bounds")];
            }

            keys = [keys[at]];
            next++;
        }

        var acc = new List<QueryResult>(keys.Count);
        foreach (var key in keys)
        {
            if (!key.IsResolved)
            {
                acc.Add(Unresolved(current, parts, index, $"Keys returned for variable {name} could not completely resolve"));
                continue;
            }

            IEnumerable<GuardValue> names = key.Value.Kind switch
            {
                GuardValueKind.String => [key.Value],
                GuardValueKind.List => key.Value.Items,
                _ => throw new GuardEvaluationException($"{_file.Path}: variable %{name} used as a key must hold strings, not {key.Value.TypeName}."),
            };
            foreach (var n in names)
            {
                if (n.Kind != GuardValueKind.String)
                {
                    throw new GuardEvaluationException($"{_file.Path}: variable %{name} used as a key must hold strings, not {n.TypeName}.");
                }

                if (current.Get(n.Text) is { } found)
                {
                    acc.AddRange(Retrieve(next, parts, found, scope, converter));
                }
                else
                {
                    acc.Add(Unresolved(current, parts, index, $"Could not locate key = {n.Text} inside struct at path = {current.Path}"));
                }
            }
        }

        return acc;
    }

    private List<QueryResult> RetrieveIndex(int index, IReadOnlyList<QueryPart> parts, GuardValue list, int idx, Scope scope, Func<string, string>? converter)
    {
        var at = Math.Abs(idx);
        return at < list.Items.Count
            ? Retrieve(index + 1, parts, list.Items[at], scope, converter)
            : [Unresolved(list, parts, index, $"Array Index out of bounds for path = {list.Path} on index = {idx} inside Array = {list.Items.Count} elements")];
    }

    private List<QueryResult> EachItem(int index, IReadOnlyList<QueryPart> parts, GuardValue container, IReadOnlyList<GuardValue> items, Scope scope, Func<string, string>? converter)
    {
        if (items.Count == 0)
        {
            return [Unresolved(container, parts, index, $"No entries in the {(container.Kind == GuardValueKind.List ? "array" : "struct")} at path {container.Path}")];
        }

        var acc = new List<QueryResult>(items.Count);
        foreach (var item in items)
        {
            acc.AddRange(Retrieve(index + 1, parts, item, scope, converter));
        }

        return acc;
    }

    private List<QueryResult> RetrieveFiltered(int index, IReadOnlyList<QueryPart> parts, GuardValue current, FilterPart filter, Scope scope, Func<string, string>? converter)
    {
        var previous = index > 0 ? parts[index - 1] : null;
        var afterWildcard = previous is AllValuesPart or AllIndicesPart;
        switch (current.Kind)
        {
            case GuardValueKind.Map when afterWildcard:
                return Selects(filter, current, scope) ? Retrieve(index + 1, parts, current, scope, converter) : [];
            case GuardValueKind.Map or GuardValueKind.List:
                {
                    // A filter on a map selects among its values, on a list among its items.
                    var acc = new List<QueryResult>();
                    foreach (var value in current.Kind == GuardValueKind.Map ? current.Values : current.Items)
                    {
                        if (Selects(filter, value, scope))
                        {
                            acc.AddRange(Retrieve(index + 1, parts, value, scope, converter));
                        }
                    }

                    return acc;
                }

            default:
                if (afterWildcard)
                {
                    return Selects(filter, current, scope) ? Retrieve(index + 1, parts, current, scope, converter) : [];
                }

                return [Unresolved(current, parts, index, $"Filter on value type that was not a struct or array {current.TypeName} {current.Path}")];
        }
    }

    private bool Selects(FilterPart filter, GuardValue value, Scope scope)
    {
        var elementScope = new Scope(scope, value, null);
        return EvaluateConjunctions(filter.Conjunctions, elementScope, null) == GuardStatus.Pass;
    }

    private static QueryResult Unresolved(GuardValue traversedTo, IReadOnlyList<QueryPart> parts, int index, string reason) =>
        QueryResult.Unresolved(traversedTo, RemainingText(parts, index), reason);

    private static string RemainingText(IReadOnlyList<QueryPart> parts, int index)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = index; i < parts.Count; i++)
        {
            if (sb.Length > 0 && parts[i] is KeyPart or VariablePart or AllValuesPart)
            {
                sb.Append('.');
            }

            sb.Append(parts[i] switch
            {
                KeyPart k => k.Key,
                VariablePart v => "%" + v.Name,
                IndexPart ix => "[" + ix.Index.ToString(CultureInfo.InvariantCulture) + "]",
                AllValuesPart => "*",
                AllIndicesPart => "[*]",
                ThisPart => "this",
                _ => "[filter]",
            });
        }

        return sb.ToString();
    }
}
