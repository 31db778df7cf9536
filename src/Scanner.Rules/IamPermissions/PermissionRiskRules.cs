using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Iam;
using Scanner.Iam.Permissions;

namespace Scanner.Rules.IamPermissions;

/// <summary>
/// Base of the risk rules that look at one Allow statement of an identity policy at a time: the statement counts when
/// no effective condition restricts it, and an action counts when it survives for some holder of the document (no
/// unconditional Deny attached to that principal removes it, its permissions boundary allows it).
/// </summary>
public abstract class IamAllowStatementRule : IamPermissionRule
{
    protected override IReadOnlyList<PolicyKind> Kinds => [PolicyKind.Identity];

    protected override void Analyze(IamPolicyScope scope)
    {
        if (scope.Document.Owner.Type == "AWS::IoT::Policy")
        {
            return; // IoT policies govern devices, not IAM principals
        }

        foreach (var statement in scope.Document.Statements)
        {
            if (statement.IsAllow && PermissionAnalysis.IsUnconditional(statement) && !AllowsEveryAction(statement))
            {
                Analyze(scope, statement);
            }
        }
    }

    /// <summary>Action '*': an administrator grant, which the wildcard-action rules (F2, F3…) report once instead of every risk rule.</summary>
    protected static bool AllowsEveryAction(PolicyStatement statement) => statement.Action?.HasStar == true;

    protected abstract void Analyze(IamPolicyScope scope, PolicyStatement statement);

    /// <summary>The granted actions of the statement that satisfy <paramref name="predicate"/> and survive for some holder.</summary>
    protected static List<GrantedAction> Effective(IamPolicyScope scope, PolicyStatement statement, Func<IamAction, bool> predicate) =>
        scope.Analysis.ActionsOf(statement).Where(g => predicate(g.Action) && scope.Analysis.IsEffective(statement, g.Action)).ToList();

    /// <summary>
    /// The granted actions grouped by the scenario under which the statement grants them, each group with the node to
    /// report at: an action named only in an item-level Fn::If branch of Action belongs to that branch's scenario, one
    /// named outside any (or in every branch) to the statement's, so a message lists only what holds when it says.
    /// </summary>
    protected static List<(Scenario When, SyntaxNode? Node, List<IamAction> Actions)> ByScenario(PolicyStatement statement, IEnumerable<IamAction> granted)
    {
        var groups = new List<(Scenario When, SyntaxNode? Node, List<IamAction> Actions)>();
        foreach (var action in granted)
        {
            var values = statement.Action?.Matching(action.FullName).ToList() ?? [];
            var whens = values.Count == 0 ? [statement.Scenario] : Scenario.Merge(values.Select(v => v.Scenario));
            foreach (var when in whens)
            {
                var index = groups.FindIndex(g => g.When.Equals(when));
                if (index < 0)
                {
                    var node = values.FirstOrDefault(v => v.Scenario.Includes(when))?.Node ?? statement.NotAction?.KeyNode ?? statement.NotAction?.Node ?? statement.ReportNode;
                    groups.Add((when, node, []));
                    index = groups.Count - 1;
                }

                groups[index].Actions.Add(action);
            }
        }

        return groups;
    }

    /// <summary>"Resource '*'" or "NotResource" or "Resource 'arn:aws:iam::*:role/*'".</summary>
    protected static string ResourceText(PolicyStatement statement, PermissionAnalysis analysis)
    {
        if (statement.NotResource is not null)
        {
            return "every resource but NotResource";
        }

        var widest = statement.Resource!.Values.OrderByDescending(analysis.ScopeOf).First();
        return widest.IsStar ? "Resource '*'" : $"Resource '{widest.Text}' (every resource of its type)";
    }

    /// <summary>Actions named in a table that the statement grants and that survive for some holder.</summary>
    protected static List<(IamAction Action, PolicyValue? Value)> EffectiveNamed(IamPolicyScope scope, PolicyStatement statement, IEnumerable<string> names)
    {
        var result = new List<(IamAction, PolicyValue?)>();
        foreach (var name in names)
        {
            if (statement.CoversAction(name) != true || scope.Actions.Lookup(name).Actions is not [var action])
            {
                continue;
            }

            if (scope.Analysis.IsEffective(statement, action))
            {
                result.Add((action, statement.Action?.Matching(name).FirstOrDefault()));
            }
        }

        return result;
    }
}

