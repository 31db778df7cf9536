using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Ec2;

namespace Scanner.Rules.GameLift;

/// <summary>W65: a GameLift fleet inbound permission that opens a port range rather than one port.</summary>
public sealed class FleetInboundPortRange : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W65",
        "GameLift fleet inbound permission opens a port range",
        "GameLift fleet inbound permission opens ports {0} to {1} instead of a single port.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "GameLift",
        "Every open port of a fleet instance can be probed from the permitted addresses. A range usually opens more than the game server listens on.",
        "Give each EC2InboundPermissions entry FromPort equal to ToPort, one entry per port the server uses.",
        aliases: [new RuleAlias("cfn-guard", "GAMELIFT_FLEET_INBOUND_PORT_RANGE_RULE")],
        resourceTypes: ["AWS::GameLift::Fleet"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::GameLift::Fleet");

    private static void Analyze(ResourceContext context)
    {
        foreach (var permission in context.Variants("EC2InboundPermissions.*").Where(p => p.Value is MapValue))
        {
            foreach (var c in permission.Combinations("FromPort", "ToPort"))
            {
                var from = NetworkValues.Key(c[0]);
                var to = NetworkValues.Key(c[1]);
                if (from != to)
                {
                    context.Report(Rule, c[0].IsAbsent ? permission.Node : c[0].Node, c[1].Scenario, from, to);
                    break;
                }
            }
        }
    }
}
