using System.Collections.Concurrent;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;
using Scanner.Iam.Permissions;

namespace Scanner.Rules.IamPermissions;

/// <summary>What the IAM permission rules share: descriptors, level variants, catalogs from the run's arguments.</summary>
internal static partial class IamPermissionSupport
{
    public const string Category = "IAM permissions";

    /// <summary>Identity policies are attached to these types (and AWS::IAM::Policy/ManagedPolicy…).</summary>
    public static readonly IReadOnlyList<string> IdentityTypes =
        ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::SSO::PermissionSet"];

    private static readonly ConcurrentDictionary<(string Id, RuleLevel Level, SecuritySeverity Severity), RuleDescriptor> Variants = new();

    public static RuleDescriptor Create(string id, string title, string message, RuleLevel level, SecuritySeverity severity, string description, string remediation, IEnumerable<RuleAlias>? aliases = null, IEnumerable<string>? resourceTypes = null, bool raisedWhereAccessWidens = false, IEnumerable<RuleArgument>? arguments = null) =>
        RuleDescriptor.Create(
            id, title, message, level, severity, Category, description, remediation, aliases, resourceTypes ?? PolicyTypes,
            findingSeverities: raisedWhereAccessWidens ? [SecuritySeverity.High] : null,
            arguments: arguments,
            findingLevels: raisedWhereAccessWidens ? [RuleLevel.Failure] : null);

    /// <summary>Actions newer than the service reference (read by every IAM permission rule; declared by IAM001).</summary>
    public static readonly RuleArgument ExtraActions = new(ActionCatalog.ExtraActionsArgument, RuleArgumentKind.ServiceNames, "Actions IAM knows that the embedded service reference does not yet list (svc:Action, or svc:* for a whole new service); they are valid and nothing else is assumed about them.");

    /// <summary>Condition keys newer than the service reference (declared by IAM003).</summary>
    public static readonly RuleArgument ExtraConditionKeys = new(ConditionKeyCatalog.ExtraKeysArgument, RuleArgumentKind.ServiceNames, "Condition keys IAM knows that the embedded service reference does not yet list (svc:key; ${TagKey}-style patterns allowed).");

