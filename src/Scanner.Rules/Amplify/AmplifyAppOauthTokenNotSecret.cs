using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Amplify;

/// <summary>F58: the Amplify app repository OAuth token must not be readable from the template or the console.</summary>
public sealed class AmplifyAppOauthTokenNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F58", "Amplify app repository OAuth token", "AWS::Amplify::App", "OauthToken", "Amplify", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Amplify::App";

    protected override string PropertyPath => "OauthToken";
}
