namespace Scanner.Iam;

/// <summary>Why a condition clause does not restrict who matches an Allow statement.</summary>
public enum ClauseWeakness
{
    /// <summary>The clause is an effective restriction.</summary>
    None,

    /// <summary><c>…IfExists</c>: true when the caller does not send the key.</summary>
    IfExists,

    /// <summary><c>ForAllValues:</c> on a single-valued key: true when the key is absent.</summary>
    ForAllValuesOnSingleValuedKey,

    /// <summary><c>ForAllValues:</c> on a multi-valued key without a <c>Null</c> check: true when the key is absent or empty.</summary>
    ForAllValuesWithoutNullCheck,

    /// <summary>A negated operator (<c>StringNotEquals</c>, <c>NotIpAddress</c>…): matches everything but the listed values.</summary>
    NegatedOperator,

    /// <summary><c>Null: "false"</c>: only says the key exists, not what it is.</summary>
    ExistenceOnly,

    /// <summary>A Like operator whose value matches any account, organization or owner (<c>o-*</c>, <c>arn:aws:iam::*:role/X</c>, <c>repo:*</c>).</summary>
    WildcardValue,

    /// <summary>An empty value, which no real caller sends.</summary>
    EmptyValue,

    /// <summary>An operator IAM does not know (the policy is rejected).</summary>
    UnknownOperator,
}

/// <summary>A condition clause with its assessment.</summary>
public sealed record AssessedClause(ConditionClause Clause, ClauseWeakness Weakness, PolicyValue? OffendingValue)
{
    public bool IsEffective => Weakness == ClauseWeakness.None;

    /// <summary>
    /// True when the clause looks like a restriction but restricts nothing (IfExists, vacuous ForAllValues, wildcard
    /// values, Null, empty values, unknown operators). A negated operator is not neutralized: it restricts, inversely.
    /// Every rule that asks whether a key is restricted sees such a clause as absent.
    /// </summary>
    public bool IsNeutralized => Weakness is not ClauseWeakness.None and not ClauseWeakness.NegatedOperator;

    /// <summary>A sentence explaining why the clause restricts nothing (empty when it is effective).</summary>
    public string Explanation => Weakness switch
    {
        ClauseWeakness.IfExists => $"'{Clause.Operator.Text}' is also true when the caller does not send '{Clause.Key}'",
        ClauseWeakness.ForAllValuesOnSingleValuedKey => $"'ForAllValues:' on the single-valued key '{Clause.Key}' is true when the key is absent",
        ClauseWeakness.ForAllValuesWithoutNullCheck => $"'ForAllValues:' on '{Clause.Key}' is true when the key is absent or empty, and no Null check requires it",
        ClauseWeakness.NegatedOperator => $"the negated operator '{Clause.Operator.Text}' matches every value but the listed ones",
        ClauseWeakness.ExistenceOnly => $"'Null' only checks that '{Clause.Key}' is present, not its value",
        ClauseWeakness.WildcardValue => $"the pattern '{OffendingValue?.Text}' of '{Clause.Key}' matches callers of any account or organization",
        ClauseWeakness.EmptyValue => $"'{Clause.Key}' is compared with an empty value",
        ClauseWeakness.UnknownOperator => $"'{Clause.Operator.Text}' is not a condition operator",
        _ => string.Empty,
    };
}

/// <summary>
/// The effective restriction of one statement's conditions (the shared idea of the trust rules): a clause counts
/// only when its operator is positive, has no IfExists, is not a vacuous ForAllValues, and its values are not
/// account/organization/owner-level wildcards. Computed once per statement.
/// </summary>
public sealed class StatementRestrictions
{
    internal StatementRestrictions(PolicyStatement statement)
    {
        var clauses = statement.Clauses;
        Assessed = clauses.Select(c => Assess(c, clauses)).ToArray();
    }

    /// <summary>Every clause with its assessment, in document order.</summary>
    public IReadOnlyList<AssessedClause> Assessed { get; }

    public bool HasConditions => Assessed.Count > 0;

    public IEnumerable<ConditionClause> Effective => Assessed.Where(a => a.IsEffective).Select(a => a.Clause);

    /// <summary>Clauses that look like a restriction but are not (IfExists, vacuous ForAllValues, wildcard values, Null).</summary>
    public IEnumerable<AssessedClause> Neutralized => Assessed.Where(a => a.IsNeutralized);

