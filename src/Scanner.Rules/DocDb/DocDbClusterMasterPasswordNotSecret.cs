using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.DocDb;

/// <summary>F70: the DocumentDB cluster master password must not be readable from the template or the console.</summary>
public sealed class DocDbClusterMasterPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F70", "DocumentDB cluster master password", "AWS::DocDB::DBCluster", "MasterUserPassword", "DocDB", SecuritySeverity.Critical);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::DocDB::DBCluster";

    protected override string PropertyPath => "MasterUserPassword";
}
