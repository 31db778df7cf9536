using Scanner.Core.Diagnostics;
using Scanner.Iam;
using Scanner.Iam.Permissions;

namespace Scanner.Rules.IamPermissions;

/// <summary>How a condition on a key that is never present turns out, which decides how bad a mistaken key is.</summary>
internal static class AbsentKeyEffect
{
    /// <summary>
    /// True when a clause on a key the request never carries makes the statement apply more than meant: the key is
    /// absent, so a positive clause is false and a Deny never applies; a negated, IfExists or Null clause is true and an
    /// Allow always applies.
    /// </summary>
    public static bool Widens(PolicyStatement statement, ConditionClause clause) =>
        statement.IsDeny || clause.Operator.IsNegated || clause.Operator.IfExists || clause.Operator.Family == ConditionFamily.Null;

    /// <summary>What the absent key does to the statement, for messages.</summary>
    public static string Describe(PolicyStatement statement, ConditionClause clause)
    {
        var alwaysTrue = clause.Operator.IsNegated || clause.Operator.IfExists
            || (clause.Operator.Family == ConditionFamily.Null && clause.Values.Any(v => v.Value.AsBoolean == true));
        return (statement.IsDeny, alwaysTrue) switch
        {
            (true, false) => "the clause is never true and the Deny protects nothing",
            (true, true) => "the clause is always true and the Deny applies to every request",
            (false, true) => "the clause is always true and restricts nothing",
            _ => "the clause is never true and the statement grants nothing",
        };
    }
}

/// <summary>IAM003: a condition key that no service and no global key list defines.</summary>
public sealed class UnknownConditionKey : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM003",
        "Unknown IAM condition key",
        "'{0}' is not a condition key.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "A condition key that is neither global (aws:SourceIp, aws:PrincipalTag/${TagKey}) nor defined by a service (s3:prefix, ec2:ResourceTag/${TagKey}) nor a claim of an identity provider is never present in a request: a positive clause on it is never true and a negated or IfExists clause always is. Keys are compared ignoring case, and tag-key patterns match any tag. Reported as a failure (HIGH) when it guards a Deny (which then protects nothing), a negated clause, an IfExists clause or a Null check (which then restrict nothing); as a warning elsewhere. Keys newer than the data are declared with iam_extra_condition_keys.",
        "Use the key the message suggests, or one from the service's condition keys table; declare keys newer than the data with --rule-arguments iam_extra_condition_keys=svc:Key.",
        raisedWhereAccessWidens: true,
        arguments: [IamPermissionSupport.ExtraConditionKeys]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(IamPolicyScope scope)
    {
        foreach (var statement in scope.Document.Statements)
        {
            foreach (var clause in statement.Clauses)
            {
                if (scope.Keys.Lookup(clause.Key) is not { Status: ConditionKeyStatus.Unknown } lookup)
                {
                    continue;
                }

                var hint = lookup.Suggestion is { } s ? $" (did you mean '{s}'?)" : string.Empty;
                var widens = AbsentKeyEffect.Widens(statement, clause);
                var descriptor = widens ? IamPermissionSupport.At(Rule, RuleLevel.Failure, SecuritySeverity.High) : Rule;
                scope.Report(descriptor, clause.KeyNode, $"'{clause.Key}' is not a condition key{hint}: no request carries it, so {AbsentKeyEffect.Describe(statement, clause)}{IamPermissionSupport.Qualifier(statement, conditions: false)}.", clause.Scenario);
            }
        }
    }
}

/// <summary>IAM004: a service condition key that none of the statement's actions supports.</summary>
public sealed class ConditionKeyNotSupportedByActions : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM004",
        "Condition key applies to none of the statement's actions",
        "'{0}' applies to none of the statement's actions.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "A service condition key is only present in requests for the actions that list it (s3:prefix for s3:ListBucket, iam:PassedToService for iam:PassRole). On a statement whose actions all lack it, the key is always absent: a positive clause is never true (the statement grants or denies nothing) and a negated, IfExists or Null clause always is (the statement is not restricted). Global keys apply to every action. Only statements whose actions are all known are checked; the levels are those of IAM003.",
        "Move the condition to a statement with the actions that support the key, or use a key those actions support (see the service's Actions table).",
        [new RuleAlias("parliament", "UNKNOWN_CONDITION_FOR_ACTION")],
        raisedWhereAccessWidens: true);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(IamPolicyScope scope)
    {
        foreach (var statement in scope.Document.Statements)
        {
            if (statement.Clauses.Count == 0 || IamPermissionSupport.KnownActions(scope, statement) is not { Count: > 0 } actions)
            {
                continue;
            }

            foreach (var clause in statement.Clauses)
            {
                if (scope.Keys.Lookup(clause.Key).Status != ConditionKeyStatus.Service || actions.Any(a => a.SupportsKey(clause.Key)))
                {
                    continue;
                }

                var widens = AbsentKeyEffect.Widens(statement, clause);
                var descriptor = widens ? IamPermissionSupport.At(Rule, RuleLevel.Failure, SecuritySeverity.High) : Rule;
                var names = IamPermissionSupport.List(actions.Select(a => a.FullName), 3);
                scope.Report(descriptor, clause.KeyNode, $"'{clause.Key}' applies to none of the statement's actions ({names}): it is never present, so {AbsentKeyEffect.Describe(statement, clause)}{IamPermissionSupport.Qualifier(statement, conditions: false)}.", clause.Scenario);
            }
        }
    }
}

/// <summary>IAM011: a wildcard in the value of a string operator that compares literally.</summary>
public sealed class WildcardUnderNonLikeOperator : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM011",
        "Wildcard under a condition operator that compares literally",
        "'{0}' compares '{1}' literally.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "StringEquals, StringNotEquals and their IgnoreCase forms compare exactly: a '*' or '?' in the value is a plain character, so a clause meant as a pattern matches (almost) nothing, and its negated form matches (almost) everything. Only the Like operators (and the ARN operators) treat them as wildcards. Trust policies are covered by TRUST025.",
        "Use StringLike / StringNotLike for patterns, or remove the wildcard.");

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<PolicyKind> Kinds => [PolicyKind.Identity, PolicyKind.Resource];

    protected override void Analyze(IamPolicyScope scope)
    {
        foreach (var statement in scope.Document.Statements)
        {
            foreach (var clause in statement.Clauses.Where(c => c.Operator is { Family: ConditionFamily.String, IsLike: false }))
            {
                foreach (var value in clause.Values)
                {
                    if (value.Literal is { } text && HasWildcard(text))
                    {
                        scope.Report(Rule, value.Node, $"'{clause.Operator.Text}' compares '{text}' literally: '*' and '?' are wildcards only under StringLike{IamPermissionSupport.Qualifier(statement)}.", value.Scenario);
                    }
                }
            }
        }
    }

    /// <summary>A * or ? outside a policy variable (<c>${*}</c> is the escape for a literal star).</summary>
    private static bool HasWildcard(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{' && text.IndexOf('}', i) is var close and > 0)
            {
                i = close;
                continue;
            }

            if (text[i] is '*' or '?')
            {
                return true;
            }
        }

        return false;
    }
}
