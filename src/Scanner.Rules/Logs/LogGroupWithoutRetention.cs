using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Logs;

/// <summary>W86: cloudWatch Logs log group keeps data forever.</summary>
public sealed class LogGroupWithoutRetention : RequiredPropertyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W86",
        "CloudWatch Logs log group keeps data forever",
        "Log group does not set RetentionInDays, so its events never expire.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "CloudWatchLogs",
        "Logs kept forever grow in cost and keep sensitive data longer than needed; a retention period makes the lifetime explicit.",
        "Set RetentionInDays to the period your policy requires.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_66"), new RuleAlias("cfn-guard", "CW_LOGGROUP_RETENTION_PERIOD_CHECK")],
        resourceTypes: ["AWS::Logs::LogGroup"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::Logs::LogGroup";

    protected override string PropertyPath => "RetentionInDays";
}
