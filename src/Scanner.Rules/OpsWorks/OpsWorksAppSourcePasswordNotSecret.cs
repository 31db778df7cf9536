using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.OpsWorks;

/// <summary>F67: the OpsWorks app source repository password must not be readable from the template or the console.</summary>
public sealed class OpsWorksAppSourcePasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F67", "OpsWorks app source repository password", "AWS::OpsWorks::App", "AppSource.Password", "OpsWorks", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::OpsWorks::App";

    protected override string PropertyPath => "AppSource.Password";
}
