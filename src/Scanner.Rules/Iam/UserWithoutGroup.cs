using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Iam;

/// <summary>
/// F2000: a user that belongs to no group. Membership counts when it is declared on the user (Groups) or by an
/// AWS::IAM::UserToGroupAddition that names the user by Ref or by its literal UserName.
/// </summary>
public sealed class UserWithoutGroup : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F2000",
        "IAM user is not in any group",
        "IAM user is not a member of any group; manage its permissions through group membership.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "IAM",
        "A user outside every group gets its permissions some other way (inline or directly attached policies), which is harder to audit than group membership.",
        "Add the user to a group in Groups, or with an AWS::IAM::UserToGroupAddition.",
        resourceTypes: ["AWS::IAM::User", "AWS::IAM::UserToGroupAddition"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::IAM::User");

    private static void Analyze(ResourceContext context)
    {
        if (TemplateValues.ListItems(context, context.Property("Groups")).Any())
        {
            return;
        }

        var userName = context.EvaluateProperty("UserName")?.AsString;
        foreach (var addition in context.TemplateContext.ResourcesOfType("AWS::IAM::UserToGroupAddition"))
        {
            if (Names(context, addition, context.LogicalId, userName))
            {
                return;
            }
        }

        context.Report(Rule, context.Resource.TypeNode);
    }

    private static bool Names(ResourceContext context, Resource addition, string logicalId, string? userName)
    {
        if (addition.Property("Users") is not SequenceNode users)
        {
            return false;
        }

        foreach (var user in users.Items)
        {
            if (user is IntrinsicNode { Name: "Ref", Argument: ScalarNode target } && target.Text == logicalId)
            {
                return true;
            }

            if (userName is not null && context.Evaluate(user) is LiteralValue literal && literal.Text == userName)
            {
                return true;
            }
        }

        return false;
    }
}
