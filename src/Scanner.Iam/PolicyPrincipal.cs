using Scanner.CloudFormation.Evaluation;

namespace Scanner.Iam;

/// <summary>The key a principal is listed under: <c>Principal: "*"</c>, <c>AWS</c>, <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>.</summary>
public enum PrincipalType
{
    /// <summary><c>Principal: "*"</c> (equivalent to <c>{AWS: "*"}</c>).</summary>
    Wildcard,
    Aws,
    Service,
    Federated,
    CanonicalUser,

    /// <summary>A key IAM does not know (reported by the structural checks).</summary>
    Unknown,
}

/// <summary>What a principal value designates, after normalization.</summary>
public enum PrincipalKind
{
    /// <summary><c>*</c>: every principal of every account (and anonymous callers on resource policies).</summary>
    Everyone,

    /// <summary>An account: <c>123456789012</c> or <c>arn:aws:iam::123456789012:root</c>.</summary>
    Account,
    IamRole,
    IamUser,

    /// <summary>An IAM group ARN: groups are not principals (IAM rejects the policy).</summary>
    IamGroup,
    AssumedRoleSession,
    CloudFrontOriginAccessIdentity,
    Service,
    SamlProvider,
    OidcProvider,

    /// <summary>A built-in web identity provider: Cognito, Google, Facebook, Login with Amazon.</summary>
    WebIdentityProvider,
    CanonicalUser,

    /// <summary>Not known statically (a parameter without default, an import, …): never treat as safe.</summary>
    Unresolved,

    /// <summary>Known, but not a valid principal of its type (a role name, a bad service name, …).</summary>
    Malformed,
}

/// <summary>How the account of a principal relates to the stack.</summary>
public enum AccountOwnership
{
    /// <summary>The account the stack is deployed to (<c>${AWS::AccountId}</c>, or the literal given for it).</summary>
    Own,

    /// <summary>A literal account id (compare it with the trusted accounts).</summary>
    Literal,

    /// <summary>A parameter without a default or another value that cannot be known.</summary>
    Unknown,

    /// <summary>A wildcard account (<c>*</c>).</summary>
    Any,
}

/// <summary>The account part of a principal or ARN.</summary>
public sealed record AccountReference(AccountOwnership Ownership, string Display, string? Id = null)
{
    /// <summary>True for the stack's own account, false for another literal account or any, null when unknown.</summary>
    public bool? IsOwnAccount => Ownership switch
    {
        AccountOwnership.Own => true,
        AccountOwnership.Unknown => null,
        _ => false,
    };

    public override string ToString() => Display;
}

/// <summary>One normalized principal.</summary>
public sealed class PolicyPrincipal
{
    internal PolicyPrincipal(PrincipalType type, string typeKey, PolicyValue value, PrincipalKind kind)
    {
        Type = type;
        TypeKey = typeKey;
        Value = value;
        Kind = kind;
    }

    public PrincipalType Type { get; }

    /// <summary>The key as written (<c>AWS</c>, <c>Service</c>, …; <c>*</c> for the string form).</summary>
    public string TypeKey { get; }

    /// <summary>The value as written and resolved; its node is what findings point at.</summary>
    public PolicyValue Value { get; }

    public PrincipalKind Kind { get; }

    /// <summary>The account for Account/IamRole/IamUser/AssumedRoleSession/provider principals.</summary>
    public AccountReference? Account { get; internal init; }

    /// <summary>The ARN partition when written (<c>aws</c>, <c>aws-cn</c>, <c>${AWS::Partition}</c>).</summary>
    public string? Partition { get; internal init; }

    /// <summary>The role/user/group name with its path, the session name, or the service name.</summary>
    public string? Name { get; internal init; }

    /// <summary>For OIDC providers: the issuer host and path (<c>token.actions.githubusercontent.com</c>); for built-in IdPs: their host.</summary>
    public string? Issuer { get; internal init; }

    /// <summary>The logical id of the template resource this principal refers to (<c>!GetAtt Role.Arn</c>), if any.</summary>
    public string? TemplateResource { get; internal init; }

    /// <summary>Why a principal is <see cref="PrincipalKind.Malformed"/> or <see cref="PrincipalKind.Unresolved"/>.</summary>
    public string? Problem { get; internal init; }

    /// <summary>A <c>*</c> or <c>?</c> somewhere in the value other than the value being exactly <c>*</c>.</summary>
    public bool HasPartialWildcard => !Value.IsStar && Value.ContainsWildcard;

    public bool IsEveryone => Kind == PrincipalKind.Everyone;

    /// <summary>An AWS identity principal (account, role, user, session) — the ones <c>sts:ExternalId</c> and org keys apply to.</summary>
    public bool IsAwsIdentity => Kind is PrincipalKind.Account or PrincipalKind.IamRole or PrincipalKind.IamUser or PrincipalKind.AssumedRoleSession or PrincipalKind.Everyone
        || (Type is PrincipalType.Aws && Kind == PrincipalKind.Unresolved);

    public bool IsFederated => Kind is PrincipalKind.SamlProvider or PrincipalKind.OidcProvider or PrincipalKind.WebIdentityProvider
        || (Type is PrincipalType.Federated && Kind == PrincipalKind.Unresolved);

    public override string ToString() => $"{TypeKey}: {Value.Text}";
}

/// <summary>The Principal or NotPrincipal element of a statement.</summary>
public sealed class PrincipalElement
{
    internal PrincipalElement(Scanner.CloudFormation.Syntax.SyntaxNode node, Scanner.CloudFormation.Syntax.ScalarNode? keyNode, IReadOnlyList<PolicyPrincipal> principals, bool isEmpty)
    {
        Node = node;
        KeyNode = keyNode;
        Principals = principals;
        IsEmpty = isEmpty;
    }

    /// <summary>The element's value node.</summary>
    public Scanner.CloudFormation.Syntax.SyntaxNode Node { get; }

    /// <summary>The <c>Principal</c>/<c>NotPrincipal</c> key (null for synthesized statements).</summary>
    public Scanner.CloudFormation.Syntax.ScalarNode? KeyNode { get; }

    public IReadOnlyList<PolicyPrincipal> Principals { get; }

    /// <summary>Written as <c>{}</c>, <c>[]</c> or with no values at all.</summary>
    public bool IsEmpty { get; }

    public bool HasEveryone => Principals.Any(p => p.IsEveryone);

    public IEnumerable<PolicyPrincipal> OfKind(PrincipalKind kind) => Principals.Where(p => p.Kind == kind);
}
