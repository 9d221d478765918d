using System.Text.Json;

namespace Citations.CslData;

/// <summary>
/// A mutable builder for <see cref="CslItem"/>. Set what the item has, then call <see cref="Build"/>; the builder can
/// be reused afterwards and later changes do not affect items already built.
/// </summary>
/// <remarks>Not thread-safe.</remarks>
public sealed class CslItemBuilder
{
    private readonly Dictionary<string, CslScalar> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CslName>> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CslDate> _dates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _extensions = new(StringComparer.Ordinal);
    private List<string>? _categories;

    /// <summary>Starts an item with an id and a type.</summary>
    public CslItemBuilder(CslScalar id, string type)
    {
        Id = id;
        Type = type ?? throw new ArgumentNullException(nameof(type));
    }

    /// <summary>Starts a builder holding everything an existing item has.</summary>
    public CslItemBuilder(CslItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Id = item.Id;
        Type = item.Type;
        foreach (var (k, v) in item.Variables)
        {
            _variables[k] = v;
        }

        foreach (var (k, v) in item.Names)
        {
            _names[k] = v;
        }

        foreach (var (k, v) in item.Dates)
        {
            _dates[k] = v;
        }

        foreach (var (k, v) in item.Extensions)
        {
            _extensions[k] = v;
        }

        _categories = item.Categories?.ToList();
    }

    /// <summary>The item's id.</summary>
    public CslScalar Id { get; set; }

    /// <summary>The item's type.</summary>
    public string Type { get; set; }

    /// <summary>Sets an ordinary variable (a string or number); <see langword="null"/> removes it.</summary>
    public CslItemBuilder Set(string variable, CslScalar? value)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (value is { } v)
        {
            _variables[variable] = v;
        }
        else
        {
            _variables.Remove(variable);
        }

        return this;
    }

    /// <summary>Sets a name variable; <see langword="null"/> removes it.</summary>
    public CslItemBuilder SetNames(string variable, IEnumerable<CslName>? names)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (names is null)
        {
            _names.Remove(variable);
        }
        else
        {
            _names[variable] = names.ToArray();
        }

        return this;
    }

    /// <summary>Sets a date variable; <see langword="null"/> removes it.</summary>
    public CslItemBuilder SetDate(string variable, CslDate? date)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (date is null)
        {
            _dates.Remove(variable);
        }
        else
        {
            _dates[variable] = date;
        }

        return this;
    }

    /// <summary>Sets the <c>categories</c> array; <see langword="null"/> removes it.</summary>
    public CslItemBuilder SetCategories(IEnumerable<string>? categories)
    {
        _categories = categories?.ToList();
        return this;
    }

    /// <summary>Sets a property CSL-JSON does not define, as raw JSON; <see langword="null"/> removes it.</summary>
    public CslItemBuilder SetExtension(string name, JsonElement? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (value is { } v)
        {
            _extensions[name] = v.Clone();
        }
        else
        {
            _extensions.Remove(name);
        }

        return this;
    }

    /// <summary>Builds an immutable item from what has been set.</summary>
    public CslItem Build() => new(Id, Type)
    {
        Variables = new Dictionary<string, CslScalar>(_variables, StringComparer.Ordinal),
        Names = new Dictionary<string, IReadOnlyList<CslName>>(_names, StringComparer.Ordinal),
        Dates = new Dictionary<string, CslDate>(_dates, StringComparer.Ordinal),
        Categories = _categories?.ToArray(),
        Extensions = _extensions.Count == 0 ? CslExtensions.Empty : new Dictionary<string, JsonElement>(_extensions, StringComparer.Ordinal),
    };
}
