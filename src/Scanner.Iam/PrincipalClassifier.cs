using System.Text;
using System.Text.RegularExpressions;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;

namespace Scanner.Iam;

/// <summary>Normalizes principal values into <see cref="PolicyPrincipal"/> (§3.1 of the trust-policy reference).</summary>
public static partial class PrincipalClassifier
{
    /// <summary>Web identity providers built into STS (no IAM provider resource needed).</summary>
    public static readonly IReadOnlySet<string> BuiltInWebIdentityProviders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com",
    };

    private const char TokenBase = '\uE000';
    private static readonly string[] PrincipalTypeKeys = ["AWS", "Service", "Federated", "CanonicalUser"];

    public static PrincipalType ParseType(string key) => key switch
    {
        "AWS" => PrincipalType.Aws,
        "Service" => PrincipalType.Service,
        "Federated" => PrincipalType.Federated,
        "CanonicalUser" => PrincipalType.CanonicalUser,
        "*" => PrincipalType.Wildcard,
        _ => PrincipalType.Unknown,
    };

    /// <summary>Classifies one value listed under <paramref name="typeKey"/>.</summary>
    public static PolicyPrincipal Classify(string typeKey, PolicyValue value, Template template, EvaluationSettings settings)
    {
        var type = ParseType(typeKey);
        if (type == PrincipalType.Unknown)
        {
            type = ParseType(Canonical(typeKey));
        }

        return type switch
        {
            PrincipalType.Wildcard => value.IsStar
                ? new PolicyPrincipal(type, typeKey, value, PrincipalKind.Everyone)
                : !value.IsKnown
                    ? new PolicyPrincipal(type, typeKey, value, PrincipalKind.Unresolved) { Account = new AccountReference(AccountOwnership.Unknown, value.Text), Problem = $"the principal '{value.Text}' cannot be resolved" }
                    : new PolicyPrincipal(type, typeKey, value, PrincipalKind.Malformed) { Problem = "a Principal written as a string must be \"*\"" },
            PrincipalType.Aws => ClassifyAws(typeKey, value, template, settings),
            PrincipalType.Service => ClassifyService(typeKey, value, template),
            PrincipalType.Federated => ClassifyFederated(typeKey, value, template, settings),
            PrincipalType.CanonicalUser => new PolicyPrincipal(type, typeKey, value, value.IsKnown ? PrincipalKind.CanonicalUser : PrincipalKind.Unresolved),
            _ => new PolicyPrincipal(type, typeKey, value, PrincipalKind.Malformed) { Problem = $"'{typeKey}' is not a principal type (AWS, Service, Federated, CanonicalUser)" },
        };
    }

    /// <summary>The IAM spelling of a principal key written in another case, or the key itself.</summary>
    public static string Canonical(string key) =>
        PrincipalTypeKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) ?? key;

    /// <summary>The ownership of an account id value (literal digits, <c>${AWS::AccountId}</c>, a parameter…).</summary>
    public static AccountReference AccountOf(Value value, EvaluationSettings settings)
    {
        switch (value)
        {
            case LiteralValue l when l.Text == "*":
                return new AccountReference(AccountOwnership.Any, "*");
            case LiteralValue l:
                return settings.PseudoParameterValues.TryGetValue("AWS::AccountId", out var own) && own == l.Text
                    ? new AccountReference(AccountOwnership.Own, l.Text, l.Text)
                    : new AccountReference(AccountOwnership.Literal, l.Text, l.Text);
            case SymbolicValue { Kind: SymbolKind.PseudoParameter, Name: "AWS::AccountId" } s:
                return new AccountReference(AccountOwnership.Own, s.Display);
            default:
                return new AccountReference(AccountOwnership.Unknown, value.Display);
        }
    }

    private static PolicyPrincipal ClassifyAws(string key, PolicyValue value, Template template, EvaluationSettings settings)
    {
        const PrincipalType T = PrincipalType.Aws;
        if (value.IsStar)
        {
            return new PolicyPrincipal(T, key, value, PrincipalKind.Everyone);
        }

        switch (value.Value)
        {
            case LiteralValue l when AccountIdPattern().IsMatch(l.Text):
                return new PolicyPrincipal(T, key, value, PrincipalKind.Account) { Account = AccountOf(l, settings) };
            case SymbolicValue { Kind: SymbolKind.PseudoParameter, Name: "AWS::AccountId" } s:
                return new PolicyPrincipal(T, key, value, PrincipalKind.Account) { Account = AccountOf(s, settings) };
            case SymbolicValue { Kind: SymbolKind.GetAtt, Attribute: "Arn" } g when template.GetResource(g.Name) is { } r:
                return r.Type switch
                {
                    "AWS::IAM::Role" => new PolicyPrincipal(T, key, value, PrincipalKind.IamRole) { TemplateResource = r.LogicalId, Account = new AccountReference(AccountOwnership.Own, "${AWS::AccountId}"), Name = r.LogicalId },
                    "AWS::IAM::User" => new PolicyPrincipal(T, key, value, PrincipalKind.IamUser) { TemplateResource = r.LogicalId, Account = new AccountReference(AccountOwnership.Own, "${AWS::AccountId}"), Name = r.LogicalId },
                    "AWS::IAM::Group" => new PolicyPrincipal(T, key, value, PrincipalKind.IamGroup) { TemplateResource = r.LogicalId, Problem = "an IAM group cannot be a principal" },
                    _ => new PolicyPrincipal(T, key, value, PrincipalKind.Unresolved) { TemplateResource = r.LogicalId, Problem = $"the ARN of {r.Type} '{r.LogicalId}' is not an IAM principal" },
                };
            case SymbolicValue { Kind: SymbolKind.ResourceRef } rr when template.GetResource(rr.Name) is { } r
                && r.Type is "AWS::IAM::Role" or "AWS::IAM::User" or "AWS::IAM::Group":
                return new PolicyPrincipal(T, key, value, PrincipalKind.Malformed)
                {
                    TemplateResource = r.LogicalId,
                    Problem = $"Ref of {r.Type} '{r.LogicalId}' returns its name, not its ARN (use Fn::GetAtt {r.LogicalId}.Arn)",
                };
            case LiteralValue l when !l.Text.StartsWith("arn:", StringComparison.Ordinal):
                return new PolicyPrincipal(T, key, value, PrincipalKind.Malformed) { Problem = $"'{l.Text}' is neither an account id nor an ARN" };
        }

        var (tokens, symbols) = Tokenize(value.Value);
        if (!tokens.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new PolicyPrincipal(T, key, value, PrincipalKind.Unresolved)
            {
                Account = new AccountReference(AccountOwnership.Unknown, value.Text),
                Problem = $"'{value.Text}' cannot be resolved",
            };
        }

        var fields = tokens.Split(':', 6);
        if (fields.Length < 6)
        {
            return new PolicyPrincipal(T, key, value, PrincipalKind.Malformed) { Problem = $"'{value.Text}' is not a complete ARN" };
        }

        var partition = Render(fields[1], symbols);
        var service = fields[2];
        var account = AccountField(fields[4], symbols, settings);
        var resource = Render(fields[5], symbols);
        PolicyPrincipal Make(PrincipalKind kind, string? name = null, string? problem = null) =>
            new(T, key, value, kind) { Partition = partition, Account = account, Name = name, Problem = problem };

        if (service == "iam" && fields[4] == "cloudfront" && resource.StartsWith("user/CloudFront Origin Access Identity", StringComparison.Ordinal))
        {
            return new PolicyPrincipal(T, key, value, PrincipalKind.CloudFrontOriginAccessIdentity) { Partition = partition, Name = resource };
        }

        if (service == "iam")
        {
            if (resource == "root")
            {
                return Make(PrincipalKind.Account);
            }

            if (resource.StartsWith("role/", StringComparison.Ordinal))
            {
                return Make(PrincipalKind.IamRole, resource["role/".Length..]);
            }

            if (resource.StartsWith("user/", StringComparison.Ordinal))
            {
                return Make(PrincipalKind.IamUser, resource["user/".Length..]);
            }

            if (resource.StartsWith("group/", StringComparison.Ordinal))
            {
                return Make(PrincipalKind.IamGroup, resource["group/".Length..], "an IAM group cannot be a principal");
            }
        }

        if (service == "sts" && (resource.StartsWith("assumed-role/", StringComparison.Ordinal) || resource.StartsWith("federated-user/", StringComparison.Ordinal)))
        {
            return Make(PrincipalKind.AssumedRoleSession, resource[(resource.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        }

        return Make(PrincipalKind.Malformed, resource, $"'{value.Text}' is not an account, role, user or assumed-role ARN");
    }

    private static PolicyPrincipal ClassifyService(string key, PolicyValue value, Template template)
    {
        const PrincipalType T = PrincipalType.Service;
        if (value.Literal is { } l)
        {
            return ServicePattern().IsMatch(l)
                ? new PolicyPrincipal(T, key, value, PrincipalKind.Service) { Name = l }
                : new PolicyPrincipal(T, key, value, PrincipalKind.Malformed) { Name = l, Problem = $"'{l}' is not a service principal (<name>.amazonaws.com)" };
        }

        // "states.${AWS::Region}.amazonaws.com", "${AWS::URLSuffix}": a service whose name depends on the region/partition.
        if (value.Value is CompositeValue c && c.Parts.OfType<LiteralValue>().Any(p => p.Text.Contains("amazonaws", StringComparison.Ordinal) || p.Text.Contains('.', StringComparison.Ordinal)))
        {
            return new PolicyPrincipal(T, key, value, PrincipalKind.Service) { Name = value.Text };
        }

        _ = template;
        return new PolicyPrincipal(T, key, value, PrincipalKind.Unresolved) { Name = value.Text, Problem = $"the service '{value.Text}' cannot be resolved" };
    }

    private static PolicyPrincipal ClassifyFederated(string key, PolicyValue value, Template template, EvaluationSettings settings)
    {
        const PrincipalType T = PrincipalType.Federated;
        if (value.Literal is { } l && BuiltInWebIdentityProviders.Contains(l))
        {
            return new PolicyPrincipal(T, key, value, PrincipalKind.WebIdentityProvider) { Issuer = l.ToLowerInvariant(), Name = l };
        }

        if (value.Value is SymbolicValue { Kind: SymbolKind.ResourceRef or SymbolKind.GetAtt } s && template.GetResource(s.Name) is { } r)
        {
            if (r.Type == "AWS::IAM::OIDCProvider")
            {
                var url = r.Property("Url") is Scanner.CloudFormation.Syntax.ScalarNode u ? u.Text : null;
                return new PolicyPrincipal(T, key, value, PrincipalKind.OidcProvider)
                {
                    TemplateResource = r.LogicalId,
                    Account = new AccountReference(AccountOwnership.Own, "${AWS::AccountId}"),
                    Issuer = url is null ? "${" + r.LogicalId + "}" : StripScheme(url),
                    Name = r.LogicalId,
                };
            }

            if (r.Type == "AWS::IAM::SAMLProvider")
            {
                return new PolicyPrincipal(T, key, value, PrincipalKind.SamlProvider)
                {
                    TemplateResource = r.LogicalId,
                    Account = new AccountReference(AccountOwnership.Own, "${AWS::AccountId}"),
                    Name = r.LogicalId,
                };
            }
        }

        var (tokens, symbols) = Tokenize(value.Value);
        if (tokens.StartsWith("arn:", StringComparison.Ordinal))
        {
            var fields = tokens.Split(':', 6);
            if (fields.Length == 6 && fields[2] == "iam")
            {
                var resource = Render(fields[5], symbols);
                var account = AccountField(fields[4], symbols, settings);
                var partition = Render(fields[1], symbols);
                if (resource.StartsWith("saml-provider/", StringComparison.Ordinal))
                {
                    return new PolicyPrincipal(T, key, value, PrincipalKind.SamlProvider) { Account = account, Partition = partition, Name = resource["saml-provider/".Length..] };
                }

                if (resource.StartsWith("oidc-provider/", StringComparison.Ordinal))
                {
                    var issuer = resource["oidc-provider/".Length..];
                    return new PolicyPrincipal(T, key, value, PrincipalKind.OidcProvider) { Account = account, Partition = partition, Issuer = issuer, Name = issuer };
                }
            }

            return new PolicyPrincipal(T, key, value, PrincipalKind.Malformed) { Problem = $"'{value.Text}' is not a SAML or OIDC provider ARN" };
        }

        if (value.IsKnown)
        {
            return new PolicyPrincipal(T, key, value, PrincipalKind.Malformed) { Problem = $"'{value.Text}' is neither an identity provider ARN nor a built-in web identity provider" };
        }

        return new PolicyPrincipal(T, key, value, PrincipalKind.Unresolved) { Problem = $"the identity provider '{value.Text}' cannot be resolved" };
    }

    private static string StripScheme(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url[8..] : url;

    /// <summary>The value as text where each symbolic part is one private-use character, so ARNs can be split on ':'.</summary>
    private static (string Tokens, IReadOnlyList<Value> Symbols) Tokenize(Value value)
    {
        var symbols = new List<Value>();
        var sb = new StringBuilder();
        IEnumerable<Value> parts = value is CompositeValue c ? c.Parts : [value];
        foreach (var p in parts)
        {
            if (p is LiteralValue l)
            {
                sb.Append(l.Text);
            }
            else
            {
                sb.Append((char)(TokenBase + symbols.Count));
                symbols.Add(p);
            }
        }

        return (sb.ToString(), symbols);
    }

    private static string Render(string tokens, IReadOnlyList<Value> symbols)
    {
        var sb = new StringBuilder();
        foreach (var ch in tokens)
        {
            var i = ch - TokenBase;
            if (i >= 0 && i < symbols.Count)
            {
                sb.Append(symbols[i].Display);
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    private static AccountReference AccountField(string field, IReadOnlyList<Value> symbols, EvaluationSettings settings)
    {
        if (field.Length == 1 && field[0] - TokenBase is var i && i >= 0 && i < symbols.Count)
        {
            return AccountOf(symbols[i], settings);
        }

        if (field.Any(ch => ch >= TokenBase && ch - TokenBase < symbols.Count))
        {
            return new AccountReference(AccountOwnership.Unknown, Render(field, symbols));
        }

        return field.Contains('*', StringComparison.Ordinal) || field.Contains('?', StringComparison.Ordinal)
            ? new AccountReference(AccountOwnership.Any, field)
            : AccountOf(LiteralValue.Of(field), settings);
    }

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$")]
    private static partial Regex ServicePattern();
}