    /// <summary>Every type that holds a policy document (the rules that read all documents).</summary>
    public static readonly IReadOnlyList<string> PolicyTypes =
        PolicyLocator.Locations.Select(l => l.ResourceType).Concat(PolicyLocator.SynthesizedTypes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The same rule at another of its declared finding levels and severities (a typo in a Deny is a failure, elsewhere a warning).</summary>
    public static RuleDescriptor At(RuleDescriptor d, RuleLevel level, SecuritySeverity severity)
    {
        if (!d.FindingLevels.Contains(level) || !d.FindingSeverities.Contains(severity))
        {
            throw new ArgumentException($"{d.Id} does not declare level {level} and severity {severity} for its findings.");
        }

        return level == d.Level && severity == d.Severity ? d : Variants.GetOrAdd((d.Id, level, severity), _ => RuleDescriptor.Create(
            d.Id, d.Title, d.MessageFormat, level, severity, d.Category, d.Description, d.Remediation, d.Aliases, d.ResourceTypes, d.Kind, d.EnabledByDefault, d.HelpUri, d.FindingSeverities, d.Arguments, d.FindingLevels));
    }

    public static ActionCatalog Actions(RuleArguments arguments) => ActionCatalog.For(arguments.Get(ActionCatalog.ExtraActionsArgument));

    public static ConditionKeyCatalog Keys(RuleArguments arguments) => ConditionKeyCatalog.For(arguments.Get(ConditionKeyCatalog.ExtraKeysArgument));

    /// <summary>
    /// The statement's actions when every value is a known action or glob of the reference (null when some value is
    /// unresolved, unknown, declared newer than the data, or NotAction is used): checks that judge what the actions
    /// take or support need all of them.
    /// </summary>
    public static List<IamAction>? KnownActions(IamPolicyScope scope, PolicyStatement statement)
    {
        if (statement.Action is null)
        {
            return null;
        }

        var actions = new List<IamAction>();
        var seen = new HashSet<IamAction>();
        foreach (var value in statement.Action.Values)
        {
            if (value.Literal is not { } text || scope.Actions.Lookup(text) is not { IsValid: true, IsComplete: true } lookup)
            {
                return null;
            }

            actions.AddRange(lookup.Actions.Where(seen.Add));
        }

        return actions;
    }

    /// <summary>"s3:GetObject, s3:PutObject and 3 more" (at most <paramref name="shown"/> names).</summary>
    public static string List(IEnumerable<string> names, int shown = 4)
    {
        var all = names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return all.Count <= shown ? string.Join(", ", all) : $"{string.Join(", ", all.Take(shown))} and {all.Count - shown} more";
    }

    /// <summary>
    /// Conditions of a statement that look like a restriction but restrict nothing, as a note (so the reader knows they
    /// were seen and why they do not count). When the statement holds is the finding's scenario, said by the report.
    /// </summary>
    public static string Qualifier(PolicyStatement statement, bool conditions = true)
    {
        var notes = new List<string>();
        if (conditions && statement.Restrictions.HasConditions && !statement.Restrictions.Effective.Any() && statement.Restrictions.Assessed.FirstOrDefault(a => !a.IsEffective) is { } weak)
        {
            notes.Add("its condition restricts nothing: " + weak.Explanation);
        }

        return notes.Count == 0 ? string.Empty : " (" + string.Join("; ", notes) + ")";
    }

    /// <summary>API Gateway resource policies may write <c>execute-api:/stage/method/path</c>; API Gateway expands it to the API's ARN.</summary>
    public static bool IsApiGatewayShorthand(PolicyDocument document, PolicyValue value) =>
        document.Owner.Type is "AWS::ApiGateway::RestApi"
        && (value.Value switch
        {
            CloudFormation.Evaluation.LiteralValue l => l.Text,
            CloudFormation.Evaluation.CompositeValue { Parts: [CloudFormation.Evaluation.LiteralValue first, ..] } => first.Text,
            _ => null,
        }) is { } head && head.StartsWith("execute-api:", StringComparison.Ordinal);

    /// <summary>The ARN fields IAM rejects or that make the value match nothing (shared by IAM005 and IAM006).</summary>
    public static string? ArnProblem(ArnPattern pattern, IamServiceReference reference)
    {
        if (pattern.IsStar || pattern.IsOpaque || pattern.Fields() is not { } fields)
        {
            return null;
        }

        var head = fields.Head;
        if (!ArnFields.IsVariable(head[0]) && head[0] != "arn")
        {
            return head.Count == 1 ? "is not an ARN (a Resource is an ARN or '*')" : $"starts with '{head[0]}:' instead of 'arn:'";
        }

        if (fields.ResourceItems is null)
        {
            return head.Any(ArnFields.IsVariable) ? null : $"has {head.Count} of the 6 fields of an ARN (arn:partition:service:region:account:resource)";
        }

        if (fields.Partition is { } partition && !ArnFields.IsVariable(partition) && !Partitions.Contains(partition))
        {
            return $"names the partition '{partition}', which does not exist (aws, aws-cn, aws-us-gov…)";
        }

        var service = fields.Service!;
        if (ArnFields.IsVariable(service))
        {
            return null;
        }

        if (!reference.ArnServices.Contains(service))
        {
            var suggestion = ActionCatalog.Closest(service, reference.ArnServices);
            return $"names the service '{service}', which no ARN format uses" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)");
        }

        var region = fields.Region!;
        var account = fields.Account!;
        if (region.Length > 0 && !ArnFields.IsVariable(region) && !RegionPattern().IsMatch(region))
        {
            return $"names the region '{region}', which is not a region name";
        }

        if (account.Length > 0 && !ArnFields.IsVariable(account) && !(account.Length == 12 && account.All(char.IsAsciiDigit)) && account != "aws")
        {
            return $"names the account '{account}', which is not a 12-digit account id";
        }

        var candidates = reference.Services.SelectMany(s => s.ResourceTypes)
            .Where(t => t.Format.Service == service && ArnMatching.Intersects(fields.ResourceItems, t.Format.ResourceItems))
            .ToList();
        if (candidates.Count == 0)
        {
            return null; // IAM006 says which types the actions take
        }

        var regionWildcardOnly = region.All(c => c == '*');
        var accountWildcardOnly = account.All(c => c == '*');
        if (!regionWildcardOnly && candidates.All(t => !t.Format.HasRegion))
        {
            return $"has the region '{Display(region)}', but {service} ARNs of this kind have none ({candidates[0].Format.Text})";
        }

        if (!accountWildcardOnly && candidates.All(t => !t.Format.HasAccount))
        {
            return $"has the account '{Display(account)}', but {service} ARNs of this kind have none ({candidates[0].Format.Text})";
        }

        if (region.Length == 0 && candidates.All(t => t.Format.HasRegion))
        {
            return $"has no region, but {service} ARNs of this kind need one ({candidates[0].Format.Text})";
        }

        if (account.Length == 0 && candidates.All(t => t.Format.HasAccount))
        {
            return $"has no account, but {service} ARNs of this kind need one ({candidates[0].Format.Text})";
        }

        return null;
    }

