using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST029: MaxSessionDuration that role chaining cannot use, or long-lived sessions for external callers.</summary>
public sealed class TrustPolicyLongSessionDuration : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST029",
        "MaxSessionDuration does not fit the trusted principals",
        "{0}.",
        SecuritySeverity.Low,
        "Sessions obtained by role chaining are capped at one hour, so a MaxSessionDuration above 3600 on a role trusted only by roles has no effect, and requests for a longer DurationSeconds fail. Twelve-hour sessions for federated or external principals keep credentials valid long after access should end.",
        "Keep MaxSessionDuration at 3600 for roles assumed by other roles, and as short as practical for federated or external principals.");

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        var resource = scope.Policy.Resource;
        if (resource.Type != "AWS::IAM::Role"
            || scope.Policy.TemplateContext.Variants(resource, "MaxSessionDuration").FirstInteger(seconds => seconds > 3600) is not { } setting)
        {
            return;
        }

        var (node, duration) = (setting.Node, setting.AsInteger!.Value);

        var principals = scope.Allows.SelectMany(s => s.Principals).ToList();
        if (principals.Count == 0)
        {
            return;
        }

        if (principals.All(p => p.Kind is PrincipalKind.IamRole or PrincipalKind.AssumedRoleSession))
        {
            scope.Reporter.Report(Rule, node, $"MaxSessionDuration is {duration} seconds, but every trusted principal is a role and role-chained sessions are capped at 3600 seconds; longer DurationSeconds requests fail");
        }
        else if (duration >= 43200 && principals.Any(p => p.IsFederated || p.IsEveryone || TrustRuleSupport.IsThirdParty(p, scope.Trusted) || TrustRuleSupport.IsUnverifiableAccount(p)))
        {
            scope.Reporter.Report(Rule, node, $"MaxSessionDuration is {duration} seconds for federated or external principals, so their credentials stay valid for twelve hours");
        }
    }
}
