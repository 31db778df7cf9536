using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Redshift;

/// <summary>F35: the Redshift cluster master password must not be readable from the template or the console.</summary>
public sealed class RedshiftClusterMasterPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F35", "Redshift cluster master password", "AWS::Redshift::Cluster", "MasterUserPassword", "Redshift", SecuritySeverity.Critical,
        [new RuleAlias("cfn-guard", "REDSHIFT_CLUSTER_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Redshift::Cluster";

    protected override string PropertyPath => "MasterUserPassword";
}
