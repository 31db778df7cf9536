using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Rules.Emr;

/// <summary>
/// W63: an EMR cluster must use a security configuration declared in the same template, where its encryption
/// settings can be checked (W61); a name or parameter pointing elsewhere cannot be verified.
/// </summary>
public sealed class EmrClusterWithoutSecurityConfiguration : Rule
{
    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W63",
        "EMR cluster does not use a security configuration from this template",
        "EMR cluster {0}.",
        RuleLevel.Warning,
        SecuritySeverity.Medium,
        "EMR",
        "Without a security configuration an EMR cluster runs without encryption or Kerberos settings. One defined outside the template cannot be checked for encryption, so this rule asks for a Ref or GetAtt to an AWS::EMR::SecurityConfiguration declared alongside the cluster.",
        "Declare an AWS::EMR::SecurityConfiguration in the template and set the cluster's SecurityConfiguration to !Ref it.",
        resourceTypes: ["AWS::EMR::Cluster", "AWS::EMR::SecurityConfiguration"], kind: RuleKind.CfnNag);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, "AWS::EMR::Cluster");

    private static void Analyze(ResourceContext context)
    {
        foreach (var configuration in context.Variants("SecurityConfiguration"))
        {
            if (configuration.IsAbsent)
            {
                context.Report(Rule, configuration, "does not set SecurityConfiguration");
                return;
            }

            var target = configuration.Value is SymbolicValue { Kind: SymbolKind.ResourceRef or SymbolKind.GetAtt } reference ? reference.Name : null;
            if (target is null || context.TemplateContext.GetResource(target)?.Type != "AWS::EMR::SecurityConfiguration")
            {
                context.Report(Rule, configuration, "sets a SecurityConfiguration that is not declared in this template, so its encryption cannot be checked");
                return;
            }
        }
    }
}
