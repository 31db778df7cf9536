using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.AmazonMq;

/// <summary>F52: the Amazon MQ broker user password must not be readable from the template or the console.</summary>
public sealed class AmazonMqBrokerUserPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F52", "Amazon MQ broker user password", "AWS::AmazonMQ::Broker", "Users.*.Password", "AmazonMQ", SecuritySeverity.High,
        [new RuleAlias("cfn-guard", "AMAZON_MQ_BROKER_USERS_NO_PLAINTEXT_PASSWORD")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::AmazonMQ::Broker";

    protected override string PropertyPath => "Users.*.Password";
}
