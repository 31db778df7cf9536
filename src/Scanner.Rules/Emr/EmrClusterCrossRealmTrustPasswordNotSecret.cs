using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Emr;

/// <summary>F64: the EMR cluster Kerberos cross-realm trust password must not be readable from the template or the console.</summary>
public sealed class EmrClusterCrossRealmTrustPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F64", "EMR cluster Kerberos cross-realm trust password", "AWS::EMR::Cluster", "KerberosAttributes.CrossRealmTrustPrincipalPassword", "EMR", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::EMR::Cluster";

    protected override string PropertyPath => "KerberosAttributes.CrossRealmTrustPrincipalPassword";
}
