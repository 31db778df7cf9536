using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.OpsWorks;

/// <summary>F62: the OpsWorks stack cookbook repository password must not be readable from the template or the console.</summary>
public sealed class OpsWorksStackCookbooksPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F62", "OpsWorks stack cookbook repository password", "AWS::OpsWorks::Stack", "CustomCookbooksSource.Password", "OpsWorks", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::OpsWorks::Stack";

    protected override string PropertyPath => "CustomCookbooksSource.Password";
}
