using Scanner.CloudFormation.Analysis;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;
using Scanner.Iam.Permissions;

namespace Scanner.Rules.IamPermissions;

/// <summary>IAM101: a principal whose policies together allow a known privilege escalation method.</summary>
public sealed class PrivilegeEscalation : Rule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM101",
        "Privilege escalation",
        "The principal can escalate its privileges.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "Some combinations of actions let a principal gain permissions it was not given: attaching or writing policies (iam:AttachRolePolicy, iam:PutUserPolicy, iam:CreatePolicyVersion), creating credentials for other users, rewriting a role's trust, or passing a more privileged role to a compute service it controls (iam:PassRole with ec2:RunInstances, with lambda:CreateFunction and lambda:InvokeFunction, with glue:CreateDevEndpoint, cloudformation:CreateStack, codebuild:CreateProject…). The methods are those published by Rhino Security Labs and cloudsplaining, kept as data. The check runs over the union of every policy attached to one role, user (with its groups) or group in the template: inline policies, AWS::IAM::Policy and ManagedPolicy resources naming it, its ManagedPolicyArns that are policies of the template, SAM-generated roles. An action counts when it is allowed on '*' or on every resource of its type, by a statement that no effective condition restricts, and is not removed by an unconditional Deny attached to the principal nor left out by its permissions boundary; a principal whose boundary is not a policy of the template is not judged. A principal allowed every action ('*' on '*') is reported by the wildcard rules instead.",
        "Remove the actions of the method from the principal, scope them to the resources it needs (iam:PassRole to the roles it hands over, with iam:PassedToService), or set a permissions boundary.",
        [new RuleAlias("checkov", "CKV_AWS_110")],
        IamPermissionSupport.IdentityTypes);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context)
    {
        // Loaded for the first template with a principal (see IamPermissionRule.Initialize).
        var arguments = context.Arguments;
        var actions = new Lazy<ActionCatalog>(() => IamPermissionSupport.Actions(arguments));
        context.RegisterTemplateAction(template => Analyze(template, actions));
    }

    private static void Analyze(TemplateContext context, Lazy<ActionCatalog> actions)
    {
        var holders = PermissionHolders.Of(context);
        if (holders.Count == 0)
        {
            return;
        }

        var analysis = PermissionAnalysis.For(context, actions.Value);
        var found = holders.ToDictionary(h => h, h => Methods(analysis, h));
        foreach (var holder in holders)
        {
            // A user's methods that one of its groups has are reported on the group.
            var methods = found[holder]
                .Where(m => !holder.Groups.Any(g => found.FirstOrDefault(f => f.Key.Resource == g).Value?.Any(x => x.Method == m.Method) == true))
                .ToList();
            if (methods.Count == 0)
            {
                continue;
            }

            var (first, firstGrants) = methods[0];
            var at = firstGrants[0];
            var others = methods.Count > 1 ? $" Other methods: {IamPermissionSupport.List(methods.Skip(1).Select(m => m.Method.Name), 5)}." : string.Empty;
            var subject = holder.Describe();
            var message = $"{char.ToUpperInvariant(subject[0])}{subject[1..]} can escalate its privileges by '{first.Name}': {first.Explanation}; it is allowed {string.Join(", ", firstGrants.Select(g => g.Describe(holder)))}.{others}";
            var target = at.Value?.Node ?? at.Statement.NotAction?.KeyNode ?? at.Statement.ReportNode;
            context.Report(Rule, target.Span, target.Path, at.Statement.Document.Owner, message);
        }
    }

    /// <summary>The escalation methods every action of which the holder is allowed, with the grants.</summary>
    private static List<(EscalationMethod Method, List<Grant> Grants)> Methods(PermissionAnalysis analysis, PermissionHolder holder)
    {
        var methods = new List<(EscalationMethod Method, List<Grant> Grants)>();
        if (holder.BoundaryUnresolved || IsAdministrator(analysis, holder))
        {
            return methods;
        }

        foreach (var method in PermissionRisks.EscalationMethods)
        {
            var grants = new List<Grant>();
            foreach (var name in method.Actions)
            {
                if (FindGrant(analysis, holder, name) is not { } grant)
                {
                    break;
                }

                grants.Add(grant);
            }

            if (grants.Count == method.Actions.Count)
            {
                methods.Add((method, grants));
            }
        }

        return methods;
    }

    /// <summary>An Allow statement of the holder, unrestricted, on every resource (of the type), that grants <paramref name="action"/> and survives denies and boundary.</summary>
    private static Grant? FindGrant(PermissionAnalysis analysis, PermissionHolder holder, string action)
    {
        if (analysis.Actions.Lookup(action).Actions is not [var known] || !PermissionAnalysis.BoundaryAllows(holder, known))
        {
            return null;
        }

        foreach (var statement in holder.Statements)
        {
            if (statement.IsAllow && PermissionAnalysis.IsUnconditional(statement) && statement.CoversAction(action) == true
                && analysis.ScopeOf(statement) >= ResourceScope.Broad && !analysis.IsDenied(holder, statement, known))
            {
                return new Grant(known, statement, statement.Action?.Matching(action).FirstOrDefault());
            }
        }

        return null;
    }

    /// <summary>Allowed every action on every resource, unconditionally and with nothing denied.</summary>
    private static bool IsAdministrator(PermissionAnalysis analysis, PermissionHolder holder) =>
        analysis.UnconditionalDenies(holder).Count == 0 && holder.Boundary.Count == 0
        && holder.Statements.Any(s => s.IsAllow && PermissionAnalysis.IsUnconditional(s) && analysis.HoldsWhenever(s, holder)
            && s.Action is { HasStar: true } && analysis.ScopeOf(s) == ResourceScope.Any);

    private sealed record Grant(IamAction Action, PolicyStatement Statement, PolicyValue? Value)
    {
        /// <summary>"iam:PassRole (by 'iam:Pass*' in Policies/0 of AppRole)".</summary>
        public string Describe(PermissionHolder holder)
        {
            var via = Value is null ? "NotAction" : string.Equals(Value.Text, Action.FullName, StringComparison.OrdinalIgnoreCase) ? null : $"'{Value.Text}'";
            var document = Statement.Document;
            var where = document.Owner == holder.Resource
                ? (document.PolicyName is { } name ? $"policy '{name}'" : document.PropertyPath is "" or "PolicyDocument" ? null : document.PropertyPath)
                : $"'{document.Owner.LogicalId}'";
            var branch = Statement.Scenario.Describe() is { Length: > 0 } when ? ", " + when : string.Empty;
            var parts = new[] { via is null ? null : "by " + via, where is null ? null : "in " + where }.Where(p => p is not null);
            var detail = string.Join(" ", parts) + branch;
            return detail.Length == 0 ? Action.FullName : $"{Action.FullName} ({detail})";
        }
    }
}
