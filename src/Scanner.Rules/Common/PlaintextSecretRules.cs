using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Common;

/// <summary>
/// One rule of the "secret kept in plaintext" family: a property holding a password, token or key, named in words
/// (<see cref="Secret"/>, "RDS instance master password") and by its dotted path below Properties (a <c>*</c> segment
/// stands for each item of a list, e.g. <c>Users.*.Password</c>).
/// </summary>
public sealed record PlaintextSecretRow(string Id, string Secret, string ResourceType, string PropertyPath, string Category, SecuritySeverity Severity) : IRuleRow
{
    public IReadOnlyList<RuleAlias> Aliases { get; init; } = [];

    public RuleDescriptor Describe() =>
        RuleDescriptor.Create(
            Id,
            $"{Secret} is not kept secret",
            $"{Secret} ({PropertyPath}) {{0}}.",
            RuleLevel.Failure,
            Severity,
            Category,
            $"The {Secret} is readable by anyone who can see the template, the stack's parameters in the console or the DescribeStacks output, unless it comes from a secret store or from a NoEcho parameter that has no Default.",
            "Take the value from a Secrets Manager or SSM SecureString dynamic reference ('{{resolve:secretsmanager:…}}', '{{resolve:ssm-secure:…}}'), or from a parameter declared with NoEcho: true and without a Default.",
            Aliases,
            [ResourceType],
            RuleKind.CfnNag);
}

