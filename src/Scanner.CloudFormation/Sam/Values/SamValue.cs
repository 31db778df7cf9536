using System.Collections;
using System.Globalization;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Sam.Values;

/// <summary>
/// A mutable copy of a template fragment, the shape SAM's translator works on (maps, lists, scalars; an intrinsic
/// function is a one-key map such as <c>{"Ref": "X"}</c>). Every value remembers the syntax node it was read from
/// (<see cref="Origin"/>); values the transform creates have none and take the origin of the nearest enclosing value
/// that has one when they become syntax nodes again, so findings on generated resources point at real text.
/// </summary>
internal abstract class SamValue
{
    /// <summary>The node this value was read from, or the SAM construct a synthesized value stands for.</summary>
    public SyntaxNode? Origin { get; set; }

    /// <summary>A deep copy that keeps origins (SAM deep-copies dicts it edits).</summary>
    public abstract SamValue Clone();

    public SamMap? AsMap => this as SamMap;

    public SamList? AsList => this as SamList;

    public SamScalar? AsScalar => this as SamScalar;

    /// <summary>The text of a string scalar (Python's <c>isinstance(x, str)</c>), else null.</summary>
    public string? AsString => this is SamScalar { Kind: ScalarKind.String } s ? s.Text : null;

    /// <summary>Python truthiness: null, false, 0, "", [] and {} are false.</summary>
    public static bool Truthy(SamValue? value) => value switch
    {
        null => false,
        SamScalar s => s.Kind switch
        {
            ScalarKind.Null => false,
            ScalarKind.Boolean => s.BooleanValue == true,
            ScalarKind.Integer => s.Text.Trim() is not ("0" or "+0" or "-0"),
            ScalarKind.Float => s.NumberValue is not 0,
            _ => s.Text.Length > 0,
        },
        SamMap m => m.Count > 0,
        SamList l => l.Count > 0,
        _ => true,
    };

    /// <summary>Null or a YAML null.</summary>
    public static bool IsNull(SamValue? value) => value is null or SamScalar { Kind: ScalarKind.Null };
}

/// <summary>A scalar: its text as written and the type it was loaded as.</summary>
internal sealed class SamScalar : SamValue
{
    public SamScalar(string text, ScalarKind kind, ScalarStyle style = ScalarStyle.Plain, SyntaxNode? origin = null)
    {
        Text = text;
        Kind = kind;
        Style = style;
        Origin = origin;
    }

    public string Text { get; }

    public ScalarKind Kind { get; }

    public ScalarStyle Style { get; }

    public bool IsString => Kind == ScalarKind.String;

    /// <summary>A YAML/JSON boolean as Python loads it (only typed booleans; "true" the string is not one).</summary>
    public bool? BooleanValue => Kind == ScalarKind.Boolean ? ScalarParsing.ParseBoolean(Text, allowYaml11: true) : null;

    public long? IntegerValue => Kind == ScalarKind.Integer ? ScalarParsing.ParseInteger(Text) : null;

    public double? NumberValue => Kind is ScalarKind.Integer or ScalarKind.Float ? ScalarParsing.ParseInteger(Text) ?? ScalarParsing.ParseNumber(Text) : null;

    public static SamScalar String(string text, SyntaxNode? origin = null) => new(text, ScalarKind.String, ScalarStyle.Plain, origin);

    public static SamScalar Boolean(bool value, SyntaxNode? origin = null) => new(value ? "true" : "false", ScalarKind.Boolean, ScalarStyle.Plain, origin);

    public static SamScalar Integer(long value, SyntaxNode? origin = null) => new(value.ToString(CultureInfo.InvariantCulture), ScalarKind.Integer, ScalarStyle.Plain, origin);

    public static SamScalar Null(SyntaxNode? origin = null) => new(string.Empty, ScalarKind.Null, ScalarStyle.Plain, origin);

    public override SamValue Clone() => new SamScalar(Text, Kind, Style, Origin);

    public override string ToString() => Text;
}

/// <summary>An ordered map (Python dicts keep insertion order).</summary>
internal sealed class SamMap : SamValue, IEnumerable<KeyValuePair<string, SamValue>>
{
    private readonly List<Entry> _entries = [];

    public SamMap(SyntaxNode? origin = null)
    {
        Origin = origin;
    }

    /// <summary>True once an entry was added, replaced or removed after the map was read.</summary>
    public bool Modified { get; private set; }

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<SamValue> Values => _entries.Select(e => e.Value);

    /// <summary>The key as written, when the entry was read from the template.</summary>
    public ScalarNode? KeyNode(string key) => Find(key) is { } i ? _entries[i].KeyNode : null;

    public SamValue? this[string key]
    {
        get => Get(key);
        set
        {
            if (value is null)
            {
                Remove(key);
            }
            else
            {
                Set(key, value);
            }
        }
    }

    public SamValue? Get(string key) => Find(key) is { } i ? _entries[i].Value : null;

    public SamMap? GetMap(string key) => Get(key) as SamMap;

    public SamList? GetList(string key) => Get(key) as SamList;

