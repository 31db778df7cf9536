using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules.Iam;

namespace Scanner.Rules.Lambda;

/// <summary>
/// W24: a Lambda permission for anything but invoking the function (lambda:InvokeFunction, or
/// lambda:InvokeFunctionUrl for function URLs) hands management rights to another principal.
/// </summary>
public sealed class LambdaPermissionBeyondInvoke : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W24",
        "Lambda permission grants an action other than invoking the function",
        "Lambda permission grants '{0}' rather than lambda:InvokeFunction; check that the principal really needs it.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "Lambda",
        "Resource-based permissions on a function are almost always meant to let a service or account invoke it. Other actions let that principal read the code or change the function.",
        "Use lambda:InvokeFunction (or lambda:InvokeFunctionUrl for a function URL) unless the other action is intended.",
        resourceTypes: ["AWS::Lambda::Permission"], kind: RuleKind.CfnNag);

    private static readonly string[] InvokeActions = ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::Lambda::Permission");

    private static void Analyze(ResourceContext context)
    {
        // An action that cannot be resolved is reported too: nothing shows it is an invoke permission. Once per node.
        var offending = context.Variants("Action.*").Present().Where(action => !InvokeActions.Contains(action.Text, StringComparer.OrdinalIgnoreCase));
        foreach (var action in offending.DistinctBy(action => action.Node))
        {
            context.Report(Rule, action, action.Display);
        }
    }
}
