using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Waf;

/// <summary>F665: a WAF Classic web ACL whose default action lets through every request no rule matched.</summary>
public sealed class WebAclDefaultAllow : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "F665",
        "WAF web ACL allows by default",
        "WAF web ACL DefaultAction is ALLOW: any request no rule matches is let through.",
        RuleLevel.Failure,
        SecuritySeverity.High,
        "WAF",
        "With a default ALLOW, the web ACL only blocks what its rules anticipate; every new attack pattern passes. A default BLOCK with explicit allow rules fails closed.",
        "Set DefaultAction.Type to BLOCK and add rules that ALLOW the expected traffic.",
        aliases: [new RuleAlias("cfn-guard", "WAF_WEB_ACL_DEFAULT_ACTION_RULE")],
        resourceTypes: ["AWS::WAF::WebACL"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::WAF::WebACL");

    private static void Analyze(ResourceContext context)
    {
        if (context.Variants("DefaultAction.Type").FirstLiteral(a => a.Trim() == "ALLOW") is { } allow)
        {
            context.Report(Rule, allow);
        }
    }
}
