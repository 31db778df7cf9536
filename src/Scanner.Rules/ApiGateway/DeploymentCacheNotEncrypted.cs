using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.CloudFormation;

namespace Scanner.Rules.ApiGateway;

/// <summary>W87: a deployment whose stage enables caching (StageDescription.CachingEnabled) without encrypting the cache.</summary>
public sealed class DeploymentCacheNotEncrypted : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W87",
        "API Gateway deployment caches responses unencrypted",
        "API Gateway deployment enables caching without CacheDataEncrypted set to true.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "API Gateway",
        "Cached responses may hold personal or secret data; without CacheDataEncrypted they are stored in clear in the stage cache.",
        "Set StageDescription.CacheDataEncrypted to true whenever StageDescription.CachingEnabled is true.",
        aliases: [new RuleAlias("cfn-guard", "API_GW_CACHE_ENABLED_AND_ENCRYPTED")],
        resourceTypes: [ApiGatewayResources.Deployment]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ApiGatewayResources.Deployment);

    private static void Analyze(ResourceContext context)
    {
        var caching = context.Property("StageDescription.CachingEnabled");
        var encrypted = context.Property("StageDescription.CacheDataEncrypted");
        if (PropertyValues.MayBeTrue(context, caching) && !PropertyValues.MayBeTrue(context, encrypted))
        {
            context.Report(Rule, encrypted ?? caching);
        }
    }
}
