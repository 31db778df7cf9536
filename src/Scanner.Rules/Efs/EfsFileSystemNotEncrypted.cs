using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Efs;

/// <summary>F32: eFS file system is not encrypted at rest.</summary>
public sealed class EfsFileSystemNotEncrypted : RequiredBooleanPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F32",
        "EFS file system is not encrypted at rest",
        "EFS file system encryption at rest (Encrypted) {0}.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "EFS",
        "EFS encryption at rest can only be chosen when the file system is created; an unencrypted file system must be recreated to fix it.",
        "Set Encrypted: true, optionally with KmsKeyId.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_42"), new RuleAlias("cfn-guard", "EFS_ENCRYPTED_CHECK")],
        resourceTypes: ["AWS::EFS::FileSystem"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::EFS::FileSystem";

    protected override string PropertyPath => "Encrypted";
}
