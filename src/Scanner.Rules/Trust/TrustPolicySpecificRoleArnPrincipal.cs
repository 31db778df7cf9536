using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST027 (off by default): a literal role/user ARN principal is bound to the unique id of that principal.</summary>
public sealed class TrustPolicySpecificRoleArnPrincipal : TrustPolicyRule
{
    public static readonly RuleDescriptor Rule = TrustRuleSupport.Create(
        "TRUST027",
        "Specific role or user ARN in Principal",
        "The principal '{0}' is stored by IAM as the unique id of that {1}: if it is deleted and recreated, the trust silently stops matching, and it must exist when this role is deployed{2}.",
        SecuritySeverity.Low,
        "IAM replaces a role or user ARN in a trust policy with the principal's unique id (AROA…/AIDA…). Recreating the principal breaks the trust without any visible change, and deploying fails with \"Invalid principal\" when it does not exist yet. An account principal with ArnEquals aws:PrincipalArn compares the ARN as a string instead.",
        "Use the account as principal and ArnEquals aws:PrincipalArn with the role ARN, or reference a role of this template with Fn::GetAtt.",
        enabledByDefault: false);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var p in s.Principals.Where(p => p.Kind is PrincipalKind.IamRole or PrincipalKind.IamUser && p.TemplateResource is null && !p.HasPartialWildcard))
            {
                Report(scope, p.Value.Node, null, p.Value.Text, p.Kind == PrincipalKind.IamRole ? "role" : "user", TrustRuleSupport.BranchNote(s));
            }
        }
    }
}
