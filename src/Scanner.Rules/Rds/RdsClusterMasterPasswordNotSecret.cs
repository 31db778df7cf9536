using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Rds;

/// <summary>F34: the RDS cluster master password must not be readable from the template or the console.</summary>
public sealed class RdsClusterMasterPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F34", "RDS cluster master password", "AWS::RDS::DBCluster", "MasterUserPassword", "RDS", SecuritySeverity.Critical,
        [new RuleAlias("cfn-guard", "RDS_CLUSTER_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::RDS::DBCluster";

    protected override string PropertyPath => "MasterUserPassword";
}
