using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
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
        // The user is in a group where it lists one, or where a deployable UserToGroupAddition names it.
        var userNames = context.Variants("UserName").Literals().ToHashSet(StringComparer.Ordinal);
        var covering = context.Variants("Groups.*").Present().Select(g => g.Scenario)
            .Concat(context.TemplateContext.ResourcesOfType("AWS::IAM::UserToGroupAddition")
                .SelectMany(addition => context.TemplateContext.Variants(addition, "Users.*"))
                .Where(user => user.Value is SymbolicValue { Kind: SymbolKind.ResourceRef } target ? target.Name == context.LogicalId : user.AsString is { } name && userNames.Contains(name))
                .Select(user => user.Scenario));
        if (context.TemplateContext.Uncovered(context.Scenario, covering) is { } uncovered)
        {
            context.Report(Rule, context.Resource.TypeNode, uncovered);
        }
    }
}
