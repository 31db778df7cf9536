using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Engine;

namespace Scanner.Rules.Common;

/// <summary>
/// Base of the rules that require a setting to be present (a KMS key id, a retention period…). Absent, null and
/// AWS::NoValue count as missing; any other value, known or not, satisfies the rule. Reported at the resource's
/// Type when absent, at the value when it is removed with AWS::NoValue.
/// </summary>
public abstract class RequiredPropertyRule : Rule
{
    protected abstract string ResourceType { get; }

    /// <summary>Dotted path below Properties.</summary>
    protected abstract string PropertyPath { get; }

    public override void Initialize(RuleRegistrationContext context) =>
        context.RegisterResourceAction(Analyze, ResourceType);

    /// <summary>The node to report when <paramref name="propertyPath"/> is missing, or null when it is set.</summary>
    public static SyntaxNode? FindMissing(ResourceContext context, string propertyPath)
    {
        foreach (var node in PropertyVariants.Property(context, propertyPath))
        {
            if (node is null or ScalarNode { IsNull: true })
            {
                return context.Resource.TypeNode;
            }

            if (IsRemoved(context.Evaluate(node)))
            {
                return node;
            }
        }

        return null;
    }

    private static bool IsRemoved(Value value) => value switch
    {
        NoValue => true,
        ConditionalValue c => IsRemoved(c.WhenTrue) || IsRemoved(c.WhenFalse),
        _ => false,
    };

    private void Analyze(ResourceContext context)
    {
        if (FindMissing(context, PropertyPath) is { } node)
        {
            context.Report(Descriptor, node);
        }
    }
}