    /// <summary>True when some clause restricts something once neutralized clauses are set aside (effective or negated ones).</summary>
    public bool HasRestrictingClauses => Assessed.Any(a => !a.IsNeutralized);

    /// <summary>The neutralized clauses on keys matching <paramref name="predicate"/> (why a key a rule looks for is not restricted).</summary>
    public IEnumerable<AssessedClause> NeutralizedFor(Func<string, bool> predicate) => Neutralized.Where(a => predicate(a.Clause.Key));

    /// <summary>True when an effective clause tests <paramref name="key"/> (case-insensitive).</summary>
    public bool IsRestricted(string key) => Effective.Any(c => c.KeyIs(key));

    /// <summary>True when an effective clause tests a key matching <paramref name="predicate"/>.</summary>
    public bool IsRestricted(Func<string, bool> predicate) => Effective.Any(c => predicate(c.Key));

    /// <summary>True when an effective clause tests one of the identity keys (org id/paths, principal account/ARN, userid).</summary>
    public bool RestrictsIdentity => ConditionKeys.IdentityKeys.Any(IsRestricted);

    /// <summary>The clauses on <paramref name="key"/> that look like a restriction but are not.</summary>
    public IEnumerable<AssessedClause> NeutralizedFor(string key) => Neutralized.Where(a => a.Clause.KeyIs(key));

    /// <summary>True when an effective clause on <paramref name="key"/> has a value that is not known (e.g. a parameter without default).</summary>
    public bool IsUnverifiable(string key) => Effective.Where(c => c.KeyIs(key)).Any(c => c.Values.Any(v => !v.IsKnown));

    /// <summary>Assesses one clause in the context of its statement's other clauses (for Null checks).</summary>
    public static AssessedClause Assess(ConditionClause clause, IReadOnlyList<ConditionClause> siblings)
    {
        var op = clause.Operator;
        if (!op.IsValid)
        {
            return new AssessedClause(clause, ClauseWeakness.UnknownOperator, null);
        }

        if (op.Family == ConditionFamily.Null)
        {
            var requiresPresence = clause.Values.Any(v => v.Value.AsBoolean == false);
            return new AssessedClause(clause, requiresPresence ? ClauseWeakness.ExistenceOnly : ClauseWeakness.NegatedOperator, null);
        }

        if (op.IsNegated)
        {
            return new AssessedClause(clause, ClauseWeakness.NegatedOperator, null);
        }

        if (op.Qualifier == SetQualifier.ForAllValues)
        {
            if (!clause.IsMultiValuedKey)
            {
                return new AssessedClause(clause, ClauseWeakness.ForAllValuesOnSingleValuedKey, null);
            }

            var nullChecked = siblings.Any(s => s.Operator.Family == ConditionFamily.Null && s.KeyIs(clause.Key) && s.Values.Any(v => v.Value.AsBoolean == false));
            if (!nullChecked)
            {
                return new AssessedClause(clause, ClauseWeakness.ForAllValuesWithoutNullCheck, null);
            }
        }

        if (op.IfExists)
        {
            return new AssessedClause(clause, ClauseWeakness.IfExists, null);
        }

        if (clause.KeyIs(ConditionKeys.ExternalId) && clause.Values.FirstOrDefault(v => v.Literal is "") is { } empty)
        {
            return new AssessedClause(clause, ClauseWeakness.EmptyValue, empty);
        }

        if (op.IsLike && clause.Values.FirstOrDefault(v => IsBroadPattern(clause.Key, v)) is { } broad)
        {
            return new AssessedClause(clause, ClauseWeakness.WildcardValue, broad);
        }

        return new AssessedClause(clause, ClauseWeakness.None, null);
    }

