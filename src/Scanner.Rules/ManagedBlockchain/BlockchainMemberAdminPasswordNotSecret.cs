using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.ManagedBlockchain;

/// <summary>F71: the Managed Blockchain member Fabric admin password must not be readable from the template or the console.</summary>
public sealed class BlockchainMemberAdminPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F71", "Managed Blockchain member Fabric admin password", "AWS::ManagedBlockchain::Member", "MemberConfiguration.MemberFrameworkConfiguration.MemberFabricConfiguration.AdminPassword", "ManagedBlockchain", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::ManagedBlockchain::Member";

    protected override string PropertyPath => "MemberConfiguration.MemberFrameworkConfiguration.MemberFabricConfiguration.AdminPassword";
}
