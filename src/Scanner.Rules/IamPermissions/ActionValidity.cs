using Scanner.Core.Diagnostics;
using Scanner.Iam;
using Scanner.Iam.Permissions;

namespace Scanner.Rules.IamPermissions;

/// <summary>IAM001: an action (or its service) that IAM does not know, with the closest one it does.</summary>
public sealed class UnknownIamAction : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM001",
        "Unknown IAM action",
        "'{0}' is not an IAM action.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "An action that no service defines (a typo such as s3:DeleteObjet, a service prefix that does not exist, text that is not service:action) matches no request: in an Allow it grants nothing, in a Deny it protects nothing, and in an Allow with NotAction it fails to exclude what was meant to be excluded, so the statement allows more. Action names are compared ignoring case, as IAM does. The check uses the IAM service reference embedded in the build (see `iacscan rules` for its version); actions newer than the data are declared with the rule argument iam_extra_actions=svc:Action,… . Reported as a failure (HIGH) in a Deny and in an Allow with NotAction, where the typo widens access; as a warning elsewhere.",
        "Use the action name the message suggests, or the one in the service's Actions table of the Service Authorization Reference; declare actions newer than the data with --rule-arguments iam_extra_actions=svc:Action.",
        [new RuleAlias("cfn-lint", "W3037"), new RuleAlias("parliament", "UNKNOWN_ACTION")],
        raisedWhereAccessWidens: true,
        arguments: [IamPermissionSupport.ExtraActions]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(IamPolicyScope scope)
    {
        foreach (var statement in scope.Document.Statements)
        {
            Check(scope, statement, statement.Action, widens: statement.IsDeny);
            Check(scope, statement, statement.NotAction, widens: statement.IsAllow);
        }
    }

    private static void Check(IamPolicyScope scope, PolicyStatement statement, ValueElement? element, bool widens)
    {
        foreach (var value in element?.Values ?? [])
        {
            if (value.Literal is not { } text || scope.Actions.Lookup(text) is not { Status: ActionStatus.UnknownAction or ActionStatus.UnknownService or ActionStatus.Malformed } lookup)
            {
                continue;
            }

            var what = lookup.Status switch
            {
                ActionStatus.Malformed when text.Trim() != text => $"'{text}' is not an IAM action: action names have no spaces",
                ActionStatus.Malformed => $"'{text}' is not an IAM action: actions are written service:action",
                ActionStatus.UnknownService => $"'{text}' is not an IAM action: no service has the prefix '{text[..text.IndexOf(':', StringComparison.Ordinal)]}'",
                _ => $"'{text}' is not an action of {text[..text.IndexOf(':', StringComparison.Ordinal)]}",
            };
            var hint = lookup.Suggestion is { } s ? $" (did you mean '{s}'?)" : string.Empty;
            var effect = statement.IsDeny && element == statement.Action ? "; the Deny protects nothing against it"
                : statement.IsAllow && element == statement.NotAction ? "; NotAction does not exclude the action meant, so the Allow grants it"
                : string.Empty;
            var descriptor = widens ? IamPermissionSupport.At(Rule, RuleLevel.Failure, SecuritySeverity.High) : Rule;
            scope.Report(descriptor, value.Node, $"{what}{hint}{effect}{IamPermissionSupport.Qualifier(statement)}.", value.Scenario);
        }
    }
}

/// <summary>IAM002: an action glob that matches no action.</summary>
public sealed class IamActionPatternMatchesNothing : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM002",
        "IAM action pattern matches no action",
        "'{0}' matches no IAM action.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "An action glob (s3:Get*Acl, ec2:Describe?nstances) that matches no action of the service reference grants nothing in an Allow and denies nothing in a Deny; it is usually a typo in the fixed part of the pattern. Globs are expanded against the reference embedded in the build; declare newer actions with iam_extra_actions.",
        "Fix the pattern so that it matches the actions meant, or list them.",
        [new RuleAlias("cfn-lint", "W3037")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(IamPolicyScope scope)
    {
        foreach (var statement in scope.Document.Statements)
        {
            foreach (var value in (statement.Action?.Values ?? []).Concat(statement.NotAction?.Values ?? []))
            {
                if (value.Literal is { } text && scope.Actions.Lookup(text).Status == ActionStatus.PatternMatchesNothing)
                {
                    var effect = statement.IsDeny ? "; the Deny protects nothing against it" : string.Empty;
                    scope.Report(Rule, value.Node, $"'{text}' matches no IAM action{effect}{IamPermissionSupport.Qualifier(statement)}.", value.Scenario);
                }
            }
        }
    }
}

