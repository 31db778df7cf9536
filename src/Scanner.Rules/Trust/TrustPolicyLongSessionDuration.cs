using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST029: MaxSessionDuration that role chaining cannot use, or long-lived sessions for external callers.</summary>
public sealed class TrustPolicyLongSessionDuration() : TrustPolicyRule(TrustRules.LongSessionDuration)
{
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
            scope.Reporter.Report(Descriptor, node, $"MaxSessionDuration is {duration} seconds, but every trusted principal is a role and role-chained sessions are capped at 3600 seconds; longer DurationSeconds requests fail");
        }
        else if (duration >= 43200 && principals.Any(p => p.IsFederated || p.IsEveryone || TrustRuleSupport.IsThirdParty(p, scope.Trusted) || TrustRuleSupport.IsUnverifiableAccount(p)))
        {
            scope.Reporter.Report(Descriptor, node, $"MaxSessionDuration is {duration} seconds for federated or external principals, so their credentials stay valid for twelve hours");
        }
    }
}
