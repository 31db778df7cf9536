using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Amplify;

/// <summary>F60: the Amplify branch basic-auth password must not be readable from the template or the console.</summary>
public sealed class AmplifyBranchBasicAuthPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F60", "Amplify branch basic-auth password", "AWS::Amplify::Branch", "BasicAuthConfig.Password", "Amplify", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Amplify::Branch";

    protected override string PropertyPath => "BasicAuthConfig.Password";
}
