using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>What the trust rules share: descriptors, arguments, principal and key classifications, message notes.</summary>
internal static class TrustRuleSupport
{
    public const string TrustedAccountsArgument = "trusted-accounts";

    /// <summary>Every trust rule reads the trusted accounts (see <see cref="TrustPolicyRule"/>).</summary>
    public static readonly RuleArgument TrustedAccountsDeclaration = new(
        TrustedAccountsArgument,
        RuleArgumentKind.AccountIds,
        "AWS accounts trusted like the stack's own (also --trusted-accounts): not third parties, and no narrowing required.");

    public static readonly IReadOnlyList<string> TrustActions =
        ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"];

    /// <summary>Issuers shared by many tenants: any of their customers can mint a token for the provider's audience.</summary>
    public static readonly IReadOnlyList<string> MultiTenantCiIssuers =
        ["token.actions.githubusercontent.com", "gitlab.com", "app.terraform.io", "oidc.circleci.com/org/", "api.bitbucket.org/2.0/workspaces/", "agent.buildkite.com"];

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

    /// <summary>Keys whose value says who may assume the role (identity, audience, subject, source identity): IfExists or Null on one of them leaves the trust open.</summary>
    public static bool IsReliedOnKey(string key) =>
        ConditionKeys.IdentityKeys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
        || string.Equals(key, ConditionKeys.SourceIdentity, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, ConditionKeys.SamlAudience, StringComparison.OrdinalIgnoreCase)
        || key.EndsWith(":aud", StringComparison.OrdinalIgnoreCase) || key.EndsWith(":sub", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith(":app_id", StringComparison.OrdinalIgnoreCase);

    public static bool IsIdentityKey(string key) => ConditionKeys.IdentityKeys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why a key a rule looks for is not restricted although the statement mentions it: " ('StringEqualsIfExists'
    /// is also true when the caller does not send 'aws:PrincipalOrgID', so that condition restricts nothing)".
    /// Empty when no clause on such a key is neutralized.
    /// </summary>
    public static string NeutralizedNote(PolicyStatement s, Func<string, bool> keys)
    {
        var explanations = s.Restrictions.NeutralizedFor(keys).Select(a => a.Explanation).Distinct(StringComparer.Ordinal).ToList();
        return explanations.Count switch
        {
            0 => string.Empty,
            1 => $" ({explanations[0]}, so that condition restricts nothing)",
            _ => $" ({string.Join("; ", explanations)}, so those conditions restrict nothing)",
        };
    }

    /// <summary>A key predicate for the given condition keys (condition keys are case-insensitive).</summary>
    public static Func<string, bool> Key(params string[] names) =>
        k => names.Any(n => string.Equals(k, n, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the whole statement set of the principal list are AWS services.</summary>
    public static bool OnlyServices(PolicyStatement s) =>
        s.Principals.Count > 0 && s.Principals.All(p => p.Type == PrincipalType.Service);
}

/// <summary>
/// Reports a trust rule's findings with one message per node: a finding met again in another variant of the document
/// (statements under different conditions) is reported with the first message under its own scenario, and the
/// engine merges the scenarios (<see cref="Scenario.Merge"/>), so it says "when IsDev holds" only when it holds only
/// then.
/// </summary>
internal sealed class TrustReporter(PolicyContext context)
{
    private readonly Dictionary<(int, int, string), (string Message, SecuritySeverity? Severity)> _first = [];

    /// <summary>Reports under <paramref name="when"/> (the document's scenario when null).</summary>
    public void Report(RuleDescriptor descriptor, SyntaxNode? node, string message, SecuritySeverity? severity = null, Scenario? when = null)
    {
        var target = node ?? context.Document.Node;
        var key = (target.Span.Start, target.Span.End, descriptor.Id);
        if (!_first.TryAdd(key, (message, severity)))
        {
            (message, severity) = _first[key];
        }

        context.ReportMessage(descriptor, target, message, severity, when);
    }
}
