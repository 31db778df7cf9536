using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.ApiGateway;

namespace Scanner.Rules.Common;

/// <summary>What a setting row asks of its property, in every deployable variant of the resource.</summary>
public enum Must
{
    /// <summary>
    /// A boolean that must be true (encryption, rotation, recovery): absent, false and AWS::NoValue are reported,
    /// with why as the message's <c>{0}</c> ("is not set", "is false (the default of parameter X)").
    /// </summary>
    BeTrue,

    /// <summary>
    /// A property that must be present (a KMS key, a logging configuration): absent, null and AWS::NoValue are
    /// reported ("is not set", "is removed with AWS::NoValue"); any other value, known or not, satisfies it.
    /// </summary>
    BeSet,

    /// <summary>A boolean that must not be true (privileged, public): reported where it is true; absent is off.</summary>
    NotBeTrue,

    /// <summary>A value that must not be used (a public canned ACL, a default ALLOW): reported where the literal is <see cref="SettingRow.Value"/>.</summary>
    NotBe,

    /// <summary>A list that must stay empty (users named directly): reported at its key where it holds an item.</summary>
    BeEmpty,
}

/// <summary>
/// One rule of the settings family: a resource type, a dotted property path below Properties, what the property
/// must be, and the rule's texts. A value known only at deploy time never counts against the setting; a missing
/// setting is reported at the resource's Type, a present one at its value.
/// </summary>
public sealed record SettingRow(
    string Id,
    string ResourceType,
    string PropertyPath,
    Must Requirement,
    RuleLevel Level,
    SecuritySeverity Severity,
    string Category,
    string Title,
    string Message,
    string Description,
    string Remediation) : IRuleRow
{
    public IReadOnlyList<RuleAlias> Aliases { get; init; } = [];

    /// <summary>The value a <see cref="Must.NotBe"/> row reports (compared with the literal, surrounding blanks ignored).</summary>
    public string? Value { get; init; }

    /// <summary>Which resources the setting applies to (all of the type by default).</summary>
    public Func<ResourceContext, bool>? AppliesTo { get; init; }

    public RuleDescriptor Describe() =>
        RuleDescriptor.Create(Id, Title, Message, Level, Severity, Category, Description, Remediation, Aliases, [ResourceType], RuleKind.CfnNag);
}

/// <summary>
/// cfn-nag's setting rules as one table: encryption settings (a flag that must be on, or a key that must be named),
/// other required settings (logging, recovery, network placement) and flags, values and lists that must stay off.
/// </summary>
public sealed class SettingRules : IRuleProvider
{
    private const string BucketType = "AWS::S3::Bucket";

