using System.Collections.Frozen;
using System.Text;

namespace Citations.Serialization;

/// <summary>
/// A two-way table between the members of an enumeration and the names a file format or report writes for them. The
/// one naming helper of every package: formats whose names must survive a C# rename spell them out
/// (<see cref="EnumNames{TEnum}(ValueTuple{TEnum, string}[])"/>); reports that name members by kebab case derive them
/// (<see cref="KebabCase"/>), with a test pinning the names a stored file depends on.
/// </summary>
/// <typeparam name="TEnum">The enumeration.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private readonly FrozenDictionary<TEnum, string> _names;
    private readonly FrozenDictionary<string, TEnum> _values;

    /// <summary>A table with every member's name spelled out.</summary>
    /// <param name="pairs">Each member of <typeparamref name="TEnum"/> with its name, in declaration order.</param>
    /// <exception cref="ArgumentException">A member has no name, or two have the same name.</exception>
    public EnumNames(params (TEnum Value, string Name)[] pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _names = pairs.ToFrozenDictionary(p => p.Value, p => p.Name);
        _values = pairs.ToFrozenDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        if (_names.Count != Enum.GetValues<TEnum>().Length || _values.Count != pairs.Length)
        {
            throw new ArgumentException($"Every {typeof(TEnum).Name} member needs one name of its own.", nameof(pairs));
        }

        Names = pairs.Select(p => p.Name).ToArray();
    }

    /// <summary>The names in the order they were given.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The name of a member.</summary>
    /// <param name="value">The member.</param>
    public string this[TEnum value] => _names[value];

    /// <summary>A table naming each member in kebab case: <c>ConnectionRefused</c> → <c>connection-refused</c>.</summary>
    /// <returns>The table, in declaration order.</returns>
    public static EnumNames<TEnum> KebabCase()
        => new(Enum.GetValues<TEnum>().Select(v => (v, Kebab(v.ToString()))).ToArray());

    /// <summary>Finds the member with a name.</summary>
    /// <param name="name">The name (case-sensitive).</param>
    /// <param name="value">The member, when found.</param>
    /// <returns>Whether a member has that name.</returns>
    public bool TryParse(string? name, out TEnum value)
    {
        if (name is not null && _values.TryGetValue(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The names as a list for messages: <c>'a', 'b' or 'c'</c>.</summary>
    /// <returns>The list.</returns>
    public string Describe()
        => string.Join(", ", Names.Take(Names.Count - 1).Select(n => $"'{n}'")) + $" or '{Names[^1]}'";

    private static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
