using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

namespace Scanner.Rules.Stack;

/// <summary>
/// W1: AWS::CloudFormation::Authentication metadata (cfn-init sources) carrying credentials: accessKeyId, password
/// or secretKey. Values drawn from Secrets Manager / SSM SecureString dynamic references, or from NoEcho parameters
/// without a default, do not put the secret in the template and are accepted.
/// </summary>
public sealed class AuthenticationMetadataWithCredentials : Rule
{
    private static readonly string[] CredentialKeys = ["accessKeyId", "password", "secretKey"];

    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W1",
        "Credentials in CloudFormation authentication metadata",
        "AWS::CloudFormation::Authentication entry '{0}' carries a credential ({1}) in the template.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "CloudFormation",
        "cfn-init authentication blocks can hold access keys or passwords. Written in the template they are readable by anyone who can read the template, the stack or its history.",
        "Use roleName (an instance role) in the authentication block, or read the secret from Secrets Manager with a dynamic reference.",
        aliases: [new RuleAlias("cfn-guard", "CFN_AUTHENTICATION_RULE")],
        resourceTypes: ["*"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "*");

    private static void Analyze(ResourceContext context)
    {
        if (context.Resource.Metadata?.Get("AWS::CloudFormation::Authentication") is not MappingNode authentication)
        {
            return;
        }

        foreach (var (name, block) in authentication.UniqueEntries)
        {
            if (block is not MappingNode settings)
            {
                continue;
            }

            foreach (var key in CredentialKeys)
            {
                if (settings.GetKey(key) is { } keyNode && settings.Get(key) is { } value && IsExposed(context, value))
                {
                    context.Report(Rule, keyNode, name.Text, key);
                }
            }
        }
    }

    private static bool IsExposed(ResourceContext context, SyntaxNode value) => value switch
    {
        ScalarNode { IsNull: true } => false,
        ScalarNode { ScalarKind: ScalarKind.Boolean } scalar => scalar.BooleanValue == true,
        ScalarNode scalar => !IsSecretReference(scalar.Text),
        IntrinsicNode { Name: "Ref", Argument: ScalarNode target } =>
            !(context.Template.Parameters.TryGetValue(target.Text, out var parameter) && parameter.NoEcho && parameter.Default is null),
        _ => true,
    };

    private static bool IsSecretReference(string text) =>
        text.EndsWith("}}", StringComparison.Ordinal)
        && (text.StartsWith("{{resolve:secretsmanager:", StringComparison.Ordinal) || text.StartsWith("{{resolve:ssm-secure:", StringComparison.Ordinal));
}
