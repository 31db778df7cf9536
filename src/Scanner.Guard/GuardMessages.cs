namespace Scanner.Guard;

/// <summary>The texts of Guard failures, worded as cfn-guard 3.1.1 words them (values shown at most 200 characters).</summary>
internal static class GuardMessages
{
    internal static GuardFailure UnresolvedFailure(QueryResult value, AccessClause? clause, string? message) =>
        new(value.Value, clause?.Message ?? message,
            $"Check was not compliant as property [{value.Remaining}] is missing. Value traversed to [Path={value.Value.Path} Value={value.Value.ToJson(200)}]{(value.Reason is null ? string.Empty : ": " + value.Reason)}.",
            clause)
        {
            RemainingQuery = value.Remaining ?? string.Empty,
            Reason = value.Reason,
        };

    private static string Truncate(string s) => s.Length > 200 ? s[..200] + "…" : s;

    internal static string UnaryMessage(AccessClause clause, QueryResult value, bool negate)
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

    internal static string BinaryMessage(AccessClause clause, GuardValue lhs, List<QueryResult> rhs, string? why) =>
        BinaryMessage(clause, lhs, rhs.Count == 1 ? rhs[0].Value.ToJson(200) : "[" + string.Join(",", rhs.Take(10).Select(r => r.Value.ToJson(50))) + (rhs.Count > 10 ? ",…" : string.Empty) + "]", why);

    internal static string BinaryMessage(AccessClause clause, GuardValue lhs, GuardValue rhs, string? why) =>
        BinaryMessage(clause, lhs, rhs.ToJson(200), why);

    private static string BinaryMessage(AccessClause clause, GuardValue lhs, string rhsText, string? why)
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
        return $"Check was not compliant as property value [Path={lhs.Path} Value={lhs.ToJson(200)}] was expected to be {op} [{Truncate(rhsText)}]{(why is null ? string.Empty : " (" + why + ")")}.";
    }
}
