using System.Text;

namespace Scanner.Iam.Permissions;

/// <summary>Which characters a variable part of an ARN may hold.</summary>
public enum ArnCharClass
{
    /// <summary>Anything (the last part of most resource paths, a value not known statically).</summary>
    Any,

    /// <summary>No colon: a name inside a path (<c>log-group:${LogGroupName}:log-stream:…</c>).</summary>
    NoColon,

    /// <summary>No colon, no slash: a partition, region, account, or a name that is the whole resource (<c>${BucketName}</c>).</summary>
    Name,
}

/// <summary>
/// One element of an ARN pattern: a literal character, one character of a class, or a run (possibly empty) of them.
/// Policy globs and reference formats are both written with these, so that "can some ARN match both" is one question.
/// </summary>
public readonly record struct ArnItem(char Literal, ArnCharClass Class, bool IsLiteral, bool IsRun)
{
    public static ArnItem Char(char c) => new(c, ArnCharClass.Any, true, false);

    public static ArnItem One(ArnCharClass c) => new('\0', c, false, false);

    public static ArnItem Run(ArnCharClass c) => new('\0', c, false, true);

    internal bool Accepts(char c) => IsLiteral ? c == Literal : Class switch
    {
        ArnCharClass.Any => true,
        ArnCharClass.NoColon => c != ':',
        _ => c is not ':' and not '/',
    };

    /// <summary>Whether some character satisfies both items.</summary>
    internal bool Overlaps(ArnItem other) =>
        IsLiteral ? other.Accepts(Literal) : !other.IsLiteral || Accepts(other.Literal);
}

/// <summary>Regular-language intersection of two ARN item sequences (a product walk, no backtracking blow-up).</summary>
public static class ArnMatching
{
    /// <summary>True when at least one string matches both <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static bool Intersects(IReadOnlyList<ArnItem> a, IReadOnlyList<ArnItem> b)
    {
        var width = b.Count + 1;
        var seen = new bool[(a.Count + 1) * width];
        var stack = new Stack<(int I, int J)>();
        stack.Push((0, 0));
        seen[0] = true;
        while (stack.Count > 0)
        {
            var (i, j) = stack.Pop();
            if (i == a.Count && j == b.Count)
            {
                return true;
            }

            void Visit(int ni, int nj)
            {
                var index = (ni * width) + nj;
                if (!seen[index])
                {
                    seen[index] = true;
                    stack.Push((ni, nj));
                }
            }

            if (i < a.Count && a[i].IsRun)
            {
                Visit(i + 1, j);
            }

            if (j < b.Count && b[j].IsRun)
            {
                Visit(i, j + 1);
            }

            if (i < a.Count && j < b.Count && a[i].Overlaps(b[j]))
            {
                var ni = a[i].IsRun ? i : i + 1;
                var nj = b[j].IsRun ? j : j + 1;
                if (ni != i || nj != j)
                {
                    Visit(ni, nj);
                }
            }
        }

        return false;
    }

    /// <summary>Appends a variable of class <paramref name="c"/> (one or more characters).</summary>
    internal static void AppendVariable(List<ArnItem> items, ArnCharClass c)
    {
        items.Add(ArnItem.One(c));
        items.Add(ArnItem.Run(c));
    }
}

/// <summary>
/// The ARN format of a resource type, e.g. <c>arn:${Partition}:s3:::${BucketName}/${ObjectName}</c>. Variables become
/// runs: partition, region and account hold no colon or slash; a variable that is the whole resource part
/// (<c>${BucketName}</c>, <c>${QueueName}</c>) holds no slash either; the last variable of a path may hold anything
/// (object keys, role paths, <c>function:name:qualifier</c>); the others hold no colon.
/// </summary>
public sealed class ArnFormat
{
    private IReadOnlyList<ArnItem>? _items;
    private IReadOnlyList<ArnItem>? _resourceItems;

    public ArnFormat(string text)
    {
        Text = text;
        var fields = text.Split(':', 6);
        Partition = fields.Length > 1 ? fields[1] : string.Empty;
        Service = fields.Length > 2 ? fields[2] : string.Empty;
        Region = fields.Length > 3 ? fields[3] : string.Empty;
        Account = fields.Length > 4 ? fields[4] : string.Empty;
        ResourcePart = fields.Length > 5 ? fields[5] : string.Empty;
    }

    public string Text { get; }

    public string Partition { get; }

    /// <summary>The service segment (<c>s3</c>, <c>execute-api</c>).</summary>
    public string Service { get; }

    /// <summary>The region field as written (<c>${Region}</c> or empty).</summary>
    public string Region { get; }

