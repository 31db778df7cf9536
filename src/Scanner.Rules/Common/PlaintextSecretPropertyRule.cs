using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Common;

/// <summary>
/// Base of the "secret kept in plaintext" rules (cfn-nag's password family): a property holding a password, token
/// or key must be absent, or come from a secure dynamic reference or a NoEcho parameter without a Default. A
/// subclass names the resource type and the property path (<c>*</c> for every list item, e.g.
/// <c>Users.*.Password</c>); every offending value is reported at its own node.
/// </summary>
public abstract class PlaintextSecretPropertyRule : Rule
{
    /// <summary>The resource type the property belongs to.</summary>
    protected abstract string ResourceType { get; }

    /// <summary>Dotted path below Properties; a <c>*</c> segment stands for each item of a list.</summary>
    protected abstract string PropertyPath { get; }

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ResourceType);

    /// <summary>
    /// A descriptor in the family's shape: <paramref name="secret"/> names the value in words ("Amplify app access
    /// token"), <paramref name="propertyPath"/> is shown in the message so the finding says which setting it is.
    /// </summary>
    protected static RuleDescriptor Describe(
        string id,
        string secret,
        string resourceType,
        string propertyPath,
        string category,
        SecuritySeverity severity = SecuritySeverity.High,
        IEnumerable<RuleAlias>? aliases = null) =>
        RuleDescriptor.Create(
            id,
            $"{secret} is not kept secret",
            $"{secret} ({propertyPath}) {{0}}.",
            RuleLevel.Failure,
            severity,
            category,
            $"The {secret} is readable by anyone who can see the template, the stack's parameters in the console or the DescribeStacks output, unless it comes from a secret store or from a NoEcho parameter that has no Default.",
            "Take the value from a Secrets Manager or SSM SecureString dynamic reference ('{{resolve:secretsmanager:…}}', '{{resolve:ssm-secure:…}}'), or from a parameter declared with NoEcho: true and without a Default.",
            aliases,
            [resourceType],
            RuleKind.CfnNag);

    private void Analyze(ResourceContext context)
    {
        // Every deployable value (each list item for a '*' path, each branch of an Fn::If), reported once per node.
        var exposures = context.Variants(PropertyPath)
            .Select(value => (Value: value, Exposure: SecretValueInspector.FindExposure(value, context.TemplateContext)))
            .Where(e => e.Exposure is not null)
            .DistinctBy(e => e.Exposure!.Node);
        foreach (var (value, exposure) in exposures)
        {
            context.Report(Descriptor, exposure!.Node, value.Scenario, exposure.Reason);
        }
    }
}