    public string? GetString(string key) => Get(key)?.AsString;

    public bool ContainsKey(string key) => Find(key) is not null;

    public bool TryGetValue(string key, out SamValue value)
    {
        if (Find(key) is { } i)
        {
            value = _entries[i].Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>Sets a value, keeping the entry's position when the key exists (like a Python dict).</summary>
    public SamMap Set(string key, SamValue value)
    {
        Modified = true;
        if (Find(key) is { } i)
        {
            _entries[i] = _entries[i] with { Value = value };
        }
        else
        {
            _entries.Add(new Entry(key, null, value));
        }

        return this;
    }

    /// <summary>Sets the value unless it is null (for optional properties).</summary>
    public SamMap SetIf(string key, SamValue? value)
    {
        if (value is not null)
        {
            Set(key, value);
        }

        return this;
    }

    public SamMap Set(string key, string value) => Set(key, SamScalar.String(value));

    /// <summary>A new map with the entries of <paramref name="keys"/> whose value is truthy (SAM copies only those).</summary>
    public SamMap PickTruthy(params string[] keys)
    {
        var result = new SamMap(Origin);
        foreach (var key in keys)
        {
            if (Get(key) is { } value && Truthy(value))
            {
                result.Set(key, value);
            }
        }

        return result;
    }

    /// <summary>Python's <c>setdefault</c>.</summary>
    public T GetOrAdd<T>(string key, Func<T> create)
        where T : SamValue
    {
        if (Get(key) is T existing)
        {
            return existing;
        }

        var value = create();
        Set(key, value);
        return value;
    }

    public bool Remove(string key)
    {
        if (Find(key) is not { } i)
        {
            return false;
        }

        Modified = true;
        _entries.RemoveAt(i);
        return true;
    }

    /// <summary>Python's <c>dict.update</c>.</summary>
    public void Update(SamMap other)
    {
        foreach (var (k, v) in other)
        {
            Set(k, v);
        }
    }

    /// <summary>Adds an entry read from the template (not a modification).</summary>
    internal void AddRead(ScalarNode key, SamValue value)
    {
        if (Find(key.Text) is { } i)
        {
            _entries[i] = new Entry(key.Text, key, value);
        }
        else
        {
            _entries.Add(new Entry(key.Text, key, value));
        }
    }

    internal IReadOnlyList<(string Key, ScalarNode? KeyNode, SamValue Value)> EntriesWithKeys =>
        _entries.Select(e => (e.Key, e.KeyNode, e.Value)).ToList();

    /// <summary>True for a one-key map whose key is Ref, Condition or Fn::… (SAM's <c>is_intrinsic</c>).</summary>
    public bool IsIntrinsic => _entries.Count == 1 && IsIntrinsicName(_entries[0].Key);

    /// <summary>The function name when this is an intrinsic, else null.</summary>
    public string? IntrinsicName => IsIntrinsic ? _entries[0].Key : null;

    /// <summary>The argument when this is an intrinsic, else null.</summary>
    public SamValue? IntrinsicArgument => IsIntrinsic ? _entries[0].Value : null;

    public static bool IsIntrinsicName(string key) =>
        key is "Ref" or "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    public override SamValue Clone()
    {
        var copy = new SamMap(Origin);
        foreach (var e in _entries)
        {
            copy._entries.Add(e with { Value = e.Value.Clone() });
        }

        copy.Modified = Modified;
        return copy;
    }

    public IEnumerator<KeyValuePair<string, SamValue>> GetEnumerator() =>
        _entries.Select(e => new KeyValuePair<string, SamValue>(e.Key, e.Value)).ToList().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int? Find(string key)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }

    private readonly record struct Entry(string Key, ScalarNode? KeyNode, SamValue Value);
}

/// <summary>A list.</summary>
internal sealed class SamList : SamValue, IEnumerable<SamValue>
{
    private readonly List<SamValue> _items;

    public SamList(SyntaxNode? origin = null)
    {
        _items = [];
        Origin = origin;
    }

    public SamList(IEnumerable<SamValue> items, SyntaxNode? origin = null)
    {
        _items = items.ToList();
        Origin = origin;
        Modified = true;
    }

    public bool Modified { get; private set; }

    public int Count => _items.Count;

    public SamValue this[int index]
    {
        get => _items[index];
        set
        {
            Modified = true;
            _items[index] = value;
        }
    }

    public IReadOnlyList<SamValue> Items => _items;

    public void Add(SamValue value)
    {
        Modified = true;
        _items.Add(value);
    }

    public void AddRange(IEnumerable<SamValue> values)
    {
        Modified = true;
        _items.AddRange(values);
    }

    public void RemoveAt(int index)
    {
        Modified = true;
        _items.RemoveAt(index);
    }

    internal void AddRead(SamValue value) => _items.Add(value);

    public override SamValue Clone()
    {
        var copy = new SamList(Origin);
        foreach (var item in _items)
        {
            copy._items.Add(item.Clone());
        }

        copy.Modified = Modified;
        return copy;
    }

    public IEnumerator<SamValue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
