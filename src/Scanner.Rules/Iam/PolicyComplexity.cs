using System.Text.RegularExpressions;
using Scanner.Iam;

namespace Scanner.Rules.Iam;

/// <summary>
/// Stelligent's policy complexity metric (SPCM), the measure behind cfn-nag's W76. Every statement costs 1, plus:
/// Deny 1, NotAction 1, NotResource 1; 2 for each service beyond the first among actions and resource ARNs; 1 for
/// each resource service no action belongs to; 1 when <c>*</c> is mixed with named services (for actions, and for
/// resources); and for conditions 2 per operator, 2 more per ForAllValues/ForAnyValue operator, 1 per IfExists
/// operator, 1 when a Null operator is present and 1 per value holding a policy variable.
/// </summary>
public static partial class PolicyComplexity
{
    /// <summary>Stands for a resource that is not an ARN: it counts as a service of its own, as in the original metric.</summary>
    private const string NotAnArn = "\0not-an-arn";

    public static int Of(PolicyDocument document) => document.Statements.Sum(Of);

    public static int Of(PolicyStatement statement)
    {
        var score = 1;
        score += statement.IsDeny ? 1 : 0;
        score += statement.NotAction is { Values.Count: > 0 } ? 1 : 0;
        score += statement.NotResource is { Values.Count: > 0 } ? 1 : 0;

        var actions = ActionTexts(statement);
        var resources = ResourceTexts(statement);
        var actionServices = actions.Select(ActionService).ToList();
        var resourceServices = resources.Select(ResourceService).ToList();

        var services = actionServices.Concat(resourceServices).Where(s => s != "*").ToHashSet(StringComparer.Ordinal);
        score += Math.Max(services.Count - 1, 0) * 2;
        score += Misaligned(actions, resources, actionServices, resourceServices);
        score += MixesWildcard(actionServices) ? 1 : 0;
        score += MixesWildcard(resourceServices) ? 1 : 0;
        score += ConditionScore(statement);
        return score;
    }

    private static List<string> ActionTexts(PolicyStatement statement) =>
        (statement.Action is { Values.Count: > 0 } action ? action : statement.NotAction)?.Values.Select(v => v.Text).ToList() ?? [];

    private static List<string> ResourceTexts(PolicyStatement statement) =>
        (statement.Resource is { Values.Count: > 0 } resource ? resource : statement.NotResource)?.Values.Select(v => v.Text).ToList() ?? [];

    private static string ActionService(string action) => action == "*" ? "*" : action.Split(':')[0];

    private static string ResourceService(string resource)
    {
        if (resource == "*")
        {
            return "*";
        }

        var parts = resource.Split(':');
        return parts.Length > 2 ? parts[2] : NotAnArn;
    }

    private static int Misaligned(List<string> actions, List<string> resources, List<string> actionServices, List<string> resourceServices)
    {
        if (resources is ["*"] || actions is ["*"])
        {
            return 0;
        }

        var named = resourceServices.Where(s => s != "*").ToHashSet(StringComparer.Ordinal);
        named.ExceptWith(actionServices);
        return named.Count;
    }

    private static bool MixesWildcard(List<string> services) => services.Contains("*") && services.Count > 1;

    private static int ConditionScore(PolicyStatement statement)
    {
        if (statement.Condition is null)
        {
            return 0;
        }

        var operators = statement.Clauses.GroupBy(c => c.Operator.Text, StringComparer.Ordinal).Select(g => g.First().Operator).ToList();
        var score = operators.Count * 2;
        score += operators.Count(o => o.Qualifier != SetQualifier.None) * 2;
        score += operators.Count(o => o.Text.EndsWith("IfExists", StringComparison.Ordinal));
        score += operators.Any(o => o.Text == "Null") ? 1 : 0;
        score += statement.Clauses.SelectMany(c => c.Values).Count(v => HasPolicyVariable(v.Text));
        return score;
    }

    /// <summary>A policy variable such as <c>${aws:username}</c>; the escapes <c>${$}</c>, <c>${*}</c>, <c>${?}</c> do not count.</summary>
    private static bool HasPolicyVariable(string value) =>
        PolicyVariable().IsMatch(value.Replace("${$}", string.Empty, StringComparison.Ordinal)
            .Replace("${*}", string.Empty, StringComparison.Ordinal)
            .Replace("${?}", string.Empty, StringComparison.Ordinal));

    [GeneratedRegex(@"\$\{.+\}")]
    private static partial Regex PolicyVariable();
}