/// <summary>IAM102: iam:PassRole on every role without iam:PassedToService.</summary>
public sealed class PassRoleWithoutPassedToService : IamAllowStatementRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM102",
        "PassRole on every role without iam:PassedToService",
        "iam:PassRole is allowed on every role without an iam:PassedToService condition.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "iam:PassRole on Resource '*', on every role (arn:aws:iam::*:role/*) or through NotResource lets the holder hand any role of the account, including administrator roles, to any service it can drive (EC2, Lambda, ECS, Glue…) and act with that role's permissions: a privilege escalation. A PassRole grant matched by a pattern (iam:Pass*, iam:*, *) counts. The statement is exempt when an effective iam:PassedToService condition names the services (a condition that restricts nothing, such as IfExists, does not count), or when an unconditional Deny attached to the same principal removes PassRole.",
        "Scope iam:PassRole to the ARNs of the roles the workload hands over, and add a StringEquals condition on iam:PassedToService naming the service (ecs-tasks.amazonaws.com, lambda.amazonaws.com…).",
        [new RuleAlias("access-analyzer", "PASS_ROLE_WITH_STAR_IN_RESOURCE")],
        IamPermissionSupport.IdentityTypes);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(IamPolicyScope scope)
    {
        if (scope.Document.Owner.Type == "AWS::IoT::Policy")
        {
            return;
        }

        // PassedToService is this rule's exemption: other effective conditions do not scope the roles that can be passed.
        foreach (var statement in scope.Document.Statements.Where(s => s.IsAllow && !AllowsEveryAction(s)))
        {
            Analyze(scope, statement);
        }
    }

    protected override void Analyze(IamPolicyScope scope, PolicyStatement statement)
    {
        if (scope.Analysis.ScopeOf(statement) < ResourceScope.Broad || statement.Restrictions.IsRestricted("iam:PassedToService"))
        {
            return;
        }

        var granted = EffectiveNamed(scope, statement, ["iam:PassRole"]);
        if (granted.Count == 0)
        {
            return;
        }

        var value = granted[0].Value;
        var via = value is null ? "NotAction" : $"'{value.Text}'";
        scope.Report(Rule, value?.Node ?? statement.NotAction?.KeyNode ?? statement.ReportNode, $"{via} allows iam:PassRole on {ResourceText(statement, scope.Analysis)} without an iam:PassedToService condition, so any role of the account can be handed to any service{IamPermissionSupport.Qualifier(statement)}.", value?.Scenario ?? statement.Scenario);
    }
}

/// <summary>IAM103: permissions-management actions on every resource.</summary>
public sealed class PermissionsManagementWithoutResourceConstraint : IamAllowStatementRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM103",
        "Permissions-management actions without resource constraints",
        "Permissions-management actions are allowed on every resource.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "Actions of access level 'Permissions management' (iam:AttachRolePolicy, iam:PutUserPolicy, s3:PutBucketPolicy, kms:CreateGrant…) change who may do what. On Resource '*' or NotResource they apply to every role, user, bucket policy or key of the account, which amounts to being able to grant oneself anything. Wildcards are expanded against the service reference. Exempt: actions that take no resource (they can only be granted on '*', like logs:PutResourcePolicy in the policy Step Functions logging needs), statements restricted by an effective condition, and actions removed by an unconditional Deny attached to the same principal.",
        "Scope the statement's Resource to the ARNs the workload manages, or add conditions (aws:ResourceTag, iam:PermissionsBoundary) that confine it.",
        [new RuleAlias("checkov", "CKV_AWS_109")],
        IamPermissionSupport.IdentityTypes);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(IamPolicyScope scope, PolicyStatement statement)
    {
        if (scope.Analysis.ScopeOf(statement) != ResourceScope.Any)
        {
            return;
        }

        var granted = Effective(scope, statement, a => a.Level == AccessLevel.PermissionsManagement && !a.TakesNoResource);
        foreach (var (when, node, actions) in ByScenario(statement, granted.Select(g => g.Action)))
        {
            var names = IamPermissionSupport.List(actions.Select(a => a.FullName));
            scope.Report(Rule, node, $"The statement allows {actions.Count} permissions-management action{(actions.Count == 1 ? string.Empty : "s")} that can be scoped to resources ({names}) on {ResourceText(statement, scope.Analysis)}{IamPermissionSupport.Qualifier(statement)}.", when);
        }
    }
}

/// <summary>IAM104: write actions on every resource.</summary>
public sealed class WriteWithoutResourceConstraint : IamAllowStatementRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM104",
        "Write actions without resource constraints",
        "Write actions are allowed on every resource.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Actions of access level 'Write' (s3:PutObject, dynamodb:DeleteItem, ec2:TerminateInstances…) on Resource '*' or NotResource modify or delete every resource of their type in the account, not only the workload's. Actions that take no resource (they can only be granted on '*', like xray:PutTraceSegments or logs:CreateLogGroup's siblings) are exempt, as are statements restricted by an effective condition and actions removed by an unconditional Deny attached to the same principal.",
        "Scope Resource to the ARNs the workload writes to (Fn::GetAtt / Fn::Sub of the template's resources).",
        [new RuleAlias("checkov", "CKV_AWS_111")],
        IamPermissionSupport.IdentityTypes);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(IamPolicyScope scope, PolicyStatement statement)
    {
        if (scope.Analysis.ScopeOf(statement) != ResourceScope.Any)
        {
            return;
        }

        var granted = Effective(scope, statement, a => a.Level == AccessLevel.Write && !a.TakesNoResource && !ReportedElsewhere(a));
        foreach (var (when, node, actions) in ByScenario(statement, granted.Select(g => g.Action)))
        {
            var names = IamPermissionSupport.List(actions.Select(a => a.FullName));
            scope.Report(Rule, node, $"The statement allows {actions.Count} write action{(actions.Count == 1 ? string.Empty : "s")} that can be scoped to resources ({names}) on {ResourceText(statement, scope.Analysis)}{IamPermissionSupport.Qualifier(statement)}.", when);
        }
    }

    /// <summary>iam:PassRole (IAM102) and the actions that return credentials (IAM105) have rules of their own.</summary>
    private static bool ReportedElsewhere(IamAction action) =>
        PermissionRisks.IsCredentialExposure(action) || string.Equals(action.FullName, "iam:PassRole", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A table of risky actions reported when a statement allows some of them on every resource (of their type).</summary>
public abstract class RiskyActionsOnEveryResourceRule : IamAllowStatementRule
{
    /// <summary>The actions of the table.</summary>
    protected abstract IReadOnlyList<string> Actions { get; }

    /// <summary>The message without its qualifier and final period, from the granted actions and the resources.</summary>
    protected abstract string Describe(string actions, string resources);

    protected override void Analyze(IamPolicyScope scope, PolicyStatement statement)
    {
        if (scope.Analysis.ScopeOf(statement) < ResourceScope.Broad)
        {
            return;
        }

        var granted = EffectiveNamed(scope, statement, Actions);
        foreach (var (when, node, actions) in ByScenario(statement, granted.Select(g => g.Action)))
        {
            var message = Describe(IamPermissionSupport.List(actions.Select(a => a.FullName)), ResourceText(statement, scope.Analysis));
            scope.Report(Descriptor, node, $"{message}{IamPermissionSupport.Qualifier(statement)}.", when);
        }
    }
}

/// <summary>IAM105: actions that return credentials, on every resource.</summary>
public sealed class CredentialsExposure : RiskyActionsOnEveryResourceRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM105",
        "Actions that expose credentials",
        "Actions that return credentials are allowed on every resource.",
        RuleLevel.Warning,
        SecuritySeverity.High,
        "Some actions return credentials usable outside the workload: access keys and passwords of other users (iam:CreateAccessKey, iam:UpdateLoginProfile), temporary credentials of any role that trusts the account (sts:AssumeRole on '*'), database or instance passwords (redshift:GetClusterCredentials, ec2:GetPasswordData, lightsail:…). Allowed on every resource (or on every resource of their type) they leak credentials the workload does not need. Token getters bounded by the caller's own permissions (ecr:GetAuthorizationToken) are not counted. Statements restricted by an effective condition and actions removed by an unconditional Deny attached to the same principal are exempt.",
        "Scope these actions to the users, roles or clusters the workload needs, or remove them.",
        [new RuleAlias("checkov", "CKV_AWS_107")],
        IamPermissionSupport.IdentityTypes);

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<string> Actions => PermissionRisks.CredentialExposureActions;

    protected override string Describe(string actions, string resources) => $"The statement allows {actions}, which return credentials, on {resources}";
}

/// <summary>IAM106: reading objects, parameters or secrets on every resource.</summary>
public sealed class DataExfiltration : RiskyActionsOnEveryResourceRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM106",
        "Data read actions without resource constraints",
        "Actions that read data out are allowed on every resource.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "s3:GetObject, ssm:GetParameter(s/ByPath) and secretsmanager:GetSecretValue on Resource '*' (or every object, parameter or secret: arn:aws:s3:::*/*) read every object, parameter and secret of the account, far beyond the workload's own; a compromised workload can exfiltrate them all. Statements restricted by an effective condition and actions removed by an unconditional Deny attached to the same principal are exempt.",
        "Scope Resource to the buckets, parameters and secrets the workload reads.",
        [new RuleAlias("checkov", "CKV_AWS_108")],
        IamPermissionSupport.IdentityTypes);

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<string> Actions => PermissionRisks.DataExfiltrationActions;

    protected override string Describe(string actions, string resources) => $"The statement allows {actions} on {resources}, so every object, parameter or secret it reaches can be read out";
}

