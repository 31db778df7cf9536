using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;
using Scanner.Rules.Iam;

namespace Scanner.Rules.Lambda;

/// <summary>
/// W58: a function whose execution role cannot create log groups and streams and put log events, so its logs
/// are silently lost. The role's permissions are collected from an AWS managed policy known to grant them, its
/// inline policies, and the IAM policies of the template attached to it; the three actions may come from
/// different statements. A role that is not declared in the template cannot be checked and is reported as such.
/// A SAM function without Role gets a generated role with AWSLambdaBasicExecutionRole, which is enough.
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
        resourceTypes: ["AWS::Lambda::Function", "AWS::Serverless::Function", "AWS::IAM::Role"], kind: RuleKind.CfnNag);

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
        context.RegisterResourceAction(Analyze, "AWS::Lambda::Function", "AWS::Serverless::Function");

    private static void Analyze(ResourceContext context)
    {
        var roleNode = context.Property("Role");
        if (roleNode is null)
        {
            // Lambda requires a role; SAM generates one with AWSLambdaBasicExecutionRole.
            if (context.Type == "AWS::Lambda::Function")
            {
                context.Report(Rule, context.Resource.TypeNode, "(none)");
            }

            return;
        }

        foreach (var candidate in Alternatives(roleNode))
        {
            AnalyzeRole(context, candidate);
        }
    }

    /// <summary>The roles a Role value may stand for: both branches of an Fn::If, each on its own.</summary>
    private static IEnumerable<SyntaxNode> Alternatives(SyntaxNode node) =>
        node is IntrinsicNode { Name: "Fn::If", Argument: SequenceNode { Count: 3 } branches }
            ? Alternatives(branches[1]).Concat(Alternatives(branches[2]))
            : node is IntrinsicNode { Name: "Ref", Argument: ScalarNode { Text: "AWS::NoValue" } } ? [] : [node];

    private static void AnalyzeRole(ResourceContext context, SyntaxNode roleNode)
    {
        if (RoleInTemplate(context.Template, roleNode) is not { } role)
        {
            var shown = TemplateValues.Text(context.Evaluate(roleNode));
            context.TemplateContext.Report(
                Rule,
                roleNode.Span,
                roleNode.Path,
                context.Resource,
                $"Lambda function role '{shown}' is not declared in this template, so nothing shows that it allows writing CloudWatch Logs.");
            return;
        }

        if (!GrantsLogs(context, role))
        {
            context.Report(Rule, roleNode, role.LogicalId);
        }
    }

    /// <summary>The AWS::IAM::Role a Role value points at: Ref, GetAtt …Arn, or Fn::Sub "${Role.Arn}".</summary>
    private static Resource? RoleInTemplate(Template template, SyntaxNode roleNode)
    {
        var target = roleNode switch
        {
            IntrinsicNode { Name: "Ref", Argument: ScalarNode name } => name.Text,
            IntrinsicNode { Name: "Fn::GetAtt" } getAtt => GetAttTarget(getAtt),
            IntrinsicNode { Name: "Fn::Sub", Argument: ScalarNode sub } when sub.Text.StartsWith("${", StringComparison.Ordinal) && sub.Text.EndsWith(".Arn}", StringComparison.Ordinal)
                => sub.Text[2..^5],
            _ => null,
        };
        return target is not null && template.GetResource(target) is { Type: "AWS::IAM::Role" } role ? role : null;
    }

    private static string? GetAttTarget(IntrinsicNode getAtt) => getAtt.Arguments switch
    {
        [ScalarNode name, ..] when getAtt.Arguments.Count > 1 => name.Text,
        [ScalarNode dotted] => dotted.Text.Split('.')[0],
        _ => null,
    };

    private static bool GrantsLogs(ResourceContext context, Resource role)
    {
        var grants = new RoleGrants(context, role);
        foreach (var (_, value) in grants.ManagedPolicyArns())
        {
            var text = TemplateValues.Text(value);
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
    private sealed class RoleGrants(ResourceContext context, Resource role)
    {
        public IEnumerable<(SyntaxNode Node, Value Value)> ManagedPolicyArns() =>
            TemplateValues.ListItems(context, role.Property("ManagedPolicyArns"));

        public IEnumerable<PolicyDocument> Documents()
        {
            var template = context.TemplateContext;
            var own = template.PoliciesOf(role).Where(d => d.Kind == PolicyKind.Identity);
            var attached = template.Template.Resources
                .Where(r => AttachableTypes.Contains(r.Type) && AttachedTo(r))
                .SelectMany(r => template.PoliciesOf(r));
            var referenced = ManagedPolicyArns()
                .Select(item => item.Node is IntrinsicNode { Name: "Ref", Argument: ScalarNode name } ? template.Template.GetResource(name.Text) : null)
                .OfType<Resource>()
                .Where(r => r.Type == "AWS::IAM::ManagedPolicy")
                .SelectMany(r => template.PoliciesOf(r));
            return own.Concat(attached).Concat(referenced);
        }

        private bool AttachedTo(Resource policy)
        {
            IEnumerable<SyntaxNode> names = policy.Type == "AWS::IAM::RolePolicy"
                ? policy.Property("RoleName") is { } roleName ? [roleName] : []
                : (policy.Property("Roles") as SequenceNode)?.Items ?? [];
            return names.Any(n => n is IntrinsicNode { Name: "Ref", Argument: ScalarNode target } && target.Text == role.LogicalId);
        }
    }
}
