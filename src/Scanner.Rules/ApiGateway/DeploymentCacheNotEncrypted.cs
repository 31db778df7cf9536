using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

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
        if (context.Property("StageDescription") is not MappingNode stage)
        {
            return;
        }

        Check(context, stage);

        // Per-method settings can switch caching on for some routes, with their own encryption flag.
        if (stage.Get("MethodSettings") is SequenceNode methods)
        {
            foreach (var method in methods.Items.OfType<MappingNode>())
            {
                Check(context, method);
            }
        }
    }

    private static void Check(ResourceContext context, MappingNode settings)
    {
        var caching = settings.Get("CachingEnabled");
        var encrypted = settings.Get("CacheDataEncrypted");
        if (PropertyValues.MayBeTrue(context, caching) && !PropertyValues.MayBeTrue(context, encrypted))
        {
            context.Report(Rule, encrypted ?? caching);
        }
    }
}
