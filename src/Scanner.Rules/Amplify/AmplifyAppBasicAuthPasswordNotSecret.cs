using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Amplify;

/// <summary>F50: the Amplify app basic-auth password must not be readable from the template or the console.</summary>
public sealed class AmplifyAppBasicAuthPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F50", "Amplify app basic-auth password", "AWS::Amplify::App", "BasicAuthConfig.Password", "Amplify", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Amplify::App";

    protected override string PropertyPath => "BasicAuthConfig.Password";
}
