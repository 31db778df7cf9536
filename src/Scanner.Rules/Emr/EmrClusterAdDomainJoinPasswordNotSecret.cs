using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Emr;

/// <summary>F63: the EMR cluster Kerberos AD domain-join password must not be readable from the template or the console.</summary>
public sealed class EmrClusterAdDomainJoinPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F63", "EMR cluster Kerberos AD domain-join password", "AWS::EMR::Cluster", "KerberosAttributes.ADDomainJoinPassword", "EMR", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::EMR::Cluster";

    protected override string PropertyPath => "KerberosAttributes.ADDomainJoinPassword";
}
