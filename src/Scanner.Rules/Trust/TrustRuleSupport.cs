using System.Collections.Concurrent;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>What the trust rules share: descriptors, arguments, and the knowledge of which rule reports a weak clause.</summary>
internal static class TrustRuleSupport
{
    public const string Category = "IAM trust policy";
    public const string TrustedAccountsArgument = "trusted-accounts";

    public static readonly IReadOnlyList<string> TrustActions =
        ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"];

    /// <summary>Issuers shared by many tenants: any of their customers can mint a token for the provider's audience.</summary>
    public static readonly IReadOnlyList<string> MultiTenantCiIssuers =
        ["token.actions.githubusercontent.com", "gitlab.com", "app.terraform.io", "oidc.circleci.com/org/", "api.bitbucket.org/2.0/workspaces/", "agent.buildkite.com"];

    private static readonly ConcurrentDictionary<(string Id, SecuritySeverity Severity), RuleDescriptor> Variants = new();

    /// <summary>A trust rule descriptor: level follows severity (HIGH and above fail the build).</summary>
    public static RuleDescriptor Create(string id, string title, string message, SecuritySeverity severity, string description, string remediation, IEnumerable<RuleAlias>? aliases = null, bool enabledByDefault = true) =>
        RuleDescriptor.Create(id, title, message, LevelOf(severity), severity, Category, description, remediation, aliases,
            ["AWS::IAM::Role", "AWS::Serverless::Function"], kind: RuleKind.Trust, enabledByDefault: enabledByDefault);

    /// <summary>The same rule at another severity (tiered rules, and neutralized clauses raised to the rule they defeat).</summary>
    public static RuleDescriptor AtSeverity(RuleDescriptor d, SecuritySeverity severity) =>
        severity == d.Severity ? d : Variants.GetOrAdd((d.Id, severity), _ => RuleDescriptor.Create(
            d.Id, d.Title, d.MessageFormat, LevelOf(severity), severity, d.Category, d.Description, d.Remediation, d.Aliases, d.ResourceTypes, d.Kind, d.EnabledByDefault, d.HelpUri));

    public static SecuritySeverity Max(SecuritySeverity a, SecuritySeverity? b) => b is { } x && x > a ? x : a;

    private static RuleLevel LevelOf(SecuritySeverity severity) => severity >= SecuritySeverity.High ? RuleLevel.Failure : RuleLevel.Warning;

