using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Iam;

namespace Scanner.Rules.Lambda;

/// <summary>F13: a Lambda permission whose principal contains a wildcard lets anyone (or any account) invoke.</summary>
public sealed class LambdaPermissionForAnyPrincipal : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F13",
        "Lambda permission is granted to a wildcard principal",
        "Lambda permission is granted to principal '{0}', which matches any caller.",
        RuleLevel.Failure,
        SecuritySeverity.Critical,
        "Lambda",
        "A wildcard principal on a function's resource policy lets any AWS account, and for some actions anyone on the internet, call the function.",
        "Name the service or account that needs access, and restrict service principals with SourceArn and SourceAccount.",
        aliases: [new RuleAlias("checkov", "CKV_AWS_364")],
        resourceTypes: ["AWS::Lambda::Permission"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::Lambda::Permission");

    private static void Analyze(ResourceContext context)
    {
        var wildcards = context.Variants("Principal.*").Where(principal => principal.AsString?.Contains('*', StringComparison.Ordinal) == true);
        foreach (var principal in wildcards.DistinctBy(principal => principal.Node))
        {
            context.Report(Rule, principal, principal.Display);
        }
    }
}