    /// <summary>Encryption at rest and in transit, and the keys it uses.</summary>
    public static IReadOnlyList<SettingRow> Encryption { get; } =
    [
        new("F1", "AWS::EC2::Volume", "Encrypted", Must.BeTrue, RuleLevel.Failure, SecuritySeverity.High, "EC2",
            "EBS volume is not encrypted",
            "EBS volume encryption (Encrypted) {0}.",
            "An unencrypted EBS volume stores its data, and every snapshot taken from it, in the clear.",
            "Set Encrypted: true (and preferably KmsKeyId), or turn on EBS encryption by default for the account.")
        {
            Aliases = [Checkov("CKV_AWS_3"), Guard("ENCRYPTED_VOLUMES")],
        },
        new("F19", "AWS::KMS::Key", "EnableKeyRotation", Must.BeTrue, RuleLevel.Failure, SecuritySeverity.High, "KMS",
            "KMS key does not rotate",
            "KMS key automatic rotation (EnableKeyRotation) {0}.",
            "Rotating key material limits how much data one key version protects and how long a leaked version stays useful. Asymmetric and HMAC keys cannot rotate and are not checked.",
            "Set EnableKeyRotation: true.")
        {
            Aliases = [Checkov("CKV_AWS_7"), Guard("CMK_BACKING_KEY_ROTATION_ENABLED")],
            AppliesTo = SymmetricKeys,
        },
        new("F25", "AWS::ElastiCache::ReplicationGroup", "AtRestEncryptionEnabled", Must.BeTrue, RuleLevel.Failure, SecuritySeverity.High, "ElastiCache",
            "ElastiCache replication group is not encrypted at rest",
            "ElastiCache replication group encryption at rest (AtRestEncryptionEnabled) {0}.",
            "Without encryption at rest, cached data, backups and swap on the nodes are stored in the clear. It cannot be turned on after creation.",
            "Set AtRestEncryptionEnabled: true, optionally with KmsKeyId.")
        {
            Aliases = [Checkov("CKV_AWS_29"), Guard("ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_AT_REST")],
        },
        new("F26", "AWS::RDS::DBCluster", "StorageEncrypted", Must.BeTrue, RuleLevel.Failure, SecuritySeverity.High, "RDS",
            "RDS DB cluster storage is not encrypted",
            "RDS DB cluster does not set StorageEncrypted to true.",
            "Unencrypted cluster storage leaves the data, its backups and snapshots readable to anyone who obtains the underlying storage or a shared snapshot. Encryption cannot be turned on later without a restore.",
            "Set StorageEncrypted: true (and KmsKeyId to a customer managed key).")
        {
            Aliases = [Guard("RDS_STORAGE_ENCRYPTED")],
        },
        new("F28", "AWS::Redshift::Cluster", "Encrypted", Must.BeTrue, RuleLevel.Failure, SecuritySeverity.High, "Redshift",
            "Redshift cluster is not encrypted",
            "Redshift cluster does not set Encrypted to true.",
            "An unencrypted cluster stores its data blocks, backups and snapshots in clear; warehouse data is usually the most sensitive an organisation has.",
            "Set Encrypted: true (and KmsKeyId to a customer managed key).")
        {
            Aliases = [Guard("REDSHIFT_CLUSTER_CONFIGURATION_CHECK")],
        },
        new("F29", "AWS::WorkSpaces::Workspace", "UserVolumeEncryptionEnabled", Must.BeTrue, RuleLevel.Failure, SecuritySeverity.High, "WorkSpaces",
            "WorkSpaces user volume is not encrypted",
            "WorkSpace user volume encryption (UserVolumeEncryptionEnabled) {0}.",
            "The user volume holds the user's profile and files; unencrypted, it is readable by anyone who gets hold of the underlying storage or its snapshots.",
            "Set UserVolumeEncryptionEnabled: true with a VolumeEncryptionKey (and RootVolumeEncryptionEnabled for the root volume).")
        {
            Aliases = [Guard("WORKSPACE_ENCRYPTION_ENABLED")],
        },
        new("F30", "AWS::Neptune::DBCluster", "StorageEncrypted", Must.BeTrue, RuleLevel.Failure, SecuritySeverity.High, "Neptune",
            "Neptune DB cluster storage is not encrypted",
            "Neptune DB cluster does not set StorageEncrypted to true.",
            "Unencrypted Neptune storage leaves the graph data, backups and snapshots readable to anyone who obtains the underlying storage or a shared snapshot.",
            "Set StorageEncrypted: true (and KmsKeyId to a customer managed key)."),
        new("F32", "AWS::EFS::FileSystem", "Encrypted", Must.BeTrue, RuleLevel.Failure, SecuritySeverity.High, "EFS",
            "EFS file system is not encrypted at rest",
            "EFS file system encryption at rest (Encrypted) {0}.",
            "EFS encryption at rest can only be chosen when the file system is created; an unencrypted file system must be recreated to fix it.",
            "Set Encrypted: true, optionally with KmsKeyId.")
        {
            Aliases = [Checkov("CKV_AWS_42"), Guard("EFS_ENCRYPTED_CHECK")],
        },
        new("F33", "AWS::ElastiCache::ReplicationGroup", "TransitEncryptionEnabled", Must.BeTrue, RuleLevel.Failure, SecuritySeverity.High, "ElastiCache",
            "ElastiCache replication group does not encrypt traffic",
            "ElastiCache replication group encryption in transit (TransitEncryptionEnabled) {0}.",
            "Without TLS, data and AUTH tokens travel in the clear between clients and nodes and between the nodes themselves.",
            "Set TransitEncryptionEnabled: true.")
        {
            Aliases = [Checkov("CKV_AWS_30"), Guard("ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_IN_TRANSIT")],
        },
        new("W32", "AWS::CodeBuild::Project", "EncryptionKey", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "CodeBuild",
            "CodeBuild project has no encryption key",
            "CodeBuild project does not set EncryptionKey, so its build artifacts are encrypted with the AWS managed key.",
            "Without EncryptionKey, artifacts are encrypted with the account's aws/s3 managed key, whose use cannot be restricted by key policy or audited per project.",
            "Set EncryptionKey to the ARN or alias of a customer managed KMS key.")
        {
            Aliases = [Guard("CODEBUILD_ENCRYPTION_KEY_RULE")],
        },
        new("W37", "AWS::EC2::Volume", "KmsKeyId", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "EC2",
            "EBS volume does not name a KMS key",
            "EBS volume does not set KmsKeyId, so it is encrypted (if at all) with the AWS managed key.",
            "Without a customer managed key you cannot control who may use the key, audit it separately or share encrypted snapshots across accounts.",
            "Set KmsKeyId to a customer managed KMS key.")
        {
            Aliases = [Guard("EBS_VOLUME_ENCRYPTION_KEY_RULE")],
        },
        new("W41", BucketType, "BucketEncryption", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "S3",
            "S3 bucket does not declare default encryption",
            "S3 bucket does not set BucketEncryption.",
            "S3 now encrypts new objects with SSE-S3 by default, but a template that states its encryption (and can choose SSE-KMS with a customer managed key) is auditable and controls who may decrypt.",
            "Set BucketEncryption.ServerSideEncryptionConfiguration, preferably with SSEAlgorithm aws:kms and a customer managed KMSMasterKeyID.")
        {
            Aliases = [Guard("S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED")],
        },
        new("W47", "AWS::SNS::Topic", "KmsMasterKeyId", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Medium, "SNS",
            "SNS topic is not encrypted with KMS",
            "SNS topic does not set KmsMasterKeyId, so messages are stored unencrypted.",
            "Without server-side encryption, messages published to the topic are stored in the clear until delivered.",
            "Set KmsMasterKeyId to a KMS key (alias/aws/sns or a customer managed key).")
        {
            Aliases = [Checkov("CKV_AWS_26"), Guard("SNS_ENCRYPTED_KMS")],
        },
        new("W48", "AWS::SQS::Queue", "KmsMasterKeyId", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Medium, "SQS",
            "SQS queue is not encrypted with KMS",
            "SQS queue does not set KmsMasterKeyId, so its messages are not encrypted with a KMS key.",
            "With a KMS key you control and audit who can read queued messages; without one, the messages are unencrypted or use SQS-owned keys.",
            "Set KmsMasterKeyId to a KMS key (alias/aws/sqs or a customer managed key).")
        {
            Aliases = [Checkov("CKV_AWS_27"), Guard("SQS_QUEUE_KMS_MASTER_KEY_ID_RULE")],
        },
        new("W53", "AWS::AmazonMQ::Broker", "EncryptionOptions", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "AmazonMQ",
            "Amazon MQ broker does not declare its encryption key",
            "Amazon MQ broker does not set EncryptionOptions, so the choice of encryption key is left to the default.",
            "Declaring EncryptionOptions makes the key protecting the broker's messages explicit, and lets you use a customer managed KMS key.",
            "Set EncryptionOptions (UseAwsOwnedKey: false with KmsKeyId for a customer managed key).")
        {
            Aliases = [Guard("AMAZON_MQ_BROKER_ENCRYPTION_OPTIONS_RULE")],
        },
        new("W54", "AWS::Elasticsearch::Domain", "EncryptionAtRestOptions.Enabled", Must.BeTrue, RuleLevel.Warning, SecuritySeverity.Medium, "Elasticsearch",
            "Elasticsearch domain is not encrypted at rest",
            "Elasticsearch domain encryption at rest (EncryptionAtRestOptions.Enabled) {0}.",
            "Without encryption at rest, indices, logs, swap and automated snapshots of the domain are stored in the clear.",
            "Set EncryptionAtRestOptions.Enabled: true, optionally with KmsKeyId.")
        {
            Aliases = [Checkov("CKV_AWS_5"), Guard("ELASTICSEARCH_ENCRYPTED_AT_REST")],
        },
        new("W74", "AWS::DynamoDB::Table", "SSESpecification.SSEEnabled", Must.BeTrue, RuleLevel.Warning, SecuritySeverity.Medium, "DynamoDB",
            "DynamoDB table is not encrypted with a KMS key",
            "DynamoDB table KMS encryption (SSESpecification.SSEEnabled) {0}; the table uses the AWS owned key.",
            "Tables are always encrypted, but with an AWS owned key that you cannot see, audit or restrict. SSEEnabled: true switches to a KMS key (AWS managed or your own).",
            "Set SSESpecification.SSEEnabled: true with SSEType: KMS, and KMSMasterKeyId for a customer managed key.")
        {
            Aliases = [Guard("DYNAMODB_TABLE_ENCRYPTED_KMS")],
        },
        new("W77", "AWS::SecretsManager::Secret", "KmsKeyId", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Medium, "SecretsManager",
            "Secrets Manager secret does not name a KMS key",
            "Secret does not set KmsKeyId, so it is encrypted with the AWS managed key aws/secretsmanager.",
            "The AWS managed key cannot be restricted by a key policy of your own, and secrets encrypted with it cannot be shared with other accounts.",
            "Set KmsKeyId to a customer managed KMS key.")
        {
            Aliases = [Checkov("CKV_AWS_149"), Guard("SECRETSMANAGER_USING_CMK")],
        },
        new("W80", "AWS::Kendra::Index", "ServerSideEncryptionConfiguration.KmsKeyId", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Medium, "Kendra",
            "Kendra index does not name a KMS key",
            "Kendra index does not set ServerSideEncryptionConfiguration.KmsKeyId, so it is encrypted with an AWS owned key.",
            "With an AWS owned key you cannot control or audit who uses the key that protects the indexed documents.",
            "Set ServerSideEncryptionConfiguration.KmsKeyId to a customer managed KMS key.")
        {
            Aliases = [Guard("KENDRA_INDEX_ENCRYPTION_KMS_KEY_ID_RULE")],
        },
        new("W83", "AWS::DAX::Cluster", "SSESpecification.SSEEnabled", Must.BeTrue, RuleLevel.Warning, SecuritySeverity.Medium, "DAX",
            "DAX cluster is not encrypted at rest",
            "DAX cluster server-side encryption (SSESpecification.SSEEnabled) {0}.",
            "A DAX cluster caches DynamoDB items on its nodes; without server-side encryption the cached data is stored in the clear. It can only be chosen at creation.",
            "Set SSESpecification.SSEEnabled: true.")
        {
            Aliases = [Checkov("CKV_AWS_47"), Guard("DAX_ENCRYPTION_ENABLED")],
        },
        new("W84", "AWS::Logs::LogGroup", "KmsKeyId", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "CloudWatchLogs",
            "CloudWatch Logs log group does not name a KMS key",
            "Log group does not set KmsKeyId, so its data is encrypted only with the service's own key.",
            "Logs often carry sensitive data. A customer managed key lets you restrict and audit who can decrypt them.",
            "Set KmsKeyId to the ARN of a KMS key whose policy allows CloudWatch Logs to use it.")
        {
            Aliases = [Checkov("CKV_AWS_158"), Guard("CLOUDWATCH_LOG_GROUP_ENCRYPTED")],
        },
        new("W85", "AWS::Elasticsearch::Domain", "NodeToNodeEncryptionOptions.Enabled", Must.BeTrue, RuleLevel.Warning, SecuritySeverity.Medium, "Elasticsearch",
            "Elasticsearch domain does not encrypt traffic between nodes",
            "Elasticsearch node-to-node encryption (NodeToNodeEncryptionOptions.Enabled) {0}.",
            "Without node-to-node encryption, data moves between the domain's nodes in the clear.",
            "Set NodeToNodeEncryptionOptions.Enabled: true.")
        {
            Aliases = [Checkov("CKV_AWS_6"), Guard("ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK")],
        },
        new("W1200", "AWS::SageMaker::EndpointConfig", "KmsKeyId", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Medium, "SageMaker",
            "SageMaker endpoint configuration does not name a KMS key",
            "SageMaker endpoint configuration does not set KmsKeyId for the storage volumes of its instances.",
            "Without a customer managed key, the ML storage volumes attached to the endpoint's instances are not encrypted with a key you control.",
            "Set KmsKeyId to a customer managed KMS key.")
        {
            Aliases = [Checkov("CKV_AWS_98"), Guard("SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED")],
        },
        new("W1201", "AWS::SageMaker::NotebookInstance", "KmsKeyId", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Medium, "SageMaker",
            "SageMaker notebook instance does not name a KMS key",
            "SageMaker notebook instance does not set KmsKeyId for its storage volume.",
            "Notebook volumes hold code, credentials and data samples; a customer managed key keeps control of who can decrypt them.",
            "Set KmsKeyId to a customer managed KMS key.")
        {
            Aliases = [Checkov("CKV_AWS_22"), Guard("SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED")],
        },
    ];

