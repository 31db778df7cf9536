using Scanner.CloudFormation.Analysis;
using Scanner.Core.Engine;

namespace Scanner.Rules.Common;

/// <summary>
/// Base of the rules that require a boolean setting to be on (cfn-nag's BooleanBaseRule family: encryption,
/// key rotation…). The message's <c>{0}</c> receives why it is not ("is not set", "is false", …). An absent
/// setting is reported at the resource's Type; a present one at its value.
/// </summary>
public abstract class RequiredBooleanPropertyRule : Rule
{
    protected abstract string ResourceType { get; }

    /// <summary>Dotted path below Properties.</summary>
    protected abstract string PropertyPath { get; }

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ResourceType);

    /// <summary>Lets a rule skip resources the setting does not apply to (e.g. keys that cannot rotate).</summary>
    protected virtual bool AppliesTo(ResourceContext context) => true;

    private void Analyze(ResourceContext context)
    {
        if (AppliesTo(context))
        {
            context.RequireTrue(Descriptor, PropertyPath);
        }
    }
}
