using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Stack;

/// <summary>
/// W28: a resource given a fixed physical name. CloudFormation cannot create the replacement before deleting the
/// original when a change requires replacement, so such updates fail (or need the name changed too).
/// </summary>
public sealed class ResourceWithExplicitName : Rule
{
    /// <summary>The types cfn-nag checks, with the property that fixes their name.</summary>
    private static readonly Dictionary<string, string> NameProperties = new(StringComparer.Ordinal)
    {
        ["AWS::ApiGateway::ApiKey"] = "Name",
        ["AWS::CloudWatch::Alarm"] = "AlarmName",
        ["AWS::CodeDeploy::DeploymentConfig"] = "DeploymentConfigName",
        ["AWS::CodeDeploy::DeploymentGroup"] = "DeploymentGroupName",
        ["AWS::DynamoDB::Table"] = "TableName",
        ["AWS::EC2::SecurityGroup"] = "GroupName",
        ["AWS::ECR::Repository"] = "RepositoryName",
        ["AWS::ElasticLoadBalancingV2::LoadBalancer"] = "Name",
        ["AWS::Elasticsearch::Domain"] = "DomainName",
        ["AWS::IAM::Group"] = "GroupName",
        ["AWS::IAM::ManagedPolicy"] = "ManagedPolicyName",
        ["AWS::IAM::Role"] = "RoleName",
        ["AWS::Kinesis::Stream"] = "Name",
        ["AWS::RDS::DBInstance"] = "DBInstanceIdentifier",
    };

    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W28",
        "Resource has an explicit name",
        "Resource sets {0}, so updates that require replacing it will fail.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "CloudFormation",
        "CloudFormation replaces a resource by creating the new one before deleting the old. With a fixed name the new one cannot be created, so the update fails; fixed names also collide when the template is deployed twice in one account and region.",
        "Leave the name property out and let CloudFormation generate a unique name; expose it through Outputs if others need it.",
        aliases: [new RuleAlias("cfn-guard", "CFN_NO_EXPLICIT_RESOURCE_NAMES")],
        resourceTypes: NameProperties.Keys, kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, [.. NameProperties.Keys]);

    private static void Analyze(ResourceContext context)
    {
        var property = NameProperties[context.Type];
        var names = context.Variants(property);
        if (names.AlwaysPresent() || names.Literals().Any())
        {
            var name = names.FirstOrDefault(n => n.IsKnown) ?? names.First(n => !n.IsAbsent);
            context.Report(Rule, name, property);
        }
    }
}