    /// <summary>Logging, recovery, retention and network placement.</summary>
    public static IReadOnlyList<SettingRow> Required { get; } =
    [
        new("W10", "AWS::CloudFront::Distribution", "DistributionConfig.Logging", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "CloudFront",
            "CloudFront distribution has no access logging",
            "CloudFront distribution does not configure access logging (DistributionConfig.Logging).",
            "Access logs record every viewer request served by the distribution; without them, scraping, abuse or data exposure through the CDN cannot be traced.",
            "Set DistributionConfig.Logging with a Bucket (and optionally a Prefix) for the access logs.")
        {
            Aliases = [Guard("CLOUDFRONT_ACCESSLOGS_ENABLED")],
        },
        new("W35", "AWS::S3::Bucket", "LoggingConfiguration", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Medium, "S3",
            "S3 bucket has no access logging",
            "S3 bucket does not configure server access logging (LoggingConfiguration).",
            "Server access logs record every request made to a bucket. Without them, investigating a leak or an unexpected change has nothing to go on.",
            "Set LoggingConfiguration.DestinationBucketName to a dedicated log bucket.")
        {
            Aliases = [Checkov("CKV_AWS_18"), Guard("S3_BUCKET_LOGGING_ENABLED")],
        },
        new("W46", "AWS::ApiGatewayV2::Stage", "AccessLogSettings", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "API Gateway",
            "API Gateway V2 stage has no access logging",
            "API Gateway V2 stage does not configure AccessLogSettings.",
            "Without access logs an HTTP or WebSocket API leaves no record of its callers, which leaves abuse and incidents uninvestigated.",
            "Set AccessLogSettings with a DestinationArn (a CloudWatch Logs group) and a Format.")
        {
            Aliases = [Guard("API_GWV2_ACCESS_LOGS_ENABLED")],
        },
        new("W69", ApiGatewayResources.Stage, "AccessLogSetting", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "API Gateway",
            "API Gateway stage has no access logging",
            "API Gateway stage does not configure AccessLogSetting.",
            "Access logs record who called which route of a REST API stage and with what result. Without them there is nothing to investigate abuse with.",
            "Set AccessLogSetting with a DestinationArn (a CloudWatch Logs group or Firehose stream) and a Format.")
        {
            Aliases = [Guard("API_GW_STAGE_ACCESS_LOGGING_RULE")],
        },
        new("W78", "AWS::DynamoDB::Table", "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", Must.BeTrue, RuleLevel.Warning, SecuritySeverity.Medium, "DynamoDB",
            "DynamoDB table has no point-in-time recovery",
            "DynamoDB point-in-time recovery (PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled) {0}.",
            "Without point-in-time recovery, an accidental delete or overwrite cannot be undone from continuous backups.",
            "Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true.")
        {
            Aliases = [Checkov("CKV_AWS_28"), Guard("DYNAMODB_PITR_ENABLED")],
        },
        new("W86", "AWS::Logs::LogGroup", "RetentionInDays", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "CloudWatchLogs",
            "CloudWatch Logs log group keeps data forever",
            "Log group does not set RetentionInDays, so its events never expire.",
            "Logs kept forever grow in cost and keep sensitive data longer than needed; a retention period makes the lifetime explicit.",
            "Set RetentionInDays to the period your policy requires.")
        {
            Aliases = [Checkov("CKV_AWS_66"), Guard("CW_LOGGROUP_RETENTION_PERIOD_CHECK")],
        },
        new("W89", "AWS::Lambda::Function", "VpcConfig", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "Lambda",
            "Lambda function is not in a VPC",
            "Lambda function has no VpcConfig, so it runs outside your VPC.",
            "A function outside a VPC reaches the internet directly and cannot be governed by security groups, network ACLs or VPC endpoints policies. Many functions legitimately need no VPC; suppress with a reason where so.",
            "Set VpcConfig with SubnetIds and SecurityGroupIds of private subnets, and reach AWS services through VPC endpoints.")
        {
            Aliases = [Guard("LAMBDA_INSIDE_VPC")],
        },
        new("W90", "AWS::Elasticsearch::Domain", "VPCOptions", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Medium, "Elasticsearch",
            "Elasticsearch domain is not in a VPC",
            "Elasticsearch domain does not set VPCOptions, so its endpoint is reachable from the internet.",
            "A domain outside a VPC has a public endpoint guarded only by its access policy; inside a VPC, security groups and routing limit who can reach it.",
            "Set VPCOptions with SubnetIds and SecurityGroupIds.")
        {
            Aliases = [Guard("ELASTICSEARCH_IN_VPC_ONLY")],
        },
        new("W92", "AWS::Lambda::Function", "ReservedConcurrentExecutions", Must.BeSet, RuleLevel.Warning, SecuritySeverity.Low, "Lambda",
            "Lambda function has no reserved concurrency",
            "Lambda function does not set ReservedConcurrentExecutions.",
            "Without reserved concurrency, one function can take the whole account's concurrency (starving others) and a flood of events scales it, and its cost, without bound.",
            "Set ReservedConcurrentExecutions to the concurrency the function needs.")
        {
            Aliases = [Guard("LAMBDA_CONCURRENCY_CHECK")],
        },
    ];

