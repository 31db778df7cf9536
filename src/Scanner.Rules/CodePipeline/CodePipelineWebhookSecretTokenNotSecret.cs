using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.CodePipeline;

/// <summary>F69: the CodePipeline webhook secret token must not be readable from the template or the console.</summary>
public sealed class CodePipelineWebhookSecretTokenNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F69", "CodePipeline webhook secret token", "AWS::CodePipeline::Webhook", "AuthenticationConfiguration.SecretToken", "CodePipeline", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::CodePipeline::Webhook";

    protected override string PropertyPath => "AuthenticationConfiguration.SecretToken";
}
