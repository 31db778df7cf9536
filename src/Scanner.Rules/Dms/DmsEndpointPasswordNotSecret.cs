using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Dms;

/// <summary>F37: the DMS endpoint database password must not be readable from the template or the console.</summary>
public sealed class DmsEndpointPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F37", "DMS endpoint database password", "AWS::DMS::Endpoint", "Password", "DMS", SecuritySeverity.Critical,
        [new RuleAlias("cfn-guard", "DMS_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::DMS::Endpoint";

    protected override string PropertyPath => "Password";
}
