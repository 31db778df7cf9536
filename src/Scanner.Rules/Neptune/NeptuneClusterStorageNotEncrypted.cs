using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Neptune;

/// <summary>F30: a Neptune DB cluster without StorageEncrypted true.</summary>
public sealed class NeptuneClusterStorageNotEncrypted : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F30",
        "Neptune DB cluster storage is not encrypted",
        "Neptune DB cluster does not set StorageEncrypted to true.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "Neptune",
        "Unencrypted Neptune storage leaves the graph data, backups and snapshots readable to anyone who obtains the underlying storage or a shared snapshot.",
        "Set StorageEncrypted: true (and KmsKeyId to a customer managed key).",
        resourceTypes: ["AWS::Neptune::DBCluster"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(c => c.RequireTrue(Rule, "StorageEncrypted"), "AWS::Neptune::DBCluster");
}
