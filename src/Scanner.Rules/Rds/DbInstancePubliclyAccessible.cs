using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Rds;

/// <summary>
/// F22: a DB instance that is, or may be, reachable from the internet: PubliclyAccessible true, or unset (the
/// default depends on the subnet group and is public in a default VPC).
/// </summary>
public sealed class DbInstancePubliclyAccessible : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F22",
        "RDS instance may be publicly accessible",
        "RDS DB instance is publicly accessible ({0}).",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "RDS",
        "A publicly accessible instance gets a public DNS name and address, so its port is reachable from the internet wherever security groups allow it. When PubliclyAccessible is unset the default depends on the network (public in a default VPC), so it must be stated. Critical: databases are the usual target of data theft.",
        "Set PubliclyAccessible: false and place the instance in private subnets (DBSubnetGroupName).",
        aliases: [new RuleAlias("cfn-guard", "RDS_INSTANCE_PUBLIC_ACCESS_CHECK")],
        resourceTypes: ["AWS::RDS::DBInstance"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::RDS::DBInstance");

    private static void Analyze(ResourceContext context)
    {
        var flag = context.Variants("PubliclyAccessible");
        if (flag.FirstAbsent() is { } unset)
        {
            context.Report(Rule, unset, "PubliclyAccessible is unset");
        }
        else if (flag.FirstTrue() is { } open)
        {
            context.Report(Rule, open, "PubliclyAccessible is true");
        }
    }
}
