namespace Scanner.Guard;

/// <summary>
/// Evaluates a rule file over one data document, directly on <see cref="GuardValue"/>s that keep their template
/// nodes, with cfn-guard 3.1.1's PASS/FAIL/SKIP semantics.
/// </summary>
public sealed partial class GuardEvaluator
{
    private readonly GuardRulesFile _file;
    private readonly GuardOptions _options;
    private readonly Scope _rootScope;
    private readonly (GuardStatus Status, List<GuardFailure> Failures)?[] _ruleResults;
    private readonly Stack<List<QueryResult>> _pool;
    private Dictionary<string, GuardStatus>? _nameStatus;
    private HashSet<string>? _inProgress;
    private int _callDepth;

    /// <summary>Lists for query results that live only while one clause is evaluated, reused by each thread's evaluations.</summary>
    [ThreadStatic]
    private static Stack<List<QueryResult>>? t_pool;

    /// <summary>Parameterized rules calling themselves would otherwise overflow the stack.</summary>
    public const int MaxCallDepth = 64;

    private GuardEvaluator(GuardRulesFile file, GuardValue root, GuardOptions options)
    {
        _file = file;
        _options = options;
        _rootScope = new Scope(null, root, file.Lets);
        var slots = 0;
        for (var i = 0; i < file.Rules.Count; i++)
        {
            slots = Math.Max(slots, file.Rules[i].Index + 1);
        }

        _ruleResults = new (GuardStatus, List<GuardFailure>)?[slots];
        _pool = t_pool ??= new Stack<List<QueryResult>>();
    }

    private List<QueryResult> Rent() => _pool.TryPop(out var list) ? list : [];

    private void Return(List<QueryResult> list)
    {
        // Keep a bounded number of modest lists: a rare huge result should not stay allocated for the thread's life.
        if (list.Capacity <= 4096 && _pool.Count < 64)
        {
            list.Clear();
            _pool.Push(list);
        }
    }

    /// <summary>Evaluates every rule; throws <see cref="GuardEvaluationException"/> where cfn-guard aborts.</summary>
    public static GuardFileResult Evaluate(GuardRulesFile file, GuardValue root, GuardOptions? options = null)
    {
        var evaluator = new GuardEvaluator(file, root, options ?? GuardOptions.Default);
        var results = new GuardRuleResult[file.Rules.Count];
        var anyPass = false;
        var anyFail = false;
        for (var i = 0; i < results.Length; i++)
        {
            var rule = file.Rules[i];
            var (status, failures) = evaluator.EvaluateRule(rule);
            anyPass |= status == GuardStatus.Pass;
            anyFail |= status == GuardStatus.Fail;
            results[i] = new GuardRuleResult(rule, status, status == GuardStatus.Fail ? failures : []);
        }

        var fileStatus = anyFail ? GuardStatus.Fail : anyPass ? GuardStatus.Pass : GuardStatus.Skip;
        return new GuardFileResult(file, fileStatus, results);
    }