    /// <summary>The accounts given with --trusted-accounts (or the rule argument <c>trusted-accounts</c>), separated by commas, semicolons or spaces.</summary>
    public static IReadOnlySet<string> TrustedAccounts(RuleArguments arguments) =>
        (arguments.Get(TrustedAccountsArgument) ?? string.Empty)
            .Split([',', ';', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>True for the stack account or a configured trusted account.</summary>
    public static bool IsOwnOrTrusted(AccountReference? account, IReadOnlySet<string> trusted) =>
        account is not null && (account.Ownership == AccountOwnership.Own || (account.Ownership == AccountOwnership.Literal && account.Id is { } id && trusted.Contains(id)));

    /// <summary>A principal of an account that is neither the stack's nor trusted (null account = unresolved).</summary>
    public static bool IsThirdParty(PolicyPrincipal p, IReadOnlySet<string> trusted) =>
        p.Type == PrincipalType.Aws && p.Kind is PrincipalKind.Account or PrincipalKind.IamRole or PrincipalKind.IamUser or PrincipalKind.AssumedRoleSession
        && p.Account is { Ownership: AccountOwnership.Literal or AccountOwnership.Any } && !IsOwnOrTrusted(p.Account, trusted);

    /// <summary>An AWS principal whose account cannot be known statically.</summary>
    public static bool IsUnverifiableAccount(PolicyPrincipal p) =>
        (p.Type is PrincipalType.Aws or PrincipalType.Wildcard && p.Kind == PrincipalKind.Unresolved)
        || (p.Type == PrincipalType.Aws && p.Kind is PrincipalKind.Account or PrincipalKind.IamRole or PrincipalKind.IamUser or PrincipalKind.AssumedRoleSession
            && p.Account?.Ownership == AccountOwnership.Unknown);

    public static bool IsCiIssuer(string? issuer) =>
        issuer is not null && MultiTenantCiIssuers.Any(i => issuer.StartsWith(i, StringComparison.OrdinalIgnoreCase));

    public static bool IsEksIssuer(string? issuer) =>
        issuer is not null && issuer.StartsWith("oidc.eks.", StringComparison.OrdinalIgnoreCase) && issuer.Contains(".amazonaws.com/id/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The audience key of a web identity provider (Facebook and Amazon call it app_id).</summary>
    public static string AudienceKey(PolicyPrincipal p) => p.Issuer switch
    {
        "graph.facebook.com" => "graph.facebook.com:app_id",
        "www.amazon.com" => "www.amazon.com:app_id",
        _ => p.Issuer + ":aud",
    };

    /// <summary>Keys that other rules rely on, so that weakening them with IfExists/Null defeats those rules.</summary>
    public static bool IsReliedOnKey(string key) =>
        ConditionKeys.IdentityKeys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
        || string.Equals(key, ConditionKeys.SourceIdentity, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, ConditionKeys.SamlAudience, StringComparison.OrdinalIgnoreCase)
        || key.EndsWith(":aud", StringComparison.OrdinalIgnoreCase) || key.EndsWith(":sub", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith(":app_id", StringComparison.OrdinalIgnoreCase);

    /// <summary>The rule that reports a neutralized clause (each is reported once, by the neutralizing rule).</summary>
    public static string? NeutralizerOf(AssessedClause a)
    {
        var key = a.Clause.Key;
        if (string.Equals(key, ConditionKeys.ExternalId, StringComparison.OrdinalIgnoreCase))
        {
            return "TRUST007";
        }

        return a.Weakness switch
        {
            ClauseWeakness.ForAllValuesOnSingleValuedKey or ClauseWeakness.ForAllValuesWithoutNullCheck => "TRUST019",
            ClauseWeakness.IfExists or ClauseWeakness.ExistenceOnly when IsReliedOnKey(key) => "TRUST020",
            ClauseWeakness.WildcardValue when a.Clause.KeyIs(ConditionKeys.PrincipalOrgId) || a.Clause.KeyIs(ConditionKeys.PrincipalOrgPaths) => "TRUST021",
            ClauseWeakness.WildcardValue when a.Clause.KeyIs(ConditionKeys.PrincipalArn) || a.Clause.KeyIs(ConditionKeys.PrincipalAccount) => "TRUST008",
            ClauseWeakness.WildcardValue when a.Clause.KeyEndsWith(":sub") => "TRUST016",
            _ => null,
        };
    }

    /// <summary>True when the statement has a neutralized clause on one of <paramref name="keys"/> that another rule reports.</summary>
    public static bool HasReportedNeutralized(PolicyStatement s, Func<string, bool> keys) =>
        s.Restrictions.Neutralized.Any(a => keys(a.Clause.Key) && NeutralizerOf(a) is not null);

    public static bool IsIdentityKey(string key) => ConditionKeys.IdentityKeys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The severity of the rule a clause was meant to satisfy, so the neutralizing rule can report at that severity
    /// (e.g. an org condition under IfExists on a wildcard principal is as bad as no condition: CRITICAL).
    /// </summary>
    public static SecuritySeverity? MeantFor(PolicyStatement s, ConditionClause clause, IReadOnlySet<string> trusted)
    {
        var key = clause.Key;
        if (IsIdentityKey(key) && s.Principal?.HasEveryone == true)
        {
            var otherConditions = s.Restrictions.Assessed.Any(a => !IsIdentityKey(a.Clause.Key));
            return otherConditions ? SecuritySeverity.High : SecuritySeverity.Critical;
        }

        if ((string.Equals(key, ConditionKeys.ExternalId, StringComparison.OrdinalIgnoreCase) || string.Equals(key, ConditionKeys.PrincipalOrgId, StringComparison.OrdinalIgnoreCase))
            && s.Principals.Any(p => IsThirdParty(p, trusted) || IsUnverifiableAccount(p)))
        {
            return SecuritySeverity.High;
        }

        foreach (var p in s.Principals)
        {
            if (p.Issuer is null)
            {
                continue;
            }

            if (clause.KeyIs(p.Issuer + ":sub"))
            {
                return IsCiIssuer(p.Issuer) ? SecuritySeverity.Critical : IsEksIssuer(p.Issuer) ? SecuritySeverity.High : null;
            }

            if (clause.KeyIs(AudienceKey(p)))
            {
                return p.Kind == PrincipalKind.WebIdentityProvider ? SecuritySeverity.Critical : SecuritySeverity.Medium;
            }
        }

        return clause.KeyIs(ConditionKeys.SamlAudience) ? SecuritySeverity.Medium : null;
    }

    /// <summary>" (when IsProd)" for statements of an undecided Fn::If branch.</summary>
    public static string BranchNote(PolicyStatement s)
    {
        var branch = Branches.And(s.Document.Branch, s.Branch);
        return branch is null ? string.Empty : $" (when {branch})";
    }

    /// <summary>True when the whole statement set of the principal list are AWS services.</summary>
    public static bool OnlyServices(PolicyStatement s) =>
        s.Principals.Count > 0 && s.Principals.All(p => p.Type == PrincipalType.Service);
}

/// <summary>Reports for one policy, once per node and rule (Fn::If statement variants share nodes).</summary>
internal sealed class TrustReporter(PolicyContext context)
{
    private readonly HashSet<(int, int, string)> _seen = [];

    public void Report(RuleDescriptor descriptor, SyntaxNode? node, string message)
    {
        var target = node ?? context.Document.Node;
        if (_seen.Add((target.Span.Start, target.Span.End, descriptor.Id)))
        {
            context.ReportMessage(descriptor, target, message);
        }
    }
}
