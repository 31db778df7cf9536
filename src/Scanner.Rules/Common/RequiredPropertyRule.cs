using Scanner.CloudFormation.Analysis;
using Scanner.Core.Engine;

namespace Scanner.Rules.Common;

/// <summary>
/// Base of the rules that require a setting to be present (a KMS key id, a retention period…). Absent, null and
/// AWS::NoValue count as missing in any deployable variant; any other value, known or not, satisfies the rule.
/// Reported at the resource's Type when absent, at the value when it is removed with AWS::NoValue.
/// </summary>
public abstract class RequiredPropertyRule : Rule
{
    protected abstract string ResourceType { get; }

    /// <summary>Dotted path below Properties.</summary>
    protected abstract string PropertyPath { get; }

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ResourceType);

    private void Analyze(ResourceContext context) => context.RequirePresent(Descriptor, PropertyPath);
}