    /// <summary>
    /// Whether a Like pattern for <paramref name="key"/> admits callers of any account, organization or owner.
    /// Unknown parts are not guessed at: only the known literal text is examined.
    /// </summary>
    public static bool IsBroadPattern(string key, PolicyValue value)
    {
        if (!value.ContainsWildcard)
        {
            return false;
        }

        if (value.IsStar)
        {
            return true;
        }

        var text = value.Text;
        if (Is(key, ConditionKeys.PrincipalOrgId) || Is(key, ConditionKeys.PrincipalAccount) || Is(key, ConditionKeys.ExternalId) || Is(key, ConditionKeys.SourceAccount) || Is(key, ConditionKeys.SourceOrgId))
        {
            return true;
        }

        if (Is(key, ConditionKeys.PrincipalOrgPaths) || key.EndsWith("OrgPaths", StringComparison.OrdinalIgnoreCase))
        {
            var org = text.Split('/')[0];
            return org.AsSpan().IndexOfAny('*', '?') >= 0;
        }

        if (Is(key, ConditionKeys.PrincipalArn) || Is(key, ConditionKeys.SourceArn))
        {
            var fields = text.Split(':');
            return fields.Length < 6 ? true : fields[4].Length == 0 || fields[4].AsSpan().IndexOfAny('*', '?') >= 0 || fields[0].Contains('*', StringComparison.Ordinal);
        }

        if (key.EndsWith(":sub", StringComparison.OrdinalIgnoreCase))
        {
            return OidcSubject.Classify(text, isLike: true) == SubjectBreadth.AnyOwner;
        }

        return false;
    }

    private static bool Is(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>How much a CI OIDC <c>sub</c> pattern admits.</summary>
public enum SubjectBreadth
{
    /// <summary>A single repository and ref/environment (or an unknown value).</summary>
    Specific,

    /// <summary><c>repo:acme/deploy:*</c>: any ref, pull request or environment of one repository.</summary>
    AnyRefOfRepository,

    /// <summary><c>repo:acme/*</c>: any repository of the owner.</summary>
    AnyRepositoryOfOwner,

    /// <summary>A first claim other than the repository (<c>environment:prod</c>, <c>ref:*</c>): any repository with that claim.</summary>
    NotRepositoryScoped,

    /// <summary><c>*</c>, <c>repo:*</c>, <c>repo:acme*</c>: any owner.</summary>
    AnyOwner,
}

/// <summary>Classifies CI OIDC subjects (GitHub <c>repo:owner/repo:context</c>, GitLab <c>project_path:group/project:…</c>).</summary>
public static class OidcSubject
{
    public static SubjectBreadth Classify(string pattern, bool isLike)
    {
        static bool Wild(string s) => s.AsSpan().IndexOfAny('*', '?') >= 0;
        if (!isLike)
        {
            // Under Equals, * is literal; only the claim shape matters.
            return pattern.StartsWith("repo:", StringComparison.Ordinal) || pattern.StartsWith("project_path:", StringComparison.Ordinal) || pattern.Length == 0
                ? SubjectBreadth.Specific
                : pattern.Contains(':', StringComparison.Ordinal) ? SubjectBreadth.NotRepositoryScoped : SubjectBreadth.Specific;
        }

        if (pattern == "*" || pattern.StartsWith('*') || pattern.StartsWith('?'))
        {
            return SubjectBreadth.AnyOwner;
        }

        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Wild(pattern) ? SubjectBreadth.AnyOwner : SubjectBreadth.Specific;
        }

        var claim = pattern[..colon];
        if (claim is not ("repo" or "project_path"))
        {
            return Wild(claim) ? SubjectBreadth.AnyOwner : SubjectBreadth.NotRepositoryScoped;
        }

        var rest = pattern[(colon + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var nextColon = rest.IndexOf(':', StringComparison.Ordinal);
        if (slash < 0 || (nextColon >= 0 && nextColon < slash))
        {
            return Wild(rest) ? SubjectBreadth.AnyOwner : SubjectBreadth.Specific;
        }

        var owner = rest[..slash];
        if (owner.Length == 0 || Wild(owner))
        {
            return SubjectBreadth.AnyOwner;
        }

        var afterOwner = rest[(slash + 1)..];
        var repoEnd = afterOwner.IndexOf(':', StringComparison.Ordinal);
        var repo = repoEnd < 0 ? afterOwner : afterOwner[..repoEnd];
        if (Wild(repo))
        {
            return SubjectBreadth.AnyRepositoryOfOwner;
        }

        var context = repoEnd < 0 ? string.Empty : afterOwner[(repoEnd + 1)..];
        if (repoEnd < 0)
        {
            return SubjectBreadth.Specific;
        }

        if (context == "*" || context.StartsWith('*'))
        {
            return SubjectBreadth.AnyRefOfRepository;
        }

        return SubjectBreadth.Specific;
    }
}
