using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.DirectoryService;

/// <summary>F36: the Microsoft AD administrator password must not be readable from the template or the console.</summary>
public sealed class MicrosoftAdPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F36", "Microsoft AD administrator password", "AWS::DirectoryService::MicrosoftAD", "Password", "DirectoryService", SecuritySeverity.Critical,
        [new RuleAlias("cfn-guard", "MICROSOFT_AD_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::DirectoryService::MicrosoftAD";

    protected override string PropertyPath => "Password";
}