    public string Account { get; }

    /// <summary>Everything after the fifth colon.</summary>
    public string ResourcePart { get; }

    public bool HasRegion => Region.Length > 0;

    public bool HasAccount => Account.Length > 0;

    /// <summary>The whole format as items.</summary>
    public IReadOnlyList<ArnItem> Items => _items ??= Parse(Text, wholeArn: true);

    /// <summary>The resource part as items.</summary>
    public IReadOnlyList<ArnItem> ResourceItems => _resourceItems ??= Parse(ResourcePart, wholeArn: false);

    /// <summary>The literal words of the resource part (<c>role</c> in <c>role/${RoleNameWithPath}</c>).</summary>
    public IEnumerable<string> ResourceWords =>
        System.Text.RegularExpressions.Regex.Replace(ResourcePart, @"\$\{[^}]*\}", "\u0001")
            .Split(['/', ':'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.Contains('\u0001', StringComparison.Ordinal));

    public override string ToString() => Text;

    private List<ArnItem> Parse(string text, bool wholeArn)
    {
        var items = new List<ArnItem>();
        var resourceStart = wholeArn ? Text.Length - ResourcePart.Length : 0;
        var lastVariable = text.LastIndexOf("${", StringComparison.Ordinal);
        var wholeResourceIsOneVariable = ResourcePart.StartsWith("${", StringComparison.Ordinal) && ResourcePart.IndexOf('}', StringComparison.Ordinal) == ResourcePart.Length - 1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i);
                if (close < 0)
                {
                    items.Add(ArnItem.Char(text[i]));
                    continue;
                }

                var name = text[(i + 2)..close];
                ArnCharClass c;
                if (wholeArn && i < resourceStart)
                {
                    c = ArnCharClass.Name;
                }
                else if (wholeResourceIsOneVariable)
                {
                    c = name.Contains("Path", StringComparison.OrdinalIgnoreCase) ? ArnCharClass.Any : ArnCharClass.Name;
                }
                else
                {
                    c = i == lastVariable ? ArnCharClass.Any : ArnCharClass.NoColon;
                }

                ArnMatching.AppendVariable(items, c);
                i = close;
                continue;
            }

            items.Add(ArnItem.Char(text[i]));
        }

        return items;
    }
}

/// <summary>
/// A Resource value of a policy as an ARN pattern: IAM globs (<c>*</c>, <c>?</c>) and policy variables are runs, parts
/// resolved from the template (pseudo parameters, <c>Ref</c>/<c>GetAtt</c> of resources whose type is known) are
/// variables of the matching class, and parts that cannot be resolved match anything — so a question such as "can this
/// ARN be an object" is only ever answered "no" when the answer is certain.
/// </summary>
public sealed class ArnPattern
{
    internal ArnPattern(IReadOnlyList<ArnItem> items, string text, string shape)
    {
        Items = items;
        Text = text;
        Shape = shape;
    }

    public IReadOnlyList<ArnItem> Items { get; }

    /// <summary>The value as written (unknown parts rendered as <c>${…}</c>).</summary>
    public string Text { get; }

    /// <summary>
    /// The value with every resolved variable as <c>\u0001</c> (a name: no colon or slash) and every unknown part as
    /// <c>\u0002</c> (anything), for field-wise checks.
    /// </summary>
    internal string Shape { get; }

    /// <summary>True when nothing about the value is known (the whole value is a parameter or an unresolved attribute).</summary>
    public bool IsOpaque => Items.All(i => i is { IsRun: true, Class: ArnCharClass.Any });

    /// <summary>True when the value is exactly <c>*</c>.</summary>
    public bool IsStar => Text == "*";

    public bool Matches(ArnFormat format) => ArnMatching.Intersects(Items, format.Items);

    /// <summary>
    /// The first five colon-separated fields (arn, partition, service, region, account) and the items of the resource
    /// part, when the fields are certain (no unknown part before the fifth colon); null otherwise.
    /// </summary>
    public ArnFields? Fields()
    {
        var colons = new List<int>();
        for (var i = 0; i < Shape.Length && colons.Count < 5; i++)
        {
            if (Shape[i] == '\u0002')
            {
                return null;
            }

            if (Shape[i] == ':')
            {
                colons.Add(i);
            }
        }

        if (colons.Count < 5)
        {
            return new ArnFields(Shape.Split(':'), null);
        }

        var fields = new[]
        {
            Shape[..colons[0]],
            Shape[(colons[0] + 1)..colons[1]],
            Shape[(colons[1] + 1)..colons[2]],
            Shape[(colons[2] + 1)..colons[3]],
            Shape[(colons[3] + 1)..colons[4]],
        };

        // The resource part's items: everything after the item that is the fifth literal colon.
        var seen = 0;
        var start = 0;
        for (var i = 0; i < Items.Count; i++)
        {
            if (Items[i] is { IsLiteral: true, Literal: ':' } && ++seen == 5)
            {
                start = i + 1;
                break;
            }
        }

        return new ArnFields(fields, Items.Skip(start).ToArray());
    }

