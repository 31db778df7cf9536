using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Iam;

/// <summary>
/// One scalar value of a policy element (an action, a resource, a principal, a condition value), after intrinsic
/// resolution. <see cref="Node"/> is where it is written (inside the string for documents written as strings).
/// </summary>
public sealed class PolicyValue
{
    public PolicyValue(SyntaxNode node, Value value, string? branch = null)
    {
        Node = node;
        Value = value;
        Branch = branch;
        Text = value switch
        {
            LiteralValue l => l.Text,
            _ => value.Display,
        };
    }

    /// <summary>Where the value is written.</summary>
    public SyntaxNode Node { get; }

    /// <summary>The resolved value: a literal, or a composite/symbolic value when intrinsics could not be resolved.</summary>
    public Value Value { get; }

    /// <summary>The literal text, or a display rendering with <c>${…}</c> for the parts that are not known.</summary>
    public string Text { get; }

    /// <summary>The Fn::If branch this value belongs to (<c>IsProd</c>, <c>!IsProd</c>), or null when unconditional.</summary>
    public string? Branch { get; }

    /// <summary>True when the whole value is a known literal.</summary>
    public bool IsKnown => Value is LiteralValue;

    /// <summary>The literal text, or null when some part is not known.</summary>
    public string? Literal => (Value as LiteralValue)?.Text;

    /// <summary>Exactly <c>*</c>.</summary>
    public bool IsStar => Literal == "*";

    /// <summary>True when a known part of the value contains <c>*</c> or <c>?</c> (unknown parts are not guessed at).</summary>
    public bool ContainsWildcard => KnownParts.Any(p => p.AsSpan().IndexOfAny('*', '?') >= 0);

    /// <summary>The literal pieces of the value (the whole text for a literal).</summary>
    public IEnumerable<string> KnownParts => Value switch
    {
        LiteralValue l => [l.Text],
        CompositeValue c => c.Parts.OfType<LiteralValue>().Select(p => p.Text),
        _ => [],
    };

    /// <summary>
    /// True when a known part contains a policy variable (<c>${aws:username}</c>, <c>${*}</c>). CloudFormation
    /// references that could not be resolved are symbolic parts, so a <c>${…}</c> in literal text is IAM's.
    /// </summary>
    public bool ContainsPolicyVariable => KnownParts.Any(p => p.Contains("${", StringComparison.Ordinal) && p.IndexOf('}', p.IndexOf("${", StringComparison.Ordinal)) > 0);

    /// <summary>True when any part refers to the stack's own account (<c>${AWS::AccountId}</c>).</summary>
    public bool MentionsOwnAccount => Symbols.Any(s => s is { Kind: SymbolKind.PseudoParameter, Name: "AWS::AccountId" });

    /// <summary>The symbolic parts of the value.</summary>
    public IEnumerable<SymbolicValue> Symbols => Value switch
    {
        SymbolicValue s => [s],
        CompositeValue c => c.Parts.OfType<SymbolicValue>(),
        _ => [],
    };

    public override string ToString() => Text;

    /// <summary>Turns an evaluated value into scalar policy values: lists are flattened, undecided Fn::If gives both branches.</summary>
    internal static IEnumerable<PolicyValue> Flatten(Value value, SyntaxNode fallbackNode, string? branch)
    {
        switch (value)
        {
            case NoValue:
                yield break;
            case ListValue list:
                foreach (var item in list.Items)
                {
                    foreach (var v in Flatten(item, item.Origin ?? fallbackNode, branch))
                    {
                        yield return v;
                    }
                }

                yield break;
            case ConditionalValue c:
                foreach (var v in Flatten(c.WhenTrue, c.WhenTrue.Origin ?? fallbackNode, Branches.And(branch, c.Condition)))
                {
                    yield return v;
                }

                foreach (var v in Flatten(c.WhenFalse, c.WhenFalse.Origin ?? fallbackNode, Branches.And(branch, "!" + c.Condition)))
                {
                    yield return v;
                }

                yield break;
            default:
                yield return new PolicyValue(value.Origin ?? fallbackNode, value, branch);
                yield break;
        }
    }
}

/// <summary>Names of Fn::If branches (<c>A &amp;&amp; !B</c>).</summary>
public static class Branches
{
    public static string? And(string? left, string? right) =>
        left is null ? right : right is null ? left : left + " && " + right;
}