    private (GuardStatus Status, List<GuardFailure> Failures) EvaluateRule(GuardRule rule)
    {
        if (_ruleResults[rule.Index] is { } cached)
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
        if (_nameStatus is not null && _nameStatus.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!_file.RulesByName.TryGetValue(name, out var rules))
        {
            throw new GuardEvaluationException($"{_file.Path}:{position}: rule '{name}' is referenced but not defined in this file.");
        }

        _inProgress ??= new HashSet<string>(StringComparer.Ordinal);
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
        (_nameStatus ??= new Dictionary<string, GuardStatus>(StringComparer.Ordinal))[name] = status;
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
        for (var d = 0; d < conjunctions.Count; d++)
        {
            var disjunction = conjunctions[d];
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
            for (var c = 0; c < disjunction.Count; c++)
            {
                var s = EvaluateClause(disjunction[c], scope, local);
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
        for (var i = 0; i < resources.Values.Count; i++)
        {
            var resource = resources.Values[i];
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
        var values = Rent();
        Query(block.Query, scope, values);
        if (values.Count == 0)
        {
            Return(values);
            return GuardStatus.Skip;
        }

        List<GuardFailure>? local = null;
        var passes = 0;
        var fails = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (!value.IsResolved)
            {
                fails++;
                if (sink is not null)
                {
                    (local ??= []).Add(GuardMessages.UnresolvedFailure(value, null, null));
                }

                continue;
            }

            if (sink is not null)
            {
                local ??= [];
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

        Return(values);
        GuardStatus status;
        if (block.Query.MatchAll)
        {
            status = fails > 0 ? GuardStatus.Fail : passes > 0 ? GuardStatus.Pass : GuardStatus.Skip;
        }
        else
        {
            status = passes > 0 ? GuardStatus.Pass : fails > 0 ? GuardStatus.Fail : GuardStatus.Skip;
        }

        if (status == GuardStatus.Fail && local is not null)
        {
            sink!.AddRange(local);
        }

        return status;
    }

    private GuardStatus EvaluateUnary(AccessClause clause, Scope scope, List<GuardFailure>? sink)
    {
        var values = Rent();
        Query(clause.Query, scope, values);
        var negate = clause.OperatorNegated ^ clause.ClauseNegated;
        if (values.Count == 0)
        {
            Return(values);
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
        List<GuardFailure>? local = null;
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
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
                if (sink is not null)
                {
                    (local ??= []).Add(!value.IsResolved && !negate
                        ? GuardMessages.UnresolvedFailure(value, clause, null)
                        : new GuardFailure(value.Value, clause.Message, GuardMessages.UnaryMessage(clause, value, negate), clause));
                }
            }
        }

        Return(values);
        var status = clause.Query.MatchAll
            ? (fails > 0 ? GuardStatus.Fail : GuardStatus.Pass)
            : (passes > 0 ? GuardStatus.Pass : GuardStatus.Fail);
        if (status == GuardStatus.Fail && local is not null)
        {
            sink!.AddRange(local);
        }

        return status;
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
        var lhs = Rent();
        Query(clause.Query, scope, lhs);
        if (lhs.Count == 0)
        {
            Return(lhs);
            return GuardStatus.Skip;
        }

        // The right-hand side: one literal value (written in the clause, or a variable holding one), or the results
        // of a query (each left value is compared with all of them).
        List<QueryResult>? rhsList = null;
        GuardValue rhsLiteral;
        if (clause.Rhs is LiteralLet literal)
        {
            rhsLiteral = literal.Value;
        }
        else
        {
            rhsList = EvaluateLet(clause.Rhs!, scope);
            if (rhsList.Count == 0)
            {
                Return(lhs);
                return GuardStatus.Skip;
            }

            rhsLiteral = rhsList[0].Value;
            if (rhsList.Count == 1 && rhsList[0].IsLiteral)
            {
                rhsList = null;
            }
        }

        QueryResult rhsUnresolved = default;
        if (rhsList is not null)
        {
            for (var i = 0; i < rhsList.Count; i++)
            {
                if (!rhsList[i].IsResolved)
                {
                    rhsUnresolved = rhsList[i];
                    break;
                }
            }
        }

        var passes = 0;
        var fails = 0;
        List<GuardFailure>? local = null;
        for (var i = 0; i < lhs.Count; i++)
        {
            var l = lhs[i];
            bool pass;
            string? why = null;
            if (!l.IsResolved)
            {
                if (sink is not null)
                {
                    (local ??= []).Add(GuardMessages.UnresolvedFailure(l, clause, null));
                }

                fails++;
                continue;
            }

            if (rhsUnresolved.Value is not null)
            {
                pass = false;
                why = $"the right-hand side [{rhsUnresolved.Remaining}] could not be resolved";
            }
            else if (rhsList is null)
            {
                var result = GuardComparison.CompareLiteral(clause.Operator, l.Value, rhsLiteral);
                pass = result == GuardComparison.Cmp.NotComparable ? false : (result == GuardComparison.Cmp.True) != clause.OperatorNegated;
                if (result == GuardComparison.Cmp.NotComparable)
                {
                    why = $"{l.Value.TypeName} cannot be compared with {rhsLiteral.TypeName}";
                }
            }
            else
            {
                var result = GuardComparison.CompareQuery(clause.Operator, l.Value, rhsList);
                var negated = clause.OperatorNegated && (clause.Operator != GuardOperator.Eq || _options.Guard32);
                pass = result == GuardComparison.Cmp.NotComparable ? false : (result == GuardComparison.Cmp.True) != negated;
            }

            if (pass)
            {
                passes++;
            }
            else
            {
                fails++;
                if (sink is not null)
                {
                    var message = rhsList is null
                        ? GuardMessages.BinaryMessage(clause, l.Value, rhsLiteral, why)
                        : GuardMessages.BinaryMessage(clause, l.Value, rhsList, why);
                    (local ??= []).Add(new GuardFailure(l.Value, clause.Message, message, clause) { ComparedWith = rhsLiteral });
                }
            }
        }

        Return(lhs);
        var status = clause.Query.MatchAll
            ? (fails > 0 ? GuardStatus.Fail : GuardStatus.Pass)
            : (passes > 0 ? GuardStatus.Pass : GuardStatus.Fail);
        if (status == GuardStatus.Fail && local is not null)
        {
            sink!.AddRange(local);
        }

        return status;
    }
}
