using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Rules.Iam;

/// <summary>Small readers shared by the IAM-family rules for properties that are not policy documents.</summary>
internal static class TemplateValues
{
    /// <summary>The key node of a top-level property, so a finding about "this property is here" points at its name.</summary>
    public static SyntaxNode? PropertyKey(Resource resource, string name) => resource.Properties?.GetKey(name);

    /// <summary>
    /// Items of a list property after evaluation, each with the node it is written at. An undecided Fn::If yields the
    /// items of both branches; AWS::NoValue yields nothing; a value that is not a list is one item.
    /// </summary>
    public static IEnumerable<(SyntaxNode Node, Value Value)> ListItems(ResourceContext context, SyntaxNode? node)
    {
        if (node is null)
        {
            return [];
        }

        var items = new List<(SyntaxNode, Value)>();
        Collect(context.Evaluate(node), node, items);
        return items;
    }

    /// <summary>
    /// The text an ARN-like value stands for: the literal, or the template of an <c>Fn::Sub</c>/<c>Fn::Join</c> with
    /// unknown parts rendered as <c>${…}</c>, so <c>arn:${AWS::Partition}:iam::aws:policy/X</c> still names policy X.
    /// </summary>
    public static string Text(Value value) => value switch
    {
        LiteralValue literal => literal.Text,
        _ => value.Display,
    };

    private static void Collect(Value value, SyntaxNode fallback, List<(SyntaxNode, Value)> items)
    {
        switch (value)
        {
            case NoValue:
                return;
            case ListValue list:
                foreach (var item in list.Items)
                {
                    Collect(item, item.Origin ?? fallback, items);
                }

                return;
            case ConditionalValue conditional:
                Collect(conditional.WhenTrue, conditional.WhenTrue.Origin ?? fallback, items);
                Collect(conditional.WhenFalse, conditional.WhenFalse.Origin ?? fallback, items);
                return;
            default:
                items.Add((value.Origin ?? fallback, value));
                return;
        }
    }
}
