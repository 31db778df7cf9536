using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.Common;

/// <summary>Where a secret leaks and why, for the message.</summary>
public sealed record SecretExposure(SyntaxNode Node, string Reason);

/// <summary>
/// Decides whether a value that should be secret (a password, token or private key) is actually kept secret. It
/// is kept secret when it comes from a Secrets Manager or SSM SecureString dynamic reference, or from a parameter
/// with NoEcho and no Default (so nobody can read it back from the template or the console).
/// </summary>
public static class SecretValueInspector
{
    private const string SecretsManagerPrefix = "{{resolve:secretsmanager:";
    private const string SecureStringPrefix = "{{resolve:ssm-secure:";

    /// <summary>True for a complete <c>{{resolve:secretsmanager:…}}</c> or <c>{{resolve:ssm-secure:…}}</c> reference.</summary>
    public static bool IsSecureDynamicReference(string text) =>
        (text.StartsWith(SecretsManagerPrefix, StringComparison.Ordinal) || text.StartsWith(SecureStringPrefix, StringComparison.Ordinal))
        && text.EndsWith("}}", StringComparison.Ordinal);

    /// <summary>How one deployable value exposes its secret, or null when it is kept secret (or absent, or unknown).</summary>
    public static SecretExposure? FindExposure(Variant value, TemplateContext context)
    {
        if (value.IsAbsent || value.Node is not { } node)
        {
            return null;
        }

        if (value.SourceParameter is { } name && context.Template.Parameters.TryGetValue(name, out var parameter))
        {
            if (parameter.Default is not null)
            {
                return new SecretExposure(node, $"comes from parameter '{name}', whose Default value is written in the template");
            }

            return parameter.NoEcho ? null : new SecretExposure(node, $"comes from parameter '{name}', which is not NoEcho and so is shown in the console");
        }

        return node switch
        {
            ScalarNode scalar => LiteralExposure(scalar, scalar.Text),
            IntrinsicNode { Name: "Ref", Argument: ScalarNode target } => new SecretExposure(node, $"refers to '{target.Text}', which is not a NoEcho parameter"),

            // Other functions say nothing about secrecy, except when they merely spell out literal text.
            IntrinsicNode { Name: "Fn::Sub" or "Fn::Join" } built when value.Value is LiteralValue literal && !IsSecureDynamicReference(literal.Text) && !MentionsParameter(built)
                => new SecretExposure(built, "is assembled from literal text in the template"),
            _ => null,
        };
    }

    private static SecretExposure? LiteralExposure(SyntaxNode node, string text)
    {
        if (IsSecureDynamicReference(text))
        {
            return null;
        }

        return text.StartsWith("{{resolve:ssm:", StringComparison.Ordinal)
            ? new SecretExposure(node, "reads a plain SSM String parameter, which is stored unencrypted")
            : new SecretExposure(node, "is written in the template as plaintext");
    }

    private static bool MentionsParameter(SyntaxNode node) => node switch
    {
        IntrinsicNode { Name: "Ref" } => true,
        IntrinsicNode { Name: "Fn::Sub" } sub => (sub.Arguments[0] is ScalarNode s && s.Text.Contains("${", StringComparison.Ordinal)) || sub.Arguments.Skip(1).Any(MentionsParameter),
        IntrinsicNode fn => fn.Arguments.Any(MentionsParameter),
        SequenceNode list => list.Items.Any(MentionsParameter),
        MappingNode map => map.Entries.Any(e => MentionsParameter(e.Value)),
        _ => false,
    };
}
