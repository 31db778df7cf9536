using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.AppStream;

/// <summary>F53: the AppStream directory service-account password must not be readable from the template or the console.</summary>
public sealed class AppStreamDirectoryServiceAccountPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F53", "AppStream directory service-account password", "AWS::AppStream::DirectoryConfig", "ServiceAccountCredentials.AccountPassword", "AppStream", SecuritySeverity.High);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::AppStream::DirectoryConfig";

    protected override string PropertyPath => "ServiceAccountCredentials.AccountPassword";
}
