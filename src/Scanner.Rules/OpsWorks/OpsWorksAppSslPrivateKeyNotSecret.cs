using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.OpsWorks;

/// <summary>F61: the OpsWorks app SSL private key must not be readable from the template or the console.</summary>
public sealed class OpsWorksAppSslPrivateKeyNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F61", "OpsWorks app SSL private key", "AWS::OpsWorks::App", "SslConfiguration.PrivateKey", "OpsWorks", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::OpsWorks::App";

    protected override string PropertyPath => "SslConfiguration.PrivateKey";
}
