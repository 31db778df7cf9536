using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;
using Scanner.Rules.Common;

namespace Scanner.Rules.Iam;

/// <summary>What an Allow statement grants too broadly.</summary>
public enum StatementOffence
{
    /// <summary><c>*</c> or <c>service:*</c> in Action (a partial wildcard such as <c>s3:Get*</c> does not count).</summary>
    WildcardAction,

    /// <summary>Resource exactly <c>*</c>.</summary>
    WildcardResource,

    /// <summary>NotAction: every action but the listed ones, including actions added to AWS later.</summary>
    NotAction,

    /// <summary>NotResource: every resource but the listed ones.</summary>
    NotResource,

    /// <summary>NotPrincipal: every principal but the listed ones, in every account.</summary>
    NotPrincipal,

    /// <summary>
    /// A principal containing <c>*</c> (<c>"*"</c>, <c>{AWS: "*"}</c>, <c>arn:aws:iam::*:root</c>…), unless the
    /// conditions effectively pin the caller (organization, account, principal ARN, or the source a service acts for).
    /// </summary>
    WildcardPrincipal,

    /// <summary><c>iam:PassRole</c> (written out or matched by <c>iam:Pass*</c>, <c>iam:*</c>, <c>*</c>…) on Resource <c>*</c>.</summary>
    PassRoleOnAnyResource,
}

/// <summary>The documents a row reads (policy kind and resource types) and how titles and messages name them.</summary>
/// <param name="Name">The holder as titles name it ("IAM managed policy").</param>
public sealed record PolicyHolder(string Name, string Category, PolicyKind Kind, IReadOnlyList<string> ResourceTypes)
{
    /// <summary>The holder as messages name it (defaults to <see cref="Name"/>).</summary>
    public string MessageSubject { get; init; } = Name;
}

/// <summary>
/// One rule of the policy-statement family: an id, the documents it reads, what it looks for, its level and severity.
/// The texts follow from the offence and the holder; a row overrides them only where the documents mean something
/// else (trust policies, IoT device policies).
/// </summary>
public sealed record PolicyStatementRow(string Id, PolicyHolder Holder, StatementOffence Offence, RuleLevel Level, SecuritySeverity Severity) : IRuleRow
{
    public IReadOnlyList<RuleAlias> Aliases { get; init; } = [];

    public string? Title { get; init; }

    public string? Message { get; init; }

    public string? Description { get; init; }

    public string? Remediation { get; init; }

    public RuleDescriptor Describe()
    {
        var subject = Holder.MessageSubject;
        var identity = Holder.Kind != PolicyKind.Resource;
        var (title, message, description, remediation) = Offence switch
        {
            StatementOffence.WildcardAction => (
                "allows all actions",
                $"{subject} allows the wildcard action '{{0}}'.",
                identity
                    ? "A wildcard action grants every current and future action of the service (or of AWS), far more than any workload needs."
                    : "A wildcard action in a resource policy lets the named principals do anything to the resource, including changing its policy or deleting it.",
                identity ? "List the actions the workload calls." : "List the actions the principals need."),
            StatementOffence.WildcardResource => (
                "allows actions on all resources",
                $"{subject} allows its actions on every resource (Resource '{{0}}').",
                "Resource '*' applies the statement's actions to every resource of the account, including ones created later.",
                "Scope Resource to the ARNs the workload uses."),
            StatementOffence.NotAction => (
                "allows actions through NotAction",
                $"{subject} allows every action except '{{0}}' (Allow with NotAction).",
                "Allow with NotAction grants every action that is not listed, including actions AWS adds later.",
                $"Replace NotAction with Action listing {(identity ? "what is needed" : "what the principals need")}; use NotAction only with Deny."),
            StatementOffence.NotResource => (
                "allows resources through NotResource",
                $"{subject} allows its actions on every resource except '{{0}}' (Allow with NotResource).",
                "Allow with NotResource applies the actions to every resource that is not listed, including ones created later.",
                "Replace NotResource with Resource listing the ARNs the workload uses; use NotResource only with Deny."),
            StatementOffence.NotPrincipal => (
                "allows principals through NotPrincipal",
                $"{subject} grants access to every principal except '{{0}}' (Allow with NotPrincipal).",
                "Allow with NotPrincipal grants access to everyone, in every account and anonymously, except the listed principals.",
                "Replace NotPrincipal with Principal naming who needs access; use NotPrincipal only with Deny."),
            StatementOffence.WildcardPrincipal => (
                "allows any principal",
                $"{subject} grants access to the wildcard principal '{{0}}' without a condition that pins the caller's account, organization or source.",
                "A wildcard principal opens the resource to every AWS account and, for some services, to anonymous callers.",
                "Name the principals that need access, or restrict the statement with aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceAccount."),
            StatementOffence.PassRoleOnAnyResource => (
                "allows passing any role",
                $"{subject} allows '{{0}}' on Resource '*', so any role of the account can be passed to a service.",
                "iam:PassRole on every role lets the holder give a service (an instance, a function, a pipeline) a more powerful role than its own and act through it.",
                "Limit iam:PassRole to the ARNs of the roles the workload hands to services, and add an iam:PassedToService condition."),
            _ => throw new InvalidOperationException($"{Id}: unknown offence {Offence}."),
        };

        return RuleDescriptor.Create(
            Id,
            Title ?? $"{Holder.Name} {title}",
            Message ?? message,
            Level,
            Severity,
            Holder.Category,
            Description ?? description,
            Remediation ?? remediation,
            Aliases,
            Holder.ResourceTypes,
            RuleKind.CfnNag);
    }
}

