namespace Scanner.Guard;

/// <summary>
/// Guard's comparison operators on values (<c>==</c>, <c>IN</c>, <c>&lt;</c>…, ranges and regexes), with cfn-guard
/// 3.1.1's rules for lists on either side and for values of different types (not comparable, which fails a clause).
/// </summary>
internal static class GuardComparison
{
    internal enum Cmp
    {
        True,
        False,
        NotComparable,
    }

    internal static Cmp CompareLiteral(GuardOperator op, GuardValue l, GuardValue r)
    {
        switch (op)
        {
            case GuardOperator.Eq:
                if (r.Kind == GuardValueKind.List && r.Items.Count == 1 && l.Kind != GuardValueKind.List)
                {
                    r = r.Items[0];
                }

                if (l.Kind == GuardValueKind.List && r.Kind != GuardValueKind.List)
                {
                    if (l.Items.Count == 0)
                    {
                        return Cmp.NotComparable;
                    }

                    var all = Cmp.True;
                    foreach (var item in l.Items)
                    {
                        var c = CompareLiteral(GuardOperator.Eq, item, r);
                        if (c == Cmp.NotComparable)
                        {
                            return Cmp.NotComparable;
                        }

                        if (c == Cmp.False)
                        {
                            all = Cmp.False;
                        }
                    }

                    return all;
                }

                return Equal(l, r);

            case GuardOperator.In:
                return In(l, r);

            default:
                return Relational(op, l, r);
        }
    }

    internal static Cmp In(GuardValue l, GuardValue r)
    {
        switch (r.Kind)
        {
            case GuardValueKind.List:
                if (l.Kind == GuardValueKind.List)
                {
                    foreach (var item in l.Items)
                    {
                        if (In(item, r) != Cmp.True)
                        {
                            return Cmp.False;
                        }
                    }

                    return Cmp.True;
                }

                foreach (var item in r.Items)
                {
                    if (Equal(l, item) == Cmp.True)
                    {
                        return Cmp.True;
                    }
                }

                return Cmp.False;

            case GuardValueKind.String when l.Kind == GuardValueKind.String:
                return r.Text.Contains(l.Text, StringComparison.Ordinal) ? Cmp.True : Cmp.False;

            case GuardValueKind.Range:
                return InRange(l, r);

            default:
                if (l.Kind == GuardValueKind.List)
                {
                    foreach (var item in l.Items)
                    {
                        if (Equal(item, r) != Cmp.True)
                        {
                            return Cmp.False;
                        }
                    }

                    return l.Items.Count > 0 ? Cmp.True : Cmp.False;
                }

                return Equal(l, r);
        }
    }

    internal static Cmp InRange(GuardValue l, GuardValue r)
    {
        var low = r.RangeLow!;
        var high = r.RangeHigh!;
        int? lowCmp = Order(l, low);
        int? highCmp = Order(l, high);
        if (lowCmp is null || highCmp is null)
        {
            return Cmp.NotComparable;
        }

        var ok = (r.LowInclusive ? lowCmp >= 0 : lowCmp > 0) && (r.HighInclusive ? highCmp <= 0 : highCmp < 0);
        return ok ? Cmp.True : Cmp.False;
    }

    internal static int? Order(GuardValue a, GuardValue b) => (a.Kind, b.Kind) switch
    {
        (GuardValueKind.Int, GuardValueKind.Int) => a.Int.CompareTo(b.Int),
        (GuardValueKind.Float, GuardValueKind.Float) => a.Float.CompareTo(b.Float),
        (GuardValueKind.Int, GuardValueKind.Float) => ((double)a.Int).CompareTo(b.Float),
        (GuardValueKind.Float, GuardValueKind.Int) => a.Float.CompareTo(b.Int),
        (GuardValueKind.String, GuardValueKind.String) or (GuardValueKind.Char, GuardValueKind.Char) => Math.Sign(string.CompareOrdinal(a.Text, b.Text)),
        _ => null,
    };

