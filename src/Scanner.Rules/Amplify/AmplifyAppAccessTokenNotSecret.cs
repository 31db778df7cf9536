using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Amplify;

/// <summary>F41: the Amplify app repository access token must not be readable from the template or the console.</summary>
public sealed class AmplifyAppAccessTokenNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F41", "Amplify app repository access token", "AWS::Amplify::App", "AccessToken", "Amplify", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Amplify::App";

    protected override string PropertyPath => "AccessToken";
}