/// <summary>
/// cfn-nag's policy-statement rules as one table: every Allow statement of the documents a row reads is checked for
/// the row's offence, and each offending statement is reported once, at its first offending value.
/// </summary>
public sealed class PolicyStatementRules : IRuleProvider
{
    private static readonly PolicyHolder RoleTrust = new("IAM role trust policy", "IAM", PolicyKind.Trust, ["AWS::IAM::Role"])
    {
        MessageSubject = "Trust policy",
    };

    private static readonly PolicyHolder RolePermissions = new("IAM role permissions policy", "IAM", PolicyKind.Identity, ["AWS::IAM::Role"]);

    private static readonly PolicyHolder Standalone = new("IAM policy", "IAM", PolicyKind.Identity, ["AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"]);

    private static readonly PolicyHolder Managed = new("IAM managed policy", "IAM", PolicyKind.Identity, ["AWS::IAM::ManagedPolicy"]);

    private static readonly PolicyHolder Bucket = new("S3 bucket policy", "S3", PolicyKind.Resource, ["AWS::S3::BucketPolicy"]);

    private static readonly PolicyHolder Queue = new("SQS queue policy", "SQS", PolicyKind.Resource, ["AWS::SQS::QueuePolicy"]);

    private static readonly PolicyHolder Topic = new("SNS topic policy", "SNS", PolicyKind.Resource, ["AWS::SNS::TopicPolicy"]);

    private static readonly PolicyHolder Key = new("KMS key policy", "KMS", PolicyKind.Resource, ["AWS::KMS::Key"]);

    private static readonly PolicyHolder Iot = new("IoT policy", "IoT", PolicyKind.Identity, ["AWS::IoT::Policy"]);

    private static readonly RuleAlias[] WildcardActionChecks = [new("checkov", "CKV_AWS_63")];