    internal static Cmp Relational(GuardOperator op, GuardValue l, GuardValue r)
    {
        int c;
        switch (l.Kind, r.Kind)
        {
            case (GuardValueKind.Int, GuardValueKind.Int):
                c = l.Int.CompareTo(r.Int);
                break;
            case (GuardValueKind.Float, GuardValueKind.Float):
                c = l.Float.CompareTo(r.Float);
                break;
            case (GuardValueKind.String, GuardValueKind.String) or (GuardValueKind.Char, GuardValueKind.Char):
                c = string.CompareOrdinal(l.Text, r.Text);
                break;
            case (GuardValueKind.List, _) when r.Kind != GuardValueKind.List:
                {
                    if (l.Items.Count == 0)
                    {
                        return Cmp.NotComparable;
                    }

                    foreach (var item in l.Items)
                    {
                        var each = Relational(op, item, r);
                        if (each != Cmp.True)
                        {
                            return each;
                        }
                    }

                    return Cmp.True;
                }

            default:
                return Cmp.NotComparable;
        }

        var ok = op switch
        {
            GuardOperator.Lt => c < 0,
            GuardOperator.Le => c <= 0,
            GuardOperator.Gt => c > 0,
            _ => c >= 0,
        };
        return ok ? Cmp.True : Cmp.False;
    }

    internal static Cmp Equal(GuardValue l, GuardValue r)
    {
        if (r.Kind == GuardValueKind.Regex)
        {
            return l.Kind == GuardValueKind.String ? (GuardRegex.IsMatch(r.Text, l.Text) ? Cmp.True : Cmp.False) : Cmp.NotComparable;
        }

        if (l.Kind == GuardValueKind.Regex)
        {
            return r.Kind == GuardValueKind.String ? (GuardRegex.IsMatch(l.Text, r.Text) ? Cmp.True : Cmp.False) : Cmp.NotComparable;
        }

        if (r.Kind == GuardValueKind.Range)
        {
            return InRange(l, r);
        }

        switch (l.Kind, r.Kind)
        {
            case (GuardValueKind.String, GuardValueKind.String):
            case (GuardValueKind.Char, GuardValueKind.Char):
            case (GuardValueKind.String, GuardValueKind.Char):
            case (GuardValueKind.Char, GuardValueKind.String):
                return string.Equals(l.Text, r.Text, StringComparison.Ordinal) ? Cmp.True : Cmp.False;
            case (GuardValueKind.Int, GuardValueKind.Int):
                return l.Int == r.Int ? Cmp.True : Cmp.False;
            case (GuardValueKind.Float, GuardValueKind.Float):
                return l.Float.Equals(r.Float) ? Cmp.True : Cmp.False;
            case (GuardValueKind.Bool, GuardValueKind.Bool):
                return l.Bool == r.Bool ? Cmp.True : Cmp.False;
            case (GuardValueKind.Null, GuardValueKind.Null):
                return Cmp.True;
            case (GuardValueKind.List, GuardValueKind.List):
                if (l.Items.Count != r.Items.Count)
                {
                    return Cmp.False;
                }

                for (var i = 0; i < l.Items.Count; i++)
                {
                    if (Equal(l.Items[i], r.Items[i]) != Cmp.True)
                    {
                        return Cmp.False;
                    }
                }

                return Cmp.True;
            case (GuardValueKind.Map, GuardValueKind.Map):
                if (l.Keys.Count != r.Keys.Count)
                {
                    return Cmp.False;
                }

                for (var i = 0; i < l.Keys.Count; i++)
                {
                    if (r.Get(l.Keys[i].Text) is not { } other || Equal(l.Values[i], other) != Cmp.True)
                    {
                        return Cmp.False;
                    }
                }

                return Cmp.True;
            default:
                return Cmp.NotComparable;
        }
    }

    internal static Cmp CompareQuery(GuardOperator op, GuardValue l, List<QueryResult> rhs)
    {
        switch (op)
        {
            case GuardOperator.Eq:
                foreach (var r in rhs)
                {
                    if (Equal(l, r.Value) == Cmp.True)
                    {
                        return Cmp.True;
                    }
                }

                return Cmp.False;

            case GuardOperator.In:
                {
                    var items = rhs.SelectMany(r => r.Value.Kind == GuardValueKind.List ? r.Value.Items : [r.Value]).ToList();
                    var set = GuardValue.List(items);
                    return In(l, set);
                }

            default:
                foreach (var r in rhs)
                {
                    var c = Relational(op, l, r.Value);
                    if (c != Cmp.True)
                    {
                        return c;
                    }
                }

                return Cmp.True;
        }
    }
}
