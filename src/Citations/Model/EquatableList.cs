using System.Collections;

namespace Citations.Model;

/// <summary>
/// An immutable list that compares by its elements. The model's records keep their collections in this type so that
/// the equality the compiler generates for them is value equality all the way down.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly T[] _items;

    private EquatableList(T[] items) => _items = items;

    public static EquatableList<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    /// <summary>Copies a sequence (so later changes to it do not leak in), rejecting null elements.</summary>
    public static EquatableList<T> From(IEnumerable<T>? items, string parameterName)
    {
        if (items is null)
        {
            return Empty;
        }

        if (items is EquatableList<T> list)
        {
            return list;
        }

        var array = items.ToArray();
        if (array.Length == 0)
        {
            return Empty;
        }

        foreach (var item in array)
        {
            if (item is null)
            {
                throw new ArgumentException("The list must not contain null elements.", parameterName);
            }
        }

        return new EquatableList<T>(array);
    }

    public bool Equals(EquatableList<T>? other)
        => other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default));

    public override bool Equals(object? obj) => obj is EquatableList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items.AsSpan(0, Math.Min(_items.Length, 8)))
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", _items)}]";
}
