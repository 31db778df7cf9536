using Scanner.Core.Diagnostics;
using Scanner.Iam;
using Scanner.Iam.Permissions;

namespace Scanner.Rules.IamPermissions;

/// <summary>IAM005: a Resource that is not a well-formed ARN.</summary>
public sealed class MalformedResourceArn : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM005",
        "Malformed resource ARN",
        "Resource '{0}' is not a valid ARN.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "A Resource is '*' or an ARN of six fields, arn:partition:service:region:account:resource. A value without the arn: prefix, with fewer fields, an unknown partition or service, a malformed region or account, or a region or account where the service's ARNs of that kind have none (S3 buckets and objects, IAM) or none where they need one, matches no resource: the statement grants or denies nothing on it. Parts resolved from the template (pseudo parameters, Ref and GetAtt of resources of known types) are checked by what they stand for; parts that cannot be resolved are not guessed at.",
        "Write the ARN in the format of the resource type (Service Authorization Reference), or build it from the resource with Fn::GetAtt / Fn::Sub.",
        [new RuleAlias("parliament", "INVALID_ARN")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<PolicyKind> Kinds => [PolicyKind.Identity, PolicyKind.Resource];

    protected override void Analyze(IamPolicyScope scope)
    {
        if (scope.Document.Encoding == PolicyEncoding.Synthesized)
        {
            return; // Lambda permissions name their function, not an ARN
        }

        foreach (var statement in scope.Document.Statements)
        {
            foreach (var value in (statement.Resource?.Values ?? []).Concat(statement.NotResource?.Values ?? []))
            {
                if (IamPermissionSupport.IsApiGatewayShorthand(scope.Document, value))
                {
                    continue;
                }

                if (IamPermissionSupport.ArnProblem(scope.Analysis.PatternOf(value), scope.Reference) is { } problem)
                {
                    scope.Report(Rule, value.Node, $"Resource '{value.Text}' {problem}{IamPermissionSupport.Qualifier(statement)}.", value.Scenario);
                }
            }
        }
    }
}

/// <summary>IAM006: a Resource ARN that none of the statement's actions can be scoped to.</summary>
public sealed class ResourceMatchesNoActionResourceType : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM006",
        "Resource matches none of the actions' resource types",
        "Resource '{0}' matches none of the resource types of the statement's actions.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Each action can be scoped to some resource types only (s3:ListBucket to a bucket, s3:GetObject to an object, xray:PutTraceSegments to none: only '*'). A Resource ARN that matches the format of none of them (s3:ListBucket on arn:aws:s3:::bucket/*) makes the statement grant or deny nothing for it. ARN formats come from the service reference; Ref, Fn::GetAtt and Fn::Sub of resources of the template are resolved by their CloudFormation type (a bucket's Arn is a bucket ARN, ${Bucket.Arn}/* an object ARN), and parts that cannot be resolved are taken to match. Only statements whose actions are all known are checked.",
        "Scope each action to the resource type it takes: split the statement (bucket-level actions on the bucket ARN, object-level actions on bucket/*), or use '*' for actions that take no resource.",
        [new RuleAlias("cfn-lint", "I3510"), new RuleAlias("parliament", "RESOURCE_MISMATCH")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<PolicyKind> Kinds => [PolicyKind.Identity, PolicyKind.Resource];

    protected override void Analyze(IamPolicyScope scope)
    {
        if (scope.Document.Encoding == PolicyEncoding.Synthesized)
        {
            return;
        }

        foreach (var statement in scope.Document.Statements)
        {
            if (statement.Resource is null || IamPermissionSupport.KnownActions(scope, statement) is not { Count: > 0 } actions)
            {
                continue;
            }

            var formats = actions.SelectMany(a => a.ResourceTypes).Select(t => t.Format).Distinct().ToList();
            foreach (var value in statement.Resource.Values)
            {
                var pattern = scope.Analysis.PatternOf(value);
                if (IamPermissionSupport.IsApiGatewayShorthand(scope.Document, value) || pattern.IsStar || pattern.IsOpaque || IamPermissionSupport.ArnProblem(pattern, scope.Reference) is not null || formats.Any(pattern.Matches))
                {
                    continue;
                }

                scope.Report(Rule, value.Node, $"Resource '{value.Text}'{Kind(scope, pattern)} matches none of the resource types of the statement's actions: {Takes(actions)}{IamPermissionSupport.Qualifier(statement)}.", value.Scenario);
            }
        }
    }

    /// <summary>" (an s3 object ARN)" when the value matches a resource type of its service.</summary>
    private static string Kind(IamPolicyScope scope, ArnPattern pattern)
    {
        var service = pattern.Fields()?.Service;
        var type = scope.Reference.Services.SelectMany(s => s.ResourceTypes)
            .Where(t => (service is null || t.Format.Service == service) && pattern.Matches(t.Format))
            .OrderBy(t => t.Service.Prefix == service ? 0 : 1)
            .FirstOrDefault();
        return type is null ? string.Empty : $" (an ARN of type {type.Service.Prefix} {type.Name})";
    }

    private static string Takes(IReadOnlyList<IamAction> actions)
    {
        var parts = actions.Take(3).Select(a => a.TakesNoResource
            ? $"{a.FullName} takes no resource (only '*')"
            : $"{a.FullName} takes {string.Join(" or ", a.ResourceTypes.Select(t => t.Name).Distinct().Take(3))}");
        return string.Join("; ", parts) + (actions.Count > 3 ? $"; and {actions.Count - 3} more actions" : string.Empty);
    }
}

