using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Rds;

/// <summary>F24: the RDS instance master user name must not be readable from the template or the console.</summary>
public sealed class RdsInstanceMasterUsernameNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F24", "RDS instance master user name", "AWS::RDS::DBInstance", "MasterUsername", "RDS", SecuritySeverity.High,
        [new RuleAlias("cfn-guard", "RDS_MASTER_USER_NAME_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::RDS::DBInstance";

    protected override string PropertyPath => "MasterUsername";
}