    public override string ToString() => Text;

    /// <summary>Builds a pattern piece by piece.</summary>
    public sealed class Builder
    {
        private readonly List<ArnItem> _items = [];
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _shape = new();
        private int _colons;

        /// <summary>Literal text with IAM globs and policy variables (<c>${aws:username}</c>).</summary>
        public Builder Literal(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '$' && i + 1 < text.Length && text[i + 1] == '{' && text.IndexOf('}', i) is var close and > 0)
                {
                    _items.Add(ArnItem.Run(ArnCharClass.Any));
                    _text.Append(text, i, close - i + 1);
                    _shape.Append('\u0002');
                    i = close;
                    continue;
                }

                // IAM matches the first five fields of an ARN one by one: a glob there stays inside its field.
                var inHead = _colons < 5;
                _items.Add(c switch
                {
                    '*' => ArnItem.Run(inHead ? ArnCharClass.NoColon : ArnCharClass.Any),
                    '?' => ArnItem.One(inHead ? ArnCharClass.NoColon : ArnCharClass.Any),
                    _ => ArnItem.Char(c),
                });
                if (c == ':')
                {
                    _colons++;
                }

                _text.Append(c);
                _shape.Append(c);
            }

            return this;
        }

        /// <summary>A resolved part that is a name (<c>${AWS::Region}</c>, a bucket's Ref).</summary>
        public Builder Variable(ArnCharClass c, string display)
        {
            ArnMatching.AppendVariable(_items, c);
            _text.Append(display);
            _shape.Append(c == ArnCharClass.Name ? '\u0001' : '\u0002');
            return this;
        }

        /// <summary>An ARN of a known format (<c>${Bucket.Arn}</c>): the format's items, its variables standing for the resource's names.</summary>
        public Builder Arn(ArnFormat format, string display)
        {
            _items.AddRange(format.Items);
            _colons += 5;
            _text.Append(display);
            foreach (var field in new[] { "arn", format.Partition, format.Service, format.Region, format.Account })
            {
                _shape.Append(field.StartsWith("${", StringComparison.Ordinal) ? "\u0001" : field).Append(':');
            }

            _shape.Append(System.Text.RegularExpressions.Regex.Replace(format.ResourcePart, @"\$\{[^}]*\}", "\u0001"));
            return this;
        }

        /// <summary>A part that cannot be resolved: it may be anything.</summary>
        public Builder Unknown(string display)
        {
            _items.Add(ArnItem.Run(ArnCharClass.Any));
            _text.Append(display);
            _shape.Append('\u0002');
            return this;
        }

        /// <summary>The pattern; a short ARN ending with <c>*</c> (<c>arn:aws:*</c>) lets that last glob reach across fields.</summary>
        public ArnPattern Build()
        {
            if (_colons < 5 && _items.Count > 0 && _items[^1] is { IsRun: true, Class: ArnCharClass.NoColon })
            {
                _items[^1] = ArnItem.Run(ArnCharClass.Any);
            }

            return new(_items.ToArray(), _text.ToString(), _shape.ToString());
        }
    }
}

/// <summary>The certain fields of an ARN pattern (see <see cref="ArnPattern.Fields"/>).</summary>
/// <param name="Head">The colon-separated fields; at least the first five when <paramref name="ResourceItems"/> is set.</param>
/// <param name="ResourceItems">The resource part, or null when the value has fewer than six fields.</param>
public sealed record ArnFields(IReadOnlyList<string> Head, IReadOnlyList<ArnItem>? ResourceItems)
{
    public string Prefix => Head[0];

    public string? Partition => Head.Count > 1 ? Head[1] : null;

    public string? Service => Head.Count > 2 ? Head[2] : null;

    public string? Region => Head.Count > 3 ? Head[3] : null;

    public string? Account => Head.Count > 4 ? Head[4] : null;

    /// <summary>True when the field contains a glob or a resolved variable (its exact value is not written).</summary>
    public static bool IsVariable(string field) => field.AsSpan().IndexOfAny("*?\u0001\u0002") >= 0;
}
