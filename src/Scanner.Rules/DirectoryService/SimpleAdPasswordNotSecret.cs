using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.DirectoryService;

/// <summary>F31: the Simple AD administrator password must not be readable from the template or the console.</summary>
public sealed class SimpleAdPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F31", "Simple AD administrator password", "AWS::DirectoryService::SimpleAD", "Password", "DirectoryService", SecuritySeverity.Critical);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::DirectoryService::SimpleAD";

    protected override string PropertyPath => "Password";
}