/// <summary>
/// cfn-nag's password family as one table: each property must be absent, or come from a secure dynamic reference
/// or a NoEcho parameter without a Default; every offending value is reported at its own node.
/// </summary>
public sealed class PlaintextSecretRules : IRuleProvider
{
    public static IReadOnlyList<PlaintextSecretRow> Table { get; } =
    [
        new("F23", "RDS instance master password", "AWS::RDS::DBInstance", "MasterUserPassword", "RDS", SecuritySeverity.Critical) { Aliases = [Guard("RDS_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD")] },
        new("F24", "RDS instance master user name", "AWS::RDS::DBInstance", "MasterUsername", "RDS", SecuritySeverity.High) { Aliases = [Guard("RDS_MASTER_USER_NAME_NO_PLAINTEXT_PASSWORD")] },
        new("F31", "Simple AD administrator password", "AWS::DirectoryService::SimpleAD", "Password", "DirectoryService", SecuritySeverity.Critical),
        new("F34", "RDS cluster master password", "AWS::RDS::DBCluster", "MasterUserPassword", "RDS", SecuritySeverity.Critical) { Aliases = [Guard("RDS_CLUSTER_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD")] },
        new("F35", "Redshift cluster master password", "AWS::Redshift::Cluster", "MasterUserPassword", "Redshift", SecuritySeverity.Critical) { Aliases = [Guard("REDSHIFT_CLUSTER_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD")] },
        new("F36", "Microsoft AD administrator password", "AWS::DirectoryService::MicrosoftAD", "Password", "DirectoryService", SecuritySeverity.Critical) { Aliases = [Guard("MICROSOFT_AD_NO_PLAINTEXT_PASSWORD")] },
        new("F37", "DMS endpoint database password", "AWS::DMS::Endpoint", "Password", "DMS", SecuritySeverity.Critical) { Aliases = [Guard("DMS_NO_PLAINTEXT_PASSWORD")] },
        new("F41", "Amplify app repository access token", "AWS::Amplify::App", "AccessToken", "Amplify", SecuritySeverity.High),
        new("F42", "Pinpoint APNs sandbox channel private key", "AWS::Pinpoint::APNSSandboxChannel", "PrivateKey", "Pinpoint", SecuritySeverity.High),
        new("F43", "Pinpoint APNs sandbox channel token key", "AWS::Pinpoint::APNSSandboxChannel", "TokenKey", "Pinpoint", SecuritySeverity.High),
        new("F44", "ElastiCache replication group AUTH token", "AWS::ElastiCache::ReplicationGroup", "AuthToken", "ElastiCache", SecuritySeverity.High),
        new("F45", "Lambda permission event source token", "AWS::Lambda::Permission", "EventSourceToken", "Lambda", SecuritySeverity.High),
        new("F46", "Pinpoint APNs VoIP sandbox channel private key", "AWS::Pinpoint::APNSVoipSandboxChannel", "PrivateKey", "Pinpoint", SecuritySeverity.High),
        new("F47", "Pinpoint APNs VoIP sandbox channel token key", "AWS::Pinpoint::APNSVoipSandboxChannel", "TokenKey", "Pinpoint", SecuritySeverity.High),
        new("F48", "Pinpoint APNs VoIP channel private key", "AWS::Pinpoint::APNSVoipChannel", "PrivateKey", "Pinpoint", SecuritySeverity.High),
        new("F49", "Pinpoint APNs VoIP channel token key", "AWS::Pinpoint::APNSVoipChannel", "TokenKey", "Pinpoint", SecuritySeverity.High),
        new("F50", "Amplify app basic-auth password", "AWS::Amplify::App", "BasicAuthConfig.Password", "Amplify", SecuritySeverity.High),
        new("F51", "IAM user console password", "AWS::IAM::User", "LoginProfile.Password", "IAM", SecuritySeverity.Critical) { Aliases = [Guard("IAM_USER_LOGIN_PROFILE_NO_PLAINTEXT_PASSWORD")] },
        new("F52", "Amazon MQ broker user password", "AWS::AmazonMQ::Broker", "Users.*.Password", "AmazonMQ", SecuritySeverity.High) { Aliases = [Guard("AMAZON_MQ_BROKER_USERS_NO_PLAINTEXT_PASSWORD")] },
        new("F53", "AppStream directory service-account password", "AWS::AppStream::DirectoryConfig", "ServiceAccountCredentials.AccountPassword", "AppStream", SecuritySeverity.High),
        new("F54", "OpsWorks stack RDS database password", "AWS::OpsWorks::Stack", "RdsDbInstances.*.DbPassword", "OpsWorks", SecuritySeverity.Critical),
        new("F55", "DMS endpoint MongoDB password", "AWS::DMS::Endpoint", "MongoDbSettings.Password", "DMS", SecuritySeverity.Critical),
        new("F56", "Pinpoint APNs channel token key", "AWS::Pinpoint::APNSChannel", "TokenKey", "Pinpoint", SecuritySeverity.High),
        new("F57", "Pinpoint APNs channel private key", "AWS::Pinpoint::APNSChannel", "PrivateKey", "Pinpoint", SecuritySeverity.High),
        new("F58", "Amplify app repository OAuth token", "AWS::Amplify::App", "OauthToken", "Amplify", SecuritySeverity.High),
        new("F60", "Amplify branch basic-auth password", "AWS::Amplify::Branch", "BasicAuthConfig.Password", "Amplify", SecuritySeverity.High),
        new("F61", "OpsWorks app SSL private key", "AWS::OpsWorks::App", "SslConfiguration.PrivateKey", "OpsWorks", SecuritySeverity.High),
        new("F62", "OpsWorks stack cookbook repository password", "AWS::OpsWorks::Stack", "CustomCookbooksSource.Password", "OpsWorks", SecuritySeverity.High),
        new("F63", "EMR cluster Kerberos AD domain-join password", "AWS::EMR::Cluster", "KerberosAttributes.ADDomainJoinPassword", "EMR", SecuritySeverity.High),
        new("F64", "EMR cluster Kerberos cross-realm trust password", "AWS::EMR::Cluster", "KerberosAttributes.CrossRealmTrustPrincipalPassword", "EMR", SecuritySeverity.High),
        new("F65", "EMR cluster Kerberos KDC admin password", "AWS::EMR::Cluster", "KerberosAttributes.KdcAdminPassword", "EMR", SecuritySeverity.High),
        new("F66", "Firehose Redshift destination password", "AWS::KinesisFirehose::DeliveryStream", "RedshiftDestinationConfiguration.Password", "KinesisFirehose", SecuritySeverity.High) { Aliases = [Guard("KINESIS_FIREHOSE_REDSHIFT_DESTINATION_CONFIGURATION_NO_PLAINTEXT_PASSWORD")] },
        new("F67", "OpsWorks app source repository password", "AWS::OpsWorks::App", "AppSource.Password", "OpsWorks", SecuritySeverity.High),
        new("F68", "Firehose Splunk HEC token", "AWS::KinesisFirehose::DeliveryStream", "SplunkDestinationConfiguration.HECToken", "KinesisFirehose", SecuritySeverity.High) { Aliases = [Guard("KINESIS_FIREHOSE_SPLUNK_DESTINATION_CONFIGURATION_NO_PLAINTEXT_PASSWORD")] },
        new("F69", "CodePipeline webhook secret token", "AWS::CodePipeline::Webhook", "AuthenticationConfiguration.SecretToken", "CodePipeline", SecuritySeverity.High),
        new("F70", "DocumentDB cluster master password", "AWS::DocDB::DBCluster", "MasterUserPassword", "DocDB", SecuritySeverity.Critical),
        new("F71", "Managed Blockchain member Fabric admin password", "AWS::ManagedBlockchain::Member", "MemberConfiguration.MemberFrameworkConfiguration.MemberFabricConfiguration.AdminPassword", "ManagedBlockchain", SecuritySeverity.High),
        new("F74", "Alexa skill OAuth client secret", "Alexa::ASK::Skill", "AuthenticationConfiguration.ClientSecret", "Alexa", SecuritySeverity.High),
        new("F75", "Alexa skill OAuth refresh token", "Alexa::ASK::Skill", "AuthenticationConfiguration.RefreshToken", "Alexa", SecuritySeverity.High),
    ];

    private static readonly IRule[] Instances = [.. Table.Select(row => new PlaintextSecretPropertyRule(row))];

    public IEnumerable<IRule> Rules => Instances;

    private static RuleAlias Guard(string rule) => new("cfn-guard", rule);
}

/// <summary>A row of <see cref="PlaintextSecretRules"/> as a rule.</summary>
public sealed class PlaintextSecretPropertyRule(PlaintextSecretRow row) : RowRule<PlaintextSecretRow>(row)
{
    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, Row.ResourceType);

    private void Analyze(ResourceContext context)
    {
        // Every deployable value (each list item for a '*' path, each branch of an Fn::If), reported once per node.
        var exposures = context.Variants(Row.PropertyPath)
            .Select(value => (Value: value, Exposure: SecretValueInspector.FindExposure(value, context.TemplateContext)))
            .Where(e => e.Exposure is not null)
            .DistinctBy(e => e.Exposure!.Node);
        foreach (var (value, exposure) in exposures)
        {
            context.Report(Descriptor, exposure!.Node, value.Scenario, exposure.Reason);
        }
    }
}