/// <summary>IAM107: every action of a service (<c>svc:*</c>).</summary>
public sealed class ServiceWideAction : IamAllowStatementRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM107",
        "Every action of a service allowed",
        "'{0}' allows every action of the service.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "A service-wide action (s3:*, dynamodb:*) grants every current and future action of the service, including its permissions-management and delete actions, whatever the Resource. Statements restricted by an effective condition are exempt, and so is a service whose every action an unconditional Deny attached to the same principal removes. '*' (every service) is reported by the wildcard-action rules (F2, F3…).",
        "List the actions the workload calls (the access levels Read/List/Write of the service).",
        resourceTypes: IamPermissionSupport.IdentityTypes);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(IamPolicyScope scope, PolicyStatement statement)
    {
        foreach (var value in statement.Action?.Values ?? [])
        {
            if (value.Literal is not { } text || text == "*" || !ActionPattern.IsServiceWildcard(text) || scope.Reference.Service(text[..^2]) is not { } service)
            {
                continue;
            }

            if (service.Actions.Any(a => scope.Analysis.IsEffective(statement, a)))
            {
                scope.Report(Rule, value.Node, $"'{text}' allows every action of {service.Name} ({service.Actions.Count} today, and any added later){IamPermissionSupport.Qualifier(statement)}.", value.Scenario);
            }
        }
    }
}
