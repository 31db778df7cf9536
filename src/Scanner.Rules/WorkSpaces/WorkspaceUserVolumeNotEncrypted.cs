using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.WorkSpaces;

/// <summary>F29: workSpaces user volume is not encrypted.</summary>
public sealed class WorkspaceUserVolumeNotEncrypted : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F29",
        "WorkSpaces user volume is not encrypted",
        "WorkSpace user volume encryption (UserVolumeEncryptionEnabled) {0}.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "WorkSpaces",
        "The user volume holds the user's profile and files; unencrypted, it is readable by anyone who gets hold of the underlying storage or its snapshots.",
        "Set UserVolumeEncryptionEnabled: true with a VolumeEncryptionKey (and RootVolumeEncryptionEnabled for the root volume).",
        aliases: [new RuleAlias("cfn-guard", "WORKSPACE_ENCRYPTION_ENABLED")],
        resourceTypes: ["AWS::WorkSpaces::Workspace"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::WorkSpaces::Workspace";

    protected override string PropertyPath => "UserVolumeEncryptionEnabled";
}
