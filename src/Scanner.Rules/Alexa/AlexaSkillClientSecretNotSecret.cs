using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Alexa;

/// <summary>F74: the Alexa skill OAuth client secret must not be readable from the template or the console.</summary>
public sealed class AlexaSkillClientSecretNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F74", "Alexa skill OAuth client secret", "Alexa::ASK::Skill", "AuthenticationConfiguration.ClientSecret", "Alexa", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "Alexa::ASK::Skill";

    protected override string PropertyPath => "AuthenticationConfiguration.ClientSecret";
}
