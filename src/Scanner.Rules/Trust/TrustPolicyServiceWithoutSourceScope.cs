using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST025: a service principal that sends source keys, trusted without checking them (cross-service confused deputy).</summary>
public sealed class TrustPolicyServiceWithoutSourceScope : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST025",
        "Service principal without source account or ARN condition",
        "The service '{0}' is trusted without aws:SourceAccount, aws:SourceArn or aws:SourceOrgID, so the service can be made to use this role on behalf of another account's resources{1}.",
        SecuritySeverity.Low,
        "A service acting for many customers can be asked by another account to use your role (cross-service confused deputy). The rule covers the services whose documentation gives their role trust aws:SourceAccount/aws:SourceArn conditions (Scanner.Iam.ServicePrincipalFacts lists each with its AWS documentation page); adding the keys for a service that does not send them breaks the trust.",
        "Add StringEquals aws:SourceAccount with this account (and ArnLike aws:SourceArn with the schedule, rule or pipe ARN).",
        [new RuleAlias("checkov", "CKV_AWS_364")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            var r = s.Restrictions;
            if (r.IsRestricted(ConditionKeys.SourceAccount) || r.IsRestricted(ConditionKeys.SourceArn) || r.IsRestricted(ConditionKeys.SourceOrgId))
            {
                continue;
            }

            var note = TrustRuleSupport.NeutralizedNote(s, TrustRuleSupport.Key(ConditionKeys.SourceAccount, ConditionKeys.SourceArn, ConditionKeys.SourceOrgId)) + TrustRuleSupport.BranchNote(s);

            foreach (var p in s.Principals.Where(p => p.Kind == PrincipalKind.Service && ServicePrincipalFacts.SendsSourceContextFor(p.Name)))
            {
                Report(scope, p.Value.Node, null, p.Name, note);
            }
        }
    }
}
