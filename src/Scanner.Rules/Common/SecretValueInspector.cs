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

    /// <summary>The first way <paramref name="node"/> exposes its secret, or null when it is kept secret (or unknown).</summary>
    public static SecretExposure? FindExposure(SyntaxNode? node, TemplateContext context) => FindExposure(node, context, 0);

    private static SecretExposure? FindExposure(SyntaxNode? node, TemplateContext context, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        switch (node)
        {
            case null or ScalarNode { IsNull: true }:
                return null;
            case ScalarNode scalar:
                return LiteralExposure(scalar, scalar.Text);
            case IntrinsicNode { Name: "Ref", Argument: ScalarNode target } reference:
                return ReferenceExposure(reference, target.Text, context);
            case IntrinsicNode { Name: "Fn::If" } choice when choice.Arguments is [ScalarNode condition, var whenTrue, var whenFalse]:
                // Judge the branch that will be deployed; when that cannot be decided, either branch may be.
                return context.Evaluator.EvaluateCondition(condition.Text) switch
                {
                    true => FindExposure(whenTrue, context, depth + 1),
                    false => FindExposure(whenFalse, context, depth + 1),
                    null => FindExposure(whenTrue, context, depth + 1) ?? FindExposure(whenFalse, context, depth + 1),
                };
            case IntrinsicNode { Name: "Fn::Sub" or "Fn::Join" } built:
                // Other functions say nothing about secrecy, except when they merely spell out literal text.
                return context.Evaluate(built) is LiteralValue literal && !IsSecureDynamicReference(literal.Text) && !MentionsParameter(built)
                    ? new SecretExposure(built, "is assembled from literal text in the template")
                    : null;
            default:
                return null;
        }
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

    private static SecretExposure? ReferenceExposure(IntrinsicNode node, string target, TemplateContext context)
    {
        if (target == "AWS::NoValue")
        {
            return null;
        }

        if (!context.Template.Parameters.TryGetValue(target, out var parameter))
        {
            return new SecretExposure(node, $"refers to '{target}', which is not a NoEcho parameter");
        }

        if (parameter.Default is not null)
        {
            return new SecretExposure(node, $"comes from parameter '{target}', whose Default value is written in the template");
        }

        return parameter.NoEcho ? null : new SecretExposure(node, $"comes from parameter '{target}', which is not NoEcho and so is shown in the console");
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