    private static string Display(string field) => field.Replace("\u0001", "${…}", StringComparison.Ordinal).Replace("\u0002", "${…}", StringComparison.Ordinal);

    private static readonly HashSet<string> Partitions = new(StringComparer.Ordinal)
    {
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
    };

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex RegionPattern();
}

/// <summary>What an IAM permission rule sees of one document: the catalogs of the run, the permission analysis and a reporter.</summary>
public sealed class IamPolicyScope
{
    private PermissionAnalysis? _analysis;

    internal IamPolicyScope(PolicyContext policy, ActionCatalog actions, ConditionKeyCatalog keys)
    {
        Policy = policy;
        Actions = actions;
        Keys = keys;
    }

    public PolicyContext Policy { get; }

    public PolicyDocument Document => Policy.Document;

    public ActionCatalog Actions { get; }

    public ConditionKeyCatalog Keys { get; }

    public IamServiceReference Reference => Actions.Reference;

    /// <summary>Effective permissions of the template (holders, denies, boundaries), made once per template.</summary>
    public PermissionAnalysis Analysis => _analysis ??= PermissionAnalysis.For(Policy.TemplateContext, Actions);

    /// <summary>
    /// Reports a finding; the message is complete, and the finding holds under <paramref name="when"/> (the scenario
    /// of the statement, value or clause at fault; the document's when null), which the message is given
    /// automatically. Fn::If variants of a statement share their nodes: the engine makes the same fact (rule, node,
    /// message) found in several variants one finding under the union of their scenarios, while a different message
    /// at the same node stays a different fact.
    /// </summary>
    public void Report(RuleDescriptor descriptor, SyntaxNode? node, string message, Scenario? when = null) =>
        Policy.ReportMessage(descriptor, node, message, when: when);
}

/// <summary>Base of the IAM permission rules that look at one document at a time.</summary>
public abstract class IamPermissionRule : Rule
{
    /// <summary>The document kinds the rule reads (all by default).</summary>
    protected virtual IReadOnlyList<PolicyKind> Kinds => [PolicyKind.Trust, PolicyKind.Identity, PolicyKind.Resource];

    public override void Initialize(RuleRegistrationContext context)
    {
        // The service reference is loaded on the first policy, not at start-up: a scan of templates without policies
        // (a pre-commit run on one file) does not pay for reading it.
        var arguments = context.Arguments;
        var actions = new Lazy<ActionCatalog>(() => IamPermissionSupport.Actions(arguments));
        var keys = new Lazy<ConditionKeyCatalog>(() => IamPermissionSupport.Keys(arguments));
        context.RegisterPolicyAction(
            policy => Analyze(new IamPolicyScope(policy, actions.Value, keys.Value)),
            [.. Kinds]);
    }

    /// <summary>Analyses one document.</summary>
    protected abstract void Analyze(IamPolicyScope scope);
}
