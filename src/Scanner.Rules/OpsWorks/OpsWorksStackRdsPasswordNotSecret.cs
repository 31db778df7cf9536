using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.OpsWorks;

/// <summary>F54: the OpsWorks stack RDS database password must not be readable from the template or the console.</summary>
public sealed class OpsWorksStackRdsPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F54", "OpsWorks stack RDS database password", "AWS::OpsWorks::Stack", "RdsDbInstances.*.DbPassword", "OpsWorks", SecuritySeverity.Critical);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::OpsWorks::Stack";

    protected override string PropertyPath => "RdsDbInstances.*.DbPassword";
}