/// <summary>IAM008: a statement whose Effect is missing or is neither Allow nor Deny.</summary>
public sealed class InvalidStatementEffect : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM008",
        "Invalid statement Effect",
        "{0}",
        RuleLevel.Failure,
        SecuritySeverity.Medium,
        "Effect must be exactly Allow or Deny (case-sensitive); IAM rejects a policy with a missing or other Effect, so the stack fails to deploy or to update. Trust policies are covered by TRUST030.",
        "Set Effect to Allow or Deny.",
        [new RuleAlias("cfn-lint", "E3510"), new RuleAlias("access-analyzer", "INVALID_EFFECT")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<PolicyKind> Kinds => [PolicyKind.Identity, PolicyKind.Resource];

    protected override void Analyze(IamPolicyScope scope)
    {
        foreach (var problem in scope.Document.Problems.Where(p => p.Code is PolicyProblemCode.InvalidEffect or PolicyProblemCode.MissingEffect))
        {
            var where = problem.Statement is { } s ? IamPermissionSupport.Qualifier(s) : string.Empty;
            scope.Report(Rule, problem.Node, $"{problem.Message.TrimEnd('.')}: IAM rejects the policy{where}.", problem.Statement?.Scenario);
        }
    }
}

/// <summary>IAM009: policy variables in a document without Version 2012-10-17, where they are taken literally.</summary>
public sealed class PolicyVariablesWithoutVersion : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM009",
        "Policy variables without Version 2012-10-17",
        "The document uses the policy variable '{0}' but its Version is not 2012-10-17.",
        RuleLevel.Failure,
        SecuritySeverity.Medium,
        "Policy variables (${aws:username}, ${aws:PrincipalTag/team}) are only replaced under Version 2012-10-17. Without a Version, or with 2008-10-17, the text '${aws:username}' is compared literally, so a per-user resource or condition matches nothing (an Allow grants nothing, a Deny protects nothing). A missing Version where no variable is used changes nothing and is not reported. Trust policies are covered by TRUST030.",
        "Add \"Version\": \"2012-10-17\" to the document.",
        [new RuleAlias("access-analyzer", "MISSING_VERSION")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<PolicyKind> Kinds => [PolicyKind.Identity, PolicyKind.Resource];

    protected override void Analyze(IamPolicyScope scope)
    {
        var document = scope.Document;
        if (document.Version == "2012-10-17" || document.Encoding == PolicyEncoding.Synthesized || (document.Version is null && document.VersionNode is not null))
        {
            return; // a Version that is not literal is not guessed at
        }

        var variable = document.Statements
            .SelectMany(s => (s.Resource?.Values ?? []).Concat(s.NotResource?.Values ?? []).Concat(s.Clauses.SelectMany(c => c.Values)))
            .FirstOrDefault(v => v.ContainsPolicyVariable);
        if (variable is null)
        {
            return;
        }

        var text = variable.KnownParts.First(p => p.Contains("${", StringComparison.Ordinal));
        var start = text.IndexOf("${", StringComparison.Ordinal);
        var end = text.IndexOf('}', start);
        var name = end > start ? text[start..(end + 1)] : text[start..];
        var version = document.Version is null ? "has no Version" : $"has Version {document.Version}";
        scope.Report(Rule, (Scanner.CloudFormation.Syntax.SyntaxNode?)document.VersionNode ?? variable.Node, $"The document uses the policy variable '{name}' but {version}, so IAM takes '{name}' literally and the value matches nothing; use Version 2012-10-17.");
    }
}
