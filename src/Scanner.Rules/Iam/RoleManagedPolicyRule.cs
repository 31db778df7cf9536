using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Iam;

/// <summary>
/// Base for W43/W44: a role attached to one of a fixed set of AWS managed policies. The ARN is compared by policy
/// name after <c>:iam::aws:policy/</c>, so any partition and a <c>Fn::Sub</c> with <c>${AWS::Partition}</c> match.
/// SAM functions and state machines are checked through the role the SAM transform generates (the names in their
/// Policies become its ManagedPolicyArns).
/// </summary>
public abstract class RoleManagedPolicyRule : Rule
{
    private const string AwsManagedPrefix = ":iam::aws:policy/";

    /// <summary>AWS managed policy names (with their path, if any) that the rule reports.</summary>
    protected abstract IReadOnlyList<string> PolicyNames { get; }

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::IAM::Role");

    private void Analyze(ResourceContext context)
    {
        foreach (var item in context.Variants("ManagedPolicyArns.*"))
        {
            if (item.IsAbsent || item.Value is MapValue)
            {
                continue;
            }

            var text = item.Text;
            var at = text.IndexOf(AwsManagedPrefix, StringComparison.Ordinal);
            var name = at >= 0 && text.StartsWith("arn:", StringComparison.Ordinal) ? text[(at + AwsManagedPrefix.Length)..] : null;
            if (name is not null && PolicyNames.Contains(name, StringComparer.Ordinal))
            {
                context.Report(Descriptor, item, name);
            }
        }
    }
}

/// <summary>W43: a role with AdministratorAccess can do anything in the account.</summary>
public sealed class RoleWithAdministratorAccess : RoleManagedPolicyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W43",
        "IAM role has the AdministratorAccess managed policy",
        "IAM role is attached to the AWS managed policy {0}, which allows every action on every resource.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "AdministratorAccess gives the role full control of the account. Whoever can assume the role, or run code under it, can do anything.",
        "Attach a policy scoped to the actions and resources the role needs.",
        resourceTypes: ["AWS::IAM::Role"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<string> PolicyNames { get; } = ["AdministratorAccess"];
}

/// <summary>W44: PowerUserAccess and IAMFullAccess are one step from full administration.</summary>
public sealed class RoleWithElevatedManagedPolicy : RoleManagedPolicyRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W44",
        "IAM role has an elevated AWS managed policy",
        "IAM role is attached to the AWS managed policy {0}, which grants near-administrator power.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "IAM",
        "PowerUserAccess allows every service but IAM management; IAMFullAccess allows creating and granting any permission, which leads straight to administrator access.",
        "Attach a policy scoped to the actions and resources the role needs.",
        resourceTypes: ["AWS::IAM::Role"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<string> PolicyNames { get; } = ["PowerUserAccess", "IAMFullAccess"];
}
