using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;

namespace Scanner.Rules.Lambda;

/// <summary>
/// W58: a function whose execution role cannot create log groups and streams and put log events, so its logs
/// are silently lost. The role's permissions are collected from an AWS managed policy known to grant them, its
/// inline policies, and the IAM policies of the template attached to it; the three actions may come from
/// different statements. A role that is not declared in the template cannot be checked and is reported as such.
/// A SAM function is checked as the SAM transform deploys it (without Role, a generated role with
/// AWSLambdaBasicExecutionRole, which is enough).
/// </summary>
public sealed class LambdaRoleWithoutLogsPermission : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W58",
        "Lambda function role cannot write CloudWatch Logs",
        "Lambda function role '{0}' does not allow logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents, so the function's logs are lost.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "Lambda",
        "Lambda writes a function's output and errors to CloudWatch Logs with the function's execution role. Without the logs permissions nothing is recorded, which hides failures and attacks alike.",
        "Attach AWSLambdaBasicExecutionRole (or another policy granting logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents) to the role.",
        resourceTypes: ["AWS::Lambda::Function", "AWS::IAM::Role"], kind: RuleKind.CfnNag);

    private static readonly string[] LogActions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"];

    /// <summary>AWS managed policies (name after <c>:iam::aws:policy/</c>) that include the three log actions.</summary>
    private static readonly HashSet<string> LogManagedPolicies = new(StringComparer.Ordinal)
    {
        "CloudWatchLogsFullAccess",
        "AWSLambdaExecute",
        "service-role/AWSLambdaBasicExecutionRole",
        "service-role/AWSLambdaDynamoDBExecutionRole",
        "service-role/AWSLambdaKinesisExecutionRole",
        "service-role/AWSLambdaSQSQueueExecutionRole",
        "service-role/AWSLambdaVPCAccessExecutionRole",
        "service-role/AWSLambdaMSKExecutionRole",
    };

    private static readonly string[] AttachableTypes = ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::Lambda::Function");

    private static void Analyze(ResourceContext context)
    {
        foreach (var role in context.Variants("Role"))
        {
            if (role.IsMissing)
            {
                // Lambda requires a role.
                context.Report(Rule, role, "(none)");
                continue;
            }

            if (!role.IsRemoved)
            {
                AnalyzeRole(context, role);
            }
        }
    }

    private static void AnalyzeRole(ResourceContext context, Variant roleValue)
    {
        if (RoleInTemplate(context.TemplateContext, roleValue) is not { } role)
        {
            var at = roleValue.Node ?? context.Resource.TypeNode;
            context.TemplateContext.Report(
                Rule,
                at.Span,
                at.Path,
                context.Resource,
                $"Lambda function role '{roleValue.Display}' is not declared in this template, so nothing shows that it allows writing CloudWatch Logs.",
                scenario: roleValue.Scenario,
                namedParameter: roleValue.SourceParameter);
            return;
        }

        if (!GrantsLogs(context, role))
        {
            context.Report(Rule, roleValue, role.LogicalId);
        }
    }

    /// <summary>The deployable AWS::IAM::Role a Role value points at: Ref, GetAtt …Arn, or Fn::Sub "${Role.Arn}".</summary>
    private static Resource? RoleInTemplate(TemplateContext template, Variant role)
    {
        var target = role.Value switch
        {
            SymbolicValue { Kind: SymbolKind.ResourceRef or SymbolKind.GetAtt } reference => reference.Name,
            CompositeValue { Parts: [SymbolicValue { Kind: SymbolKind.GetAtt, Attribute: "Arn" } arn] } => arn.Name,
            _ => null,
        };
        return target is not null && template.GetResource(target) is { Type: "AWS::IAM::Role" } resource ? resource : null;
    }

    private static bool GrantsLogs(ResourceContext context, Resource role)
    {
        var grants = new RoleGrants(context.TemplateContext, role);
        foreach (var arn in grants.ManagedPolicyArns())
        {
            var text = arn.Text;
            var at = text.IndexOf(":iam::aws:policy/", StringComparison.Ordinal);
            if (at >= 0 && LogManagedPolicies.Contains(text[(at + ":iam::aws:policy/".Length)..]))
            {
                return true;
            }
        }

        var statements = grants.Documents().SelectMany(d => d.Statements).Where(s => s.IsAllow).ToList();
        return LogActions.All(action => statements.Any(s => s.CoversAction(action) == true));
    }

    /// <summary>What a role of the template is granted: its managed policy ARNs and every policy document that applies to it.</summary>
    private sealed class RoleGrants(TemplateContext template, Resource role)
    {
        public IEnumerable<Variant> ManagedPolicyArns() => template.Variants(role, "ManagedPolicyArns.*").Present();

        public IEnumerable<PolicyDocument> Documents()
        {
            var own = template.PoliciesOf(role).Where(d => d.Kind == PolicyKind.Identity);
            var attached = template.Resources
                .Where(r => AttachableTypes.Contains(r.Type) && AttachedTo(r))
                .SelectMany(template.PoliciesOf);
            var referenced = ManagedPolicyArns()
                .Select(arn => arn.Value is SymbolicValue { Kind: SymbolKind.ResourceRef } reference ? template.GetResource(reference.Name) : null)
                .OfType<Resource>()
                .Where(r => r.Type == "AWS::IAM::ManagedPolicy")
                .SelectMany(template.PoliciesOf);
            return own.Concat(attached).Concat(referenced);
        }

        private bool AttachedTo(Resource policy) =>
            template.Variants(policy, policy.Type == "AWS::IAM::RolePolicy" ? "RoleName" : "Roles.*")
                .Any(name => name.Value is SymbolicValue { Kind: SymbolKind.ResourceRef } target && target.Name == role.LogicalId);
    }
}
