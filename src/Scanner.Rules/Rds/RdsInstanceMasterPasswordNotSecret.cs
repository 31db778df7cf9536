using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Rds;

/// <summary>F23: the RDS instance master password must not be readable from the template or the console.</summary>
public sealed class RdsInstanceMasterPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F23", "RDS instance master password", "AWS::RDS::DBInstance", "MasterUserPassword", "RDS", SecuritySeverity.Critical,
        [new RuleAlias("cfn-guard", "RDS_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::RDS::DBInstance";

    protected override string PropertyPath => "MasterUserPassword";
}