    public static IReadOnlyList<PolicyStatementRow> Table { get; } =
    [
        new("F2", RoleTrust, StatementOffence.WildcardAction, RuleLevel.Failure, SecuritySeverity.High)
        {
            Message = "Trust policy allows the wildcard action '{0}' instead of naming the assume-role action the principal needs.",
            Description = "A wildcard in a trust policy grants every STS action, including session tagging and source identity, so callers can set attributes that other policies trust.",
            Remediation = "Name the exact action, such as sts:AssumeRole or sts:AssumeRoleWithWebIdentity.",
        },
        new("W14", RoleTrust, StatementOffence.NotAction, RuleLevel.Warning, SecuritySeverity.Medium)
        {
            Description = "Allow with NotAction in a trust policy grants every other STS action, including ones AWS adds later.",
            Remediation = "Replace NotAction with Action naming the assume-role action the principal needs.",
        },
        new("F6", RoleTrust, StatementOffence.NotPrincipal, RuleLevel.Failure, SecuritySeverity.Critical)
        {
            Message = "Trust policy lets every principal except '{0}' assume the role (Allow with NotPrincipal).",
            Description = "Allow with NotPrincipal trusts every principal of every account except the listed ones.",
            Remediation = "Replace NotPrincipal with Principal naming who may assume the role.",
        },

        new("F3", RolePermissions, StatementOffence.WildcardAction, RuleLevel.Failure, SecuritySeverity.High) { Aliases = WildcardActionChecks },
        new("W11", RolePermissions, StatementOffence.WildcardResource, RuleLevel.Warning, SecuritySeverity.Medium),
        new("W15", RolePermissions, StatementOffence.NotAction, RuleLevel.Warning, SecuritySeverity.Medium),
        new("W21", RolePermissions, StatementOffence.NotResource, RuleLevel.Warning, SecuritySeverity.Medium),
        new("F38", RolePermissions, StatementOffence.PassRoleOnAnyResource, RuleLevel.Failure, SecuritySeverity.High),

        new("F4", Standalone, StatementOffence.WildcardAction, RuleLevel.Failure, SecuritySeverity.High) { Aliases = WildcardActionChecks },
        new("W12", Standalone, StatementOffence.WildcardResource, RuleLevel.Warning, SecuritySeverity.Medium),
        new("W16", Standalone, StatementOffence.NotAction, RuleLevel.Warning, SecuritySeverity.Medium),
        new("W22", Standalone, StatementOffence.NotResource, RuleLevel.Warning, SecuritySeverity.Medium),
        new("F39", Standalone, StatementOffence.PassRoleOnAnyResource, RuleLevel.Failure, SecuritySeverity.High),

        new("F5", Managed, StatementOffence.WildcardAction, RuleLevel.Failure, SecuritySeverity.High) { Aliases = WildcardActionChecks },
        new("W13", Managed, StatementOffence.WildcardResource, RuleLevel.Warning, SecuritySeverity.Medium),
        new("W17", Managed, StatementOffence.NotAction, RuleLevel.Warning, SecuritySeverity.Medium),
        new("W23", Managed, StatementOffence.NotResource, RuleLevel.Warning, SecuritySeverity.Medium),
        new("F40", Managed, StatementOffence.PassRoleOnAnyResource, RuleLevel.Failure, SecuritySeverity.High),

        new("F9", Bucket, StatementOffence.NotPrincipal, RuleLevel.Failure, SecuritySeverity.Critical),
        new("F15", Bucket, StatementOffence.WildcardAction, RuleLevel.Failure, SecuritySeverity.High),
        new("F16", Bucket, StatementOffence.WildcardPrincipal, RuleLevel.Failure, SecuritySeverity.Critical) { Aliases = [new("checkov", "CKV_AWS_70")] },
        new("W20", Bucket, StatementOffence.NotAction, RuleLevel.Warning, SecuritySeverity.Medium),

        new("F7", Queue, StatementOffence.NotPrincipal, RuleLevel.Failure, SecuritySeverity.Critical),
        new("F20", Queue, StatementOffence.WildcardAction, RuleLevel.Failure, SecuritySeverity.High) { Aliases = [new("checkov", "CKV_AWS_72")] },
        new("F21", Queue, StatementOffence.WildcardPrincipal, RuleLevel.Failure, SecuritySeverity.Critical),
        new("W18", Queue, StatementOffence.NotAction, RuleLevel.Warning, SecuritySeverity.Medium),

        new("F8", Topic, StatementOffence.NotPrincipal, RuleLevel.Failure, SecuritySeverity.Critical),
        new("F18", Topic, StatementOffence.WildcardPrincipal, RuleLevel.Failure, SecuritySeverity.Critical),
        new("W19", Topic, StatementOffence.NotAction, RuleLevel.Warning, SecuritySeverity.Medium),

        new("F76", Key, StatementOffence.WildcardPrincipal, RuleLevel.Failure, SecuritySeverity.Critical) { Aliases = [new("checkov", "CKV_AWS_33")] },

        new("W38", Iot, StatementOffence.WildcardAction, RuleLevel.Warning, SecuritySeverity.Medium)
        {
            Description = "A device holding a wildcard IoT policy can publish, subscribe, update shadows and manage jobs beyond its own function.",
            Remediation = "List the IoT actions the device needs (for example iot:Connect, iot:Publish).",
        },
        new("W39", Iot, StatementOffence.WildcardResource, RuleLevel.Warning, SecuritySeverity.Medium)
        {
            Title = "IoT policy allows all resources",
            Description = "Resource '*' lets any device holding the policy connect as any client and use every topic.",
            Remediation = "Scope Resource to the client, topic and thing ARNs of the device, using policy variables such as ${iot:Connection.Thing.ThingName}.",
        },
    ];

