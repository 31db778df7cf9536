using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Emr;

/// <summary>F65: the EMR cluster Kerberos KDC admin password must not be readable from the template or the console.</summary>
public sealed class EmrClusterKdcAdminPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F65", "EMR cluster Kerberos KDC admin password", "AWS::EMR::Cluster", "KerberosAttributes.KdcAdminPassword", "EMR", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::EMR::Cluster";

    protected override string PropertyPath => "KerberosAttributes.KdcAdminPassword";
}
