using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Rds;

/// <summary>W75: a DB instance with automated backups turned off (BackupRetentionPeriod 0). Unset means the default of one day.</summary>
public sealed class DbInstanceWithoutBackups : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W75",
        "RDS DB instance has automated backups disabled",
        "RDS DB instance sets BackupRetentionPeriod to 0, which disables automated backups.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "RDS",
        "With a retention of 0 there are no automated backups and no point-in-time recovery: corrupted or deleted data cannot be restored.",
        "Set BackupRetentionPeriod to at least 7 days (or remove it to get the default).",
        aliases: [new RuleAlias("cfn-guard", "DB_INSTANCE_BACKUP_ENABLED")],
        resourceTypes: ["AWS::RDS::DBInstance"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::RDS::DBInstance");

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("BackupRetentionPeriod").FirstInteger(days => days == 0) is { } none)
        {
            context.Report(Rule, none);
        }
    }
}
