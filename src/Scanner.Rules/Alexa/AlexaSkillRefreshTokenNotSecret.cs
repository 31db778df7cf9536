using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Alexa;

/// <summary>F75: the Alexa skill OAuth refresh token must not be readable from the template or the console.</summary>
public sealed class AlexaSkillRefreshTokenNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F75", "Alexa skill OAuth refresh token", "Alexa::ASK::Skill", "AuthenticationConfiguration.RefreshToken", "Alexa", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "Alexa::ASK::Skill";

    protected override string PropertyPath => "AuthenticationConfiguration.RefreshToken";
}