    /// <summary>Flags, values and lists that open the resource up.</summary>
    public static IReadOnlyList<SettingRow> Forbidden { get; } =
    [
        new("F11", "AWS::IAM::Policy", "Users", Must.BeEmpty, RuleLevel.Failure, SecuritySeverity.High, "IAM",
            "IAM policy is attached directly to users",
            "IAM policy is attached to users; attach it to a group and add the users to the group.",
            "Policies attached to individual users make permissions depend on who someone is rather than what job they do, and they pile up unnoticed.",
            "Replace Users with Groups and manage membership through the group.")
        {
            Aliases = [Checkov("CKV_AWS_40")],
        },
        new("F12", "AWS::IAM::ManagedPolicy", "Users", Must.BeEmpty, RuleLevel.Failure, SecuritySeverity.High, "IAM",
            "IAM managed policy is attached directly to users",
            "IAM managed policy is attached to users; attach it to a group and add the users to the group.",
            "Managed policies attached to individual users make permissions depend on who someone is rather than what job they do, and they pile up unnoticed.",
            "Replace Users with Groups and manage membership through the group.")
        {
            Aliases = [Checkov("CKV_AWS_40")],
        },
        new("W33", "AWS::EC2::Subnet", "MapPublicIpOnLaunch", Must.NotBeTrue, RuleLevel.Warning, SecuritySeverity.Medium, "EC2",
            "Subnet gives instances public IP addresses",
            "Subnet sets MapPublicIpOnLaunch to true, so every instance launched in it gets a public IPv4 address.",
            "Automatic public addresses expose instances to the internet whether or not they need it; public reachability should be a deliberate, per-instance choice.",
            "Set MapPublicIpOnLaunch to false (or remove it) and assign public addresses or Elastic IPs only where needed.")
        {
            Aliases = [Checkov("CKV_AWS_130"), Guard("SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED")],
        },
        new("W34", "AWS::Batch::JobDefinition", "ContainerProperties.Privileged", Must.NotBeTrue, RuleLevel.Warning, SecuritySeverity.Medium, "Batch",
            "Batch job container runs privileged",
            "Batch job definition runs its container privileged (ContainerProperties.Privileged is true).",
            "A privileged container gets elevated permissions on the host instance, much like root, so a compromised job can take over the host and the other jobs on it.",
            "Remove ContainerProperties.Privileged or set it to false; grant specific Linux capabilities instead if the job needs them.")
        {
            Aliases = [Guard("BATCH_JOB_CONTAINER_PROPERTIES_PRIVILEGED_RULE")],
        },
        new("W57", "AWS::Cognito::IdentityPool", "AllowUnauthenticatedIdentities", Must.NotBeTrue, RuleLevel.Warning, SecuritySeverity.Medium, "Cognito",
            "Cognito identity pool allows unauthenticated identities",
            "Cognito identity pool sets AllowUnauthenticatedIdentities to true; make sure the guest role grants only what anonymous users may do.",
            "Guest identities receive AWS credentials from the pool's unauthenticated role without signing in. That is acceptable only when that role is tightly scoped.",
            "Set AllowUnauthenticatedIdentities to false, or keep it and restrict the unauthenticated role to the minimum actions and resources.")
        {
            Aliases = [Guard("COGNITO_ALLOW_UNAUTHENTICATED_IDENTITIES_RULE")],
        },
        new("F14", BucketType, "AccessControl", Must.NotBe, RuleLevel.Failure, SecuritySeverity.Critical, "S3",
            "S3 bucket ACL allows public read and write",
            "S3 bucket uses the canned ACL PublicReadWrite: anyone on the internet can list, read and write its objects.",
            "PublicReadWrite grants the AllUsers group read and write. Anyone can exfiltrate the data, plant malware or fill the bucket at the owner's expense; critical because no legitimate use needs anonymous write.",
            "Remove AccessControl (or use Private), enable PublicAccessBlockConfiguration, and grant access through bucket policies to specific principals.")
        {
            Value = "PublicReadWrite",
            Aliases = [Guard("S3_BUCKET_NO_PUBLIC_RW_ACL")],
        },
        new("W31", BucketType, "AccessControl", Must.NotBe, RuleLevel.Warning, SecuritySeverity.Medium, "S3",
            "S3 bucket ACL allows public read",
            "S3 bucket uses the canned ACL PublicRead: anyone on the internet can list and read its objects.",
            "PublicRead grants the AllUsers group read access. It is occasionally intended (public static content) but is a frequent cause of data leaks; CloudFront with origin access control serves public content without it.",
            "Remove AccessControl (or use Private); serve public content through CloudFront with origin access control, and suppress with a reason where public read is intended.")
        {
            Value = "PublicRead",
            Aliases = [Guard("S3_BUCKET_PUBLIC_READ_ACL")],
        },
        new("F665", "AWS::WAF::WebACL", "DefaultAction.Type", Must.NotBe, RuleLevel.Failure, SecuritySeverity.High, "WAF",
            "WAF web ACL allows by default",
            "WAF web ACL DefaultAction is ALLOW: any request no rule matches is let through.",
            "With a default ALLOW, the web ACL only blocks what its rules anticipate; every new attack pattern passes. A default BLOCK with explicit allow rules fails closed.",
            "Set DefaultAction.Type to BLOCK and add rules that ALLOW the expected traffic.")
        {
            Value = "ALLOW",
            Aliases = [Guard("WAF_WEB_ACL_DEFAULT_ACTION_RULE")],
        },
    ];

