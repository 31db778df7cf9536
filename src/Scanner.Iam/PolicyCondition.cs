using System.Text.RegularExpressions;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Iam;

public enum ConditionFamily
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,

    /// <summary>Not a condition operator IAM knows.</summary>
    Unknown,
}

/// <summary>The set qualifier of an operator for multi-valued keys.</summary>
public enum SetQualifier
{
    None,

    /// <summary><c>ForAllValues:</c> — true when the key is absent or empty (vacuous).</summary>
    ForAllValues,

    /// <summary><c>ForAnyValue:</c> — false when the key is absent.</summary>
    ForAnyValue,
}

/// <summary>A parsed condition operator such as <c>ForAnyValue:StringNotLikeIfExists</c>.</summary>
public sealed partial record ConditionOperator(
    string Text,
    ConditionFamily Family,
    string BaseName,
    SetQualifier Qualifier,
    bool IsNegated,
    bool IsLike,
    bool IgnoreCase,
    bool IfExists)
{
    /// <summary>Operators that must match for the statement to apply (Equals/Like/IpAddress/…), not negated, not Null.</summary>
    public bool IsPositive => !IsNegated && Family is not ConditionFamily.Null and not ConditionFamily.Unknown;

    public bool IsValid => Family != ConditionFamily.Unknown;

    /// <summary>Operators under which <c>*</c>/<c>?</c> are wildcards.</summary>
    public bool SupportsWildcards => IsLike;

    public static ConditionOperator Parse(string text)
    {
        var m = OperatorPattern().Match(text);
        if (!m.Success)
        {
            return new ConditionOperator(text, ConditionFamily.Unknown, text, SetQualifier.None, false, false, false, false);
        }

        var qualifier = m.Groups["q"].Value switch
        {
            "ForAllValues:" => SetQualifier.ForAllValues,
            "ForAnyValue:" => SetQualifier.ForAnyValue,
            _ => SetQualifier.None,
        };
        var name = m.Groups["op"].Value;
        var ifExists = m.Groups["ie"].Success && m.Groups["ie"].Length > 0;
        var family = name switch
        {
            _ when name.StartsWith("String", StringComparison.Ordinal) => ConditionFamily.String,
            _ when name.StartsWith("Numeric", StringComparison.Ordinal) => ConditionFamily.Numeric,
            _ when name.StartsWith("Date", StringComparison.Ordinal) => ConditionFamily.Date,
            "Bool" => ConditionFamily.Bool,
            "BinaryEquals" => ConditionFamily.Binary,
            "IpAddress" or "NotIpAddress" => ConditionFamily.IpAddress,
            _ when name.StartsWith("Arn", StringComparison.Ordinal) => ConditionFamily.Arn,
            "Null" => ConditionFamily.Null,
            _ => ConditionFamily.Unknown,
        };
        if (family == ConditionFamily.Null && (ifExists || qualifier != SetQualifier.None))
        {
            // IAM has no NullIfExists and no set form of Null.
            family = ConditionFamily.Unknown;
        }

        var negated = name.Contains("Not", StringComparison.Ordinal);
        return new ConditionOperator(text, family, name, qualifier, negated, name.EndsWith("Like", StringComparison.Ordinal), name.Contains("IgnoreCase", StringComparison.Ordinal), ifExists);
    }

    [GeneratedRegex(@"^(?<q>ForAllValues:|ForAnyValue:)?(?<op>String(Not)?Equals(IgnoreCase)?|String(Not)?Like|Numeric(Not)?Equals|Numeric(Less|Greater)Than(Equals)?|Date(Not)?Equals|Date(Less|Greater)Than(Equals)?|Bool|BinaryEquals|(Not)?IpAddress|Arn(Not)?Equals|Arn(Not)?Like|Null)(?<ie>IfExists)?$", RegexOptions.CultureInvariant)]
    private static partial Regex OperatorPattern();
}

/// <summary>One clause of a Condition block: an operator applied to one key with one or more values.</summary>
public sealed class ConditionClause
{
    internal ConditionClause(ConditionOperator op, ScalarNode operatorNode, string key, ScalarNode keyNode, SyntaxNode valueNode, IReadOnlyList<PolicyValue> values, Scenario scenario)
    {
        Operator = op;
        OperatorNode = operatorNode;
        Key = key;
        KeyNode = keyNode;
        ValueNode = valueNode;
        Values = values;
        Scenario = scenario;
    }

    public ConditionOperator Operator { get; }

    /// <summary>Where the operator (<c>StringEquals:</c>) is written.</summary>
    public ScalarNode OperatorNode { get; }

    /// <summary>The condition key as written (may contain a resolved <c>Fn::Sub</c> variable, or <c>${Var}</c> if unknown).</summary>
    public string Key { get; }

    /// <summary>Where the key is written: findings about a clause point here.</summary>
    public ScalarNode KeyNode { get; }

    public SyntaxNode ValueNode { get; }

    public IReadOnlyList<PolicyValue> Values { get; }

    /// <summary>The deploy-time circumstances under which the clause is part of its statement (the statement's, or narrower).</summary>
    public Scenario Scenario { get; }

    /// <summary>Condition keys are case-insensitive.</summary>
    public bool KeyIs(string key) => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

    public bool KeyStartsWith(string prefix) => Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    public bool KeyEndsWith(string suffix) => Key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the key is listed by IAM as multi-valued (a set of values per request).</summary>
    public bool IsMultiValuedKey => ConditionKeys.IsMultiValued(Key);

    public override string ToString() => $"{Operator.Text} {Key}: [{string.Join(", ", Values.Select(v => v.Text))}]";
}

/// <summary>What is known about condition keys.</summary>
public static class ConditionKeys
{
    public const string PrincipalOrgId = "aws:PrincipalOrgID";
    public const string PrincipalOrgPaths = "aws:PrincipalOrgPaths";
    public const string PrincipalAccount = "aws:PrincipalAccount";
    public const string PrincipalArn = "aws:PrincipalArn";
    public const string UserId = "aws:userid";
    public const string ExternalId = "sts:ExternalId";
    public const string SourceIdentity = "sts:SourceIdentity";
    public const string SourceAccount = "aws:SourceAccount";
    public const string SourceArn = "aws:SourceArn";
    public const string SourceOrgId = "aws:SourceOrgID";
    public const string SourceIp = "aws:SourceIp";
    public const string SamlAudience = "SAML:aud";
    public const string TagKeys = "aws:TagKeys";
    public const string TransitiveTagKeys = "sts:TransitiveTagKeys";

    private static readonly HashSet<string> MultiValued = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:TagKeys", "aws:PrincipalOrgPaths", "aws:CalledVia", "sts:TransitiveTagKeys", "cognito-identity.amazonaws.com:amr",
        "aws:PrincipalServiceNamesList", "aws:SourceOrgPaths", "aws:ResourceOrgPaths",
    };

    /// <summary>Keys that say who the caller is: an effective clause on one of them restricts a wildcard principal.</summary>
    public static readonly IReadOnlyList<string> IdentityKeys = [PrincipalOrgId, PrincipalOrgPaths, PrincipalAccount, PrincipalArn, UserId];

    public static bool IsMultiValued(string key) => MultiValued.Contains(key);
}
