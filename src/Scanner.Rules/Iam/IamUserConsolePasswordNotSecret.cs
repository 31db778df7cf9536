using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Iam;

/// <summary>F51: the IAM user console password must not be readable from the template or the console.</summary>
public sealed class IamUserConsolePasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F51", "IAM user console password", "AWS::IAM::User", "LoginProfile.Password", "IAM", SecuritySeverity.Critical,
        [new RuleAlias("cfn-guard", "IAM_USER_LOGIN_PROFILE_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::IAM::User";

    protected override string PropertyPath => "LoginProfile.Password";
}
