using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.ApiGateway;

/// <summary>
/// W87: a deployment whose stage enables caching without encrypting the cache, for the whole stage
/// (StageDescription.CachingEnabled) or for some methods (StageDescription.MethodSettings).
/// </summary>
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
        "Set CacheDataEncrypted to true wherever CachingEnabled is true: in StageDescription and in each of its MethodSettings.",
        aliases: [new RuleAlias("cfn-guard", "API_GW_CACHE_ENABLED_AND_ENCRYPTED")],
        resourceTypes: [ApiGatewayResources.Deployment], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ApiGatewayResources.Deployment);

    private static void Analyze(ResourceContext context)
    {
        foreach (var stage in context.Variants("StageDescription").Present())
        {
            Check(context, stage);

            // Per-method settings can switch caching on for some routes, with their own encryption flag.
            foreach (var method in stage.Variants("MethodSettings.*").Where(m => m.Value is MapValue))
            {
                Check(context, method);
            }
        }
    }

    private static void Check(ResourceContext context, Variant settings)
    {
        foreach (var c in settings.Combinations("CachingEnabled", "CacheDataEncrypted"))
        {
            var (caching, encrypted) = (c[0], c[1]);
            if (caching.AsBoolean == true && encrypted.AsBoolean != true)
            {
                context.Report(Rule, encrypted.IsMissing ? caching.Node : encrypted.Node, encrypted.Scenario);
                return;
            }
        }
    }
}