/// <summary>IAM007: an action of another service in an S3, SQS, SNS, KMS or ECR resource policy.</summary>
public sealed class ForeignActionInResourcePolicy : IamPermissionRule
{
    private static readonly Dictionary<string, string[]> ServicesByType = new(StringComparer.Ordinal)
    {
        ["AWS::S3::BucketPolicy"] = ["s3"],
        ["AWS::S3::AccessPoint"] = ["s3"],
        ["AWS::S3Express::BucketPolicy"] = ["s3express"],
        ["AWS::SQS::QueuePolicy"] = ["sqs"],
        ["AWS::SQS::QueueInlinePolicy"] = ["sqs"],
        ["AWS::SNS::TopicPolicy"] = ["sns"],
        ["AWS::SNS::TopicInlinePolicy"] = ["sns"],
        ["AWS::KMS::Key"] = ["kms"],
        ["AWS::KMS::ReplicaKey"] = ["kms"],
        ["AWS::ECR::Repository"] = ["ecr"],
        ["AWS::ECR::PublicRepository"] = ["ecr-public", "ecr"],
        ["AWS::ECR::RegistryPolicy"] = ["ecr"],
    };

    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM007",
        "Resource policy names an action of another service",
        "The {0} policy names '{1}', an action of another service.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "A bucket, queue, topic, key or repository policy only governs requests to that resource, so an action of another service (sqs:SendMessage in a bucket policy) never applies: the statement grants or denies nothing, which usually means it was written for another resource.",
        "Move the statement to the policy of the resource it was meant for, or use the resource's own actions.",
        resourceTypes: ServicesByType.Keys);

    public override RuleDescriptor Descriptor => Rule;

    protected override IReadOnlyList<PolicyKind> Kinds => [PolicyKind.Resource];

    protected override void Analyze(IamPolicyScope scope)
    {
        if (!ServicesByType.TryGetValue(scope.Document.Owner.Type, out var services))
        {
            return;
        }

        foreach (var statement in scope.Document.Statements)
        {
            foreach (var value in statement.Action?.Values ?? [])
            {
                var colon = value.Literal?.IndexOf(':', StringComparison.Ordinal) ?? -1;
                if (value.Literal is not { } text || colon <= 0)
                {
                    continue;
                }

                var prefix = text[..colon];
                if (prefix.AsSpan().IndexOfAny('*', '?') < 0 && !services.Contains(prefix, StringComparer.OrdinalIgnoreCase))
                {
                    scope.Report(Rule, value.Node, $"The {services[0]} resource policy names '{text}', an action of {prefix}, which never applies to the resource it governs{IamPermissionSupport.Qualifier(statement)}.", value.Scenario);
                }
            }
        }
    }
}

/// <summary>IAM010: an action or resource already covered by another value of the same statement.</summary>
public sealed class RedundantPolicyValue : IamPermissionRule
{
    public static readonly RuleDescriptor Rule = IamPermissionSupport.Create(
        "IAM010",
        "Redundant action or resource",
        "'{0}' is already covered by '{1}' in the same statement.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "An action (or resource) that another value of the same element already matches (s3:GetObject next to s3:Get*, a bucket ARN next to '*', the same value twice) changes nothing but makes the policy longer and harder to review; policies have a size quota. IAM Access Analyzer reports these as suggestions.",
        "Remove the redundant value, or replace the broader one with the exact list meant.",
        [new RuleAlias("access-analyzer", "REDUNDANT_ACTION")]);

    public override RuleDescriptor Descriptor => Rule;

    protected override void Analyze(IamPolicyScope scope)
    {
        foreach (var statement in scope.Document.Statements)
        {
            Check(scope, statement, statement.Action, ignoreCase: true);
            Check(scope, statement, statement.NotAction, ignoreCase: true);
            Check(scope, statement, statement.Resource, ignoreCase: false);
            Check(scope, statement, statement.NotResource, ignoreCase: false);
        }
    }

    private static void Check(IamPolicyScope scope, PolicyStatement statement, ValueElement? element, bool ignoreCase)
    {
        // Actions that name nothing are IAM001/IAM002's; they are not also reported as redundant.
        var values = element?.Values.Where(v => v.IsKnown && (!ignoreCase || scope.Actions.Lookup(v.Literal!).IsValid)).ToList() ?? [];
        for (var i = 0; i < values.Count; i++)
        {
            for (var j = 0; j < values.Count; j++)
            {
                if (i == j || scope.Policy.TemplateContext.Evaluator.Combine(values[i].Scenario, values[j].Scenario) is null)
                {
                    continue;
                }

                var redundant = values[i].Literal!;
                var cover = values[j].Literal!;
                var same = string.Equals(redundant, cover, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
                if ((same && j < i) || (!same && GlobContainment.Covers(cover, redundant, ignoreCase)))
                {
                    scope.Report(Rule, values[i].Node, $"'{redundant}' in {element!.Name} is already covered by '{cover}' in the same statement{IamPermissionSupport.Qualifier(statement)}.", values[i].Scenario);
                    break;
                }
            }
        }
    }
}

/// <summary>Whether one IAM glob matches everything another matches.</summary>
public static class GlobContainment
{
    /// <summary>
    /// True when every string <paramref name="inner"/> matches is matched by <paramref name="outer"/>: a <c>*</c> of the
    /// inner glob must be met by a <c>*</c> of the outer one, a <c>?</c> by <c>?</c> or <c>*</c>.
    /// </summary>
    public static bool Covers(string outer, string inner, bool ignoreCase)
    {
        var memo = new Dictionary<(int, int), bool>();
        bool Match(int o, int i)
        {
            if (memo.TryGetValue((o, i), out var known))
            {
                return known;
            }

            bool result;
            if (o == outer.Length)
            {
                result = i == inner.Length;
            }
            else if (outer[o] == '*')
            {
                result = Match(o + 1, i) || (i < inner.Length && Match(o, i + 1));
            }
            else if (i == inner.Length)
            {
                result = false;
            }
            else if (inner[i] == '*')
            {
                result = false;
            }
            else if (outer[o] == '?')
            {
                result = Match(o + 1, i + 1);
            }
            else if (inner[i] == '?')
            {
                result = false;
            }
            else
            {
                var same = ignoreCase ? char.ToLowerInvariant(outer[o]) == char.ToLowerInvariant(inner[i]) : outer[o] == inner[i];
                result = same && Match(o + 1, i + 1);
            }

            memo[(o, i)] = result;
            return result;
        }

        return Match(0, 0);
    }
}
