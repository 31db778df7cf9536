using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Rds;

/// <summary>
/// F80: a DB instance without DeletionProtection true. Aurora instances are exempt: their protection is set on the
/// cluster.
/// </summary>
public sealed class DbInstanceWithoutDeletionProtection : Rule
{
    private static readonly HashSet<string> AuroraEngines = new(StringComparer.OrdinalIgnoreCase) { "aurora", "aurora-mysql", "aurora-postgresql" };

    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F80",
        "RDS DB instance has no deletion protection",
        "RDS DB instance does not set DeletionProtection to true.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "RDS",
        "Without deletion protection, a stack update that replaces or removes the instance, or a single API call, deletes the database.",
        "Set DeletionProtection: true (and consider DeletionPolicy: Snapshot).",
        aliases: [new RuleAlias("cfn-guard", "RDS_INSTANCE_DELETION_PROTECTION_ENABLED")],
        resourceTypes: ["AWS::RDS::DBInstance"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::RDS::DBInstance");

    private static void Analyze(ResourceContext context)
    {
        // Aurora instances take deletion protection from their cluster.
        var unprotected = context.Combinations("Engine", "DeletionProtection")
            .FirstOrDefault(c => !(c[0].AsString is { } engine && AuroraEngines.Contains(engine.Trim())) && (c[1].IsAbsent || c[1].AsBoolean == false));
        if (unprotected is not null)
        {
            context.Report(Rule, unprotected[1]);
        }
    }
}
