namespace Scanner.Iam;

/// <summary>A documented behaviour of a service principal when it assumes a customer's role, with where AWS says so.</summary>
public sealed record ServicePrincipalFact(string Principal, string Source);

/// <summary>
/// What AWS documents about the context service principals send when they assume a role. Kept as data with the
/// page that documents each entry, so that a rule's verdict can be traced to AWS's own guidance and the lists grow
/// by adding rows. Only documented behaviour belongs here: adding a condition key a service does not send breaks
/// the trust.
/// </summary>
public static class ServicePrincipalFacts
{
    /// <summary>
    /// Services whose documentation gives their role's trust policy <c>aws:SourceAccount</c> / <c>aws:SourceArn</c>
    /// conditions against the cross-service confused deputy problem (IAM User Guide, "The confused deputy problem").
    /// </summary>
    public static IReadOnlyList<ServicePrincipalFact> SendsSourceContext { get; } =
    [
        new("appsync.amazonaws.com", "https://docs.aws.amazon.com/appsync/latest/devguide/cross-service-confused-deputy-prevention.html"),
        new("bedrock.amazonaws.com", "https://docs.aws.amazon.com/bedrock/latest/userguide/cross-service-confused-deputy-prevention.html"),
        new("codebuild.amazonaws.com", "https://docs.aws.amazon.com/codebuild/latest/userguide/cross-service-confused-deputy-prevention.html"),
        new("comprehend.amazonaws.com", "https://docs.aws.amazon.com/comprehend/latest/dg/cross-service-confused-deputy-prevention.html"),
        new("config.amazonaws.com", "https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html"),
        new("datasync.amazonaws.com", "https://docs.aws.amazon.com/datasync/latest/userguide/create-s3-location.html"),
        new("ecs-tasks.amazonaws.com", "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html"),
        new("frauddetector.amazonaws.com", "https://docs.aws.amazon.com/frauddetector/latest/ug/confused-deputy-prevention.html"),
        new("grafana.amazonaws.com", "https://docs.aws.amazon.com/grafana/latest/userguide/AMG-manage-permissions.html"),
        new("iot.amazonaws.com", "https://docs.aws.amazon.com/iot/latest/developerguide/cross-service-confused-deputy-prevention.html"),
        new("logs.amazonaws.com", "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html"),
        new("personalize.amazonaws.com", "https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html"),
        new("pipes.amazonaws.com", "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-permissions.html"),
        new("scheduler.amazonaws.com", "https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role"),
        new("sms-voice.amazonaws.com", "https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-kinesis-creating-role.html"),
        new("ssm.amazonaws.com", "https://docs.aws.amazon.com/systems-manager/latest/userguide/hybrid-multicloud-service-role.html"),
        new("states.amazonaws.com", "https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html"),
        new("transfer.amazonaws.com", "https://docs.aws.amazon.com/transfer/latest/userguide/confused-deputy.html"),
        new("vpc-flow-logs.amazonaws.com", "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html"),
    ];

    /// <summary>Services documented to pass <c>sts:ExternalId</c> when they assume the customer's role (so a trust may require it).</summary>
    public static IReadOnlyList<ServicePrincipalFact> SendsExternalId { get; } =
    [
        new("cognito-idp.amazonaws.com", "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-sms-settings.html"),
        new("firehose.amazonaws.com", "https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#firehose-assume-role"),
        new("redshift.amazonaws.com", "https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html"),
    ];

    private static readonly HashSet<string> SourceContextSenders = SendsSourceContext.Select(f => f.Principal).ToHashSet(StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> ExternalIdSenders = SendsExternalId.Select(f => f.Principal).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when AWS documents source-account/ARN conditions for the service's role trust.</summary>
    public static bool SendsSourceContextFor(string? service) => service is not null && SourceContextSenders.Contains(Normalize(service));

    /// <summary>True when AWS documents that the service passes sts:ExternalId when it assumes a role.</summary>
    public static bool SendsExternalIdFor(string? service) => service is not null && ExternalIdSenders.Contains(Normalize(service));

    /// <summary>China partition principals end in <c>.amazonaws.com.cn</c>; the facts are the same.</summary>
    private static string Normalize(string service) =>
        service.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase) ? service[..^3] : service;
}