    private static readonly IRule[] Instances = [.. Table.Select(row => new PolicyStatementRule(row))];

    public IEnumerable<IRule> Rules => Instances;
}

/// <summary>A row of <see cref="PolicyStatementRules"/> as a rule.</summary>
public sealed class PolicyStatementRule(PolicyStatementRow row) : RowRule<PolicyStatementRow>(row)
{
    private static readonly string[] CallerKeys =
    [
        .. ConditionKeys.IdentityKeys,
        ConditionKeys.SourceAccount,
        ConditionKeys.SourceArn,
        ConditionKeys.SourceOrgId,
        "kms:CallerAccount",
    ];

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterPolicyAction(Analyze, Row.Holder.Kind, [.. Row.Holder.ResourceTypes]);

    /// <summary>The node a finding points at, the value shown in the message and the scenario it holds under, or null when the statement is fine.</summary>
    public static (SyntaxNode Node, string Text, Scenario When, string? Parameter)? FindOffender(StatementOffence offence, PolicyStatement statement) => offence switch
    {
        StatementOffence.WildcardAction => Offend(statement.Action?.Values.FirstOrDefault(v => v.Literal is { } action && ActionPattern.IsServiceWildcard(action))),
        StatementOffence.WildcardResource => Offend(statement.Resource?.Values.FirstOrDefault(v => v.IsStar)),
        StatementOffence.NotAction => Offend(statement, statement.NotAction),
        StatementOffence.NotResource => Offend(statement, statement.NotResource),
        StatementOffence.NotPrincipal => statement.NotPrincipal is { } np
            ? (np.KeyNode ?? np.Node, np.Principals.Count == 0 ? string.Empty : np.Principals[0].Value.Display, statement.Scenario, null)
            : null,
        StatementOffence.WildcardPrincipal => CallerKeys.Any(statement.Restrictions.IsRestricted)
            ? null
            : Offend(statement.Principals.FirstOrDefault(p => p.Value.KnownParts.Any(part => part.Contains('*', StringComparison.Ordinal)))?.Value),
        StatementOffence.PassRoleOnAnyResource => statement.Resource is { HasStar: true } ? Offend(statement.Action?.Matching("iam:PassRole").FirstOrDefault()) : null,
        _ => null,
    };

    private static (SyntaxNode, string, Scenario, string?)? Offend(PolicyValue? value) => value is null ? null : (value.Node, value.Display, value.Scenario, value.SourceParameter);

    /// <summary>A whole element (NotAction, NotResource): at its key, showing its first value.</summary>
    private static (SyntaxNode, string, Scenario, string?)? Offend(PolicyStatement statement, ValueElement? element) =>
        element is null ? null : (element.KeyNode ?? element.Node, element.Values.Count == 0 ? string.Empty : element.Values[0].Display, statement.Scenario, null);

    private void Analyze(PolicyContext context)
    {
        foreach (var statement in context.Statements)
        {
            if (statement.IsAllow && FindOffender(Row.Offence, statement) is { } offender)
            {
                context.TemplateContext.Report(Descriptor, offender.Node.Span, offender.Node.Path, context.Resource, Descriptor.FormatMessage(offender.Text), scenario: offender.When, namedParameter: offender.Parameter);
            }
        }
    }
}
