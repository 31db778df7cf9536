using System.Text;

namespace Scanner.CloudFormation.Evaluation;

/// <summary>One piece of an Fn::Sub string: literal text or a <c>${Name}</c> reference.</summary>
/// <param name="Offset">Character offset of the piece in the Sub string (of the <c>$</c> for references).</param>
public readonly record struct SubPart(bool IsLiteral, string Text, int Offset, int Length);

/// <summary>Parses Fn::Sub strings: <c>${Name}</c>, <c>${Res.Attr}</c>, and <c>${!Literal}</c> escapes.</summary>
public static class SubTemplate
{
    public static IReadOnlyList<SubPart> Parse(string template)
    {
        var parts = new List<SubPart>();
        var literal = new StringBuilder();
        var literalStart = 0;
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] == '$' && i + 1 < template.Length && template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close < 0)
                {
                    break;
                }

                var inner = template[(i + 2)..close];
                if (inner.StartsWith('!'))
                {
                    if (literal.Length == 0)
                    {
                        literalStart = i;
                    }

                    literal.Append("${").Append(inner[1..]).Append('}');
                }
                else
                {
                    if (literal.Length > 0)
                    {
                        parts.Add(new SubPart(true, literal.ToString(), literalStart, i - literalStart));
                        literal.Clear();
                    }

                    parts.Add(new SubPart(false, inner.Trim(), i, close - i + 1));
                    literalStart = close + 1;
                }

                i = close + 1;
                continue;
            }

            if (literal.Length == 0)
            {
                literalStart = i;
            }

            literal.Append(template[i]);
            i++;
        }

        if (i < template.Length)
        {
            literal.Append(template[i..]);
        }

        if (literal.Length > 0)
        {
            parts.Add(new SubPart(true, literal.ToString(), literalStart, template.Length - literalStart));
        }

        return parts;
    }

    /// <summary>
    /// The offset of the first <c>${</c> that no <c>}</c> closes, or -1. CloudFormation rejects such a string
    /// ("Unresolved substitution"); the parts after it are read as literal text.
    /// </summary>
    public static int UnclosedAt(string template)
    {
        for (var i = 0; i + 1 < template.Length; i++)
        {
            if (template[i] == '$' && template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close < 0)
                {
                    return i;
                }

                i = close;
            }
        }

        return -1;
    }

    /// <summary>The names referenced by a Sub string (variables, parameters, resources, Res.Attr).</summary>
    public static IEnumerable<SubPart> References(string template) => Parse(template).Where(p => !p.IsLiteral);
}
