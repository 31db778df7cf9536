using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Common;

namespace Scanner.Rules.Iam;

/// <summary>One rule of the AWS-managed-policy family: the managed policies (names with their path, if any) a role should not carry.</summary>
public sealed record ManagedPolicyRow(string Id, string Title, string Message, string Description, IReadOnlyList<string> PolicyNames) : IRuleRow
{
    public RuleDescriptor Describe() =>
        RuleDescriptor.Create(
            Id,
            Title,
            Message,
            RuleLevel.Warning,
            SecuritySeverity.Medium,
            "IAM",
            Description,
            "Attach a policy scoped to the actions and resources the role needs.",
            resourceTypes: ["AWS::IAM::Role"],
            kind: RuleKind.CfnNag);
}

/// <summary>
/// cfn-nag's rules on roles attached to powerful AWS managed policies, as one table. The ARN is compared by policy
/// name after <c>:iam::aws:policy/</c>, so any partition and a <c>Fn::Sub</c> with <c>${AWS::Partition}</c> match.
/// SAM functions and state machines are checked through the role the SAM transform generates (the names in their
/// Policies become its ManagedPolicyArns).
/// </summary>
public sealed class RoleManagedPolicyRules : IRuleProvider
{
    public static IReadOnlyList<ManagedPolicyRow> Table { get; } =
    [
        new(
            "W43",
            "IAM role has the AdministratorAccess managed policy",
            "IAM role is attached to the AWS managed policy {0}, which allows every action on every resource.",
            "AdministratorAccess gives the role full control of the account. Whoever can assume the role, or run code under it, can do anything.",
            ["AdministratorAccess"]),
        new(
            "W44",
            "IAM role has an elevated AWS managed policy",
            "IAM role is attached to the AWS managed policy {0}, which grants near-administrator power.",
            "PowerUserAccess allows every service but IAM management; IAMFullAccess allows creating and granting any permission, which leads straight to administrator access.",
            ["PowerUserAccess", "IAMFullAccess"]),
    ];

    private static readonly IRule[] Instances = [.. Table.Select(row => new RoleManagedPolicyRule(row))];

    public IEnumerable<IRule> Rules => Instances;
}

/// <summary>A row of <see cref="RoleManagedPolicyRules"/> as a rule.</summary>
public sealed class RoleManagedPolicyRule(ManagedPolicyRow row) : RowRule<ManagedPolicyRow>(row)
{
    private const string AwsManagedPrefix = ":iam::aws:policy/";

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
            if (name is not null && Row.PolicyNames.Contains(name, StringComparer.Ordinal))
            {
                context.Report(Descriptor, item, name);
            }
        }
    }
}