    public static IReadOnlyList<SettingRow> Table { get; } = [.. Encryption, .. Required, .. Forbidden];

    private static readonly IRule[] Instances = [.. Table.Select(row => new SettingRule(row))];

    public IEnumerable<IRule> Rules => Instances;

    private static RuleAlias Checkov(string check) => new("checkov", check);

    private static RuleAlias Guard(string rule) => new("cfn-guard", rule);

    // KMS only rotates symmetric encryption keys; asking an asymmetric or HMAC key to rotate is an error.
    private static bool SymmetricKeys(ResourceContext context) =>
        context.Variants("KeySpec").Any(spec => spec.AsString is not { } text || text == "SYMMETRIC_DEFAULT");
}

/// <summary>A row of <see cref="SettingRules"/> as a rule.</summary>
public sealed class SettingRule(SettingRow row) : RowRule<SettingRow>(row)
{
    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, Row.ResourceType);

    private void Analyze(ResourceContext context)
    {
        if (Row.AppliesTo?.Invoke(context) == false)
        {
            return;
        }

        _ = Row.Requirement switch
        {
            Must.BeTrue => context.RequireTrue(Descriptor, Row.PropertyPath),
            Must.BeSet => context.RequirePresent(Descriptor, Row.PropertyPath),
            Must.NotBeTrue => context.ForbidTrue(Descriptor, Row.PropertyPath),
            Must.NotBe => ReportValue(context),
            Must.BeEmpty => ReportItems(context),
            _ => throw new InvalidOperationException($"{Row.Id}: unknown requirement {Row.Requirement}."),
        };
    }

    private bool ReportItems(ResourceContext context)
    {
        if (context.Variants(Row.PropertyPath).FirstOrDefault(list => list.Variants("*").Count > 0) is not { } listed)
        {
            return false;
        }

        context.Report(Descriptor, listed.KeyNode ?? listed.Node, listed.Scenario);
        return true;
    }

    private bool ReportValue(ResourceContext context)
    {
        if (context.Variants(Row.PropertyPath).FirstLiteral(text => text.Trim() == Row.Value) is not { } variant)
        {
            return false;
        }

        context.Report(Descriptor, variant, variant.Display);
        return true;
    }
}
