using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Batch;

/// <summary>W34: a Batch job whose container runs privileged has root on the host.</summary>
public sealed class BatchJobContainerPrivileged : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W34",
        "Batch job container runs privileged",
        "Batch job definition runs its container privileged (ContainerProperties.Privileged is true).",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Batch",
        "A privileged container gets elevated permissions on the host instance, much like root, so a compromised job can take over the host and the other jobs on it.",
        "Remove ContainerProperties.Privileged or set it to false; grant specific Linux capabilities instead if the job needs them.",
        aliases: [new RuleAlias("cfn-guard", "BATCH_JOB_CONTAINER_PROPERTIES_PRIVILEGED_RULE")],
        resourceTypes: ["AWS::Batch::JobDefinition"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::Batch::JobDefinition");

    private static void Analyze(ResourceContext context) => context.ForbidTrue(Rule, "ContainerProperties.Privileged");
}
