using System.Text.Json;

namespace Citations.CslData;

/// <summary>
/// One bibliographic item in CSL-JSON, the data format of Zotero, Mendeley, pandoc and citeproc-js: its id, its type
/// and its variables (ordinary, name and date variables), kept exactly as written so that reading and writing an item
/// gives back the same JSON data.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Build one with object initialisers or with <see cref="CslItemBuilder"/>; read and write
/// files with <see cref="Serialization.CslJson"/>.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.CslItemJsonConverter))]
public sealed record CslItem
{
    private static readonly IReadOnlyDictionary<string, CslScalar> NoVariables = new Dictionary<string, CslScalar>();
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<CslName>> NoNames = new Dictionary<string, IReadOnlyList<CslName>>();
    private static readonly IReadOnlyDictionary<string, CslDate> NoDates = new Dictionary<string, CslDate>();

    /// <summary>Creates an item with an id and a type.</summary>
    /// <param name="id">The item's id (<c>id</c>), unique within a set of items.</param>
    /// <param name="type">The item type (<c>type</c>), such as <c>article-journal</c>; see <see cref="CslItemTypes"/>.</param>
    public CslItem(CslScalar id, string type)
    {
        ArgumentNullException.ThrowIfNull(id.Text, nameof(id));
        ArgumentNullException.ThrowIfNull(type);
        Id = id;
        Type = type;
    }

    /// <summary>The item's id as written (a string or a number).</summary>
    public CslScalar Id { get; init; }

    /// <summary>The item type as written, such as <c>book</c> or <c>article-journal</c>.</summary>
    public string Type { get; init; }

    /// <summary>Ordinary variables (<c>title</c>, <c>volume</c>, <c>page</c>, …) by name, each a string or a number as written.</summary>
    public IReadOnlyDictionary<string, CslScalar> Variables { get; init; } = NoVariables;

    /// <summary>Name variables (<c>author</c>, <c>editor</c>, …) by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CslName>> Names { get; init; } = NoNames;

    /// <summary>Date variables (<c>issued</c>, <c>accessed</c>, …) by name.</summary>
    public IReadOnlyDictionary<string, CslDate> Dates { get; init; } = NoDates;

    /// <summary>The <c>categories</c> array, or <see langword="null"/> when absent.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Everything else (<c>custom</c>, properties CSL-JSON does not define), kept as raw JSON.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = CslExtensions.Empty;

    /// <summary>The title (<c>title</c>), if any.</summary>
    public string? Title => GetText(CslVariables.Title);

    /// <summary>The URL (<c>URL</c>), if any.</summary>
    public string? Url => GetText(CslVariables.Url);

    /// <summary>The DOI (<c>DOI</c>), if any.</summary>
    public string? Doi => GetText(CslVariables.Doi);

    /// <summary>The authors (<c>author</c>), or an empty list.</summary>
    public IReadOnlyList<CslName> Authors => GetNames(CslVariables.Author) ?? [];

    /// <summary>The date of publication (<c>issued</c>), if any.</summary>
    public CslDate? Issued => GetDate(CslVariables.Issued);

    /// <summary>The date the item was consulted (<c>accessed</c>), if any.</summary>
    public CslDate? Accessed => GetDate(CslVariables.Accessed);

    /// <summary>
    /// Gets an ordinary variable. The spellings CSL 1.0.2 and CSL-JSON disagree on (<c>part</c>/<c>part-number</c>,
    /// <c>printing</c>/<c>printing-number</c>, <c>supplement</c>/<c>supplement-number</c>) are both accepted.
    /// </summary>
    /// <param name="variable">The variable name.</param>
    /// <param name="value">The value when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the item has the variable.</returns>
    public bool TryGetVariable(string variable, out CslScalar value)
    {
        if (Variables.TryGetValue(variable, out value))
        {
            return true;
        }

        return CslVariables.Alias(variable) is { } alias && Variables.TryGetValue(alias, out value);
    }

    /// <summary>Gets the text of an ordinary variable, or <see langword="null"/> when the item does not have it.</summary>
    public string? GetText(string variable) => TryGetVariable(variable, out var value) ? value.Text : null;

    /// <summary>Gets a name variable, or <see langword="null"/> when the item does not have it.</summary>
    public IReadOnlyList<CslName>? GetNames(string variable) => Names.TryGetValue(variable, out var names) ? names : null;

    /// <summary>Gets a date variable, or <see langword="null"/> when the item does not have it.</summary>
    public CslDate? GetDate(string variable) => Dates.TryGetValue(variable, out var date) ? date : null;

    /// <inheritdoc/>
    public bool Equals(CslItem? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Id != other.Id || Type != other.Type
            || Variables.Count != other.Variables.Count || Names.Count != other.Names.Count || Dates.Count != other.Dates.Count)
        {
            return false;
        }

        foreach (var (key, value) in Variables)
        {
            if (!other.Variables.TryGetValue(key, out var v) || v != value)
            {
                return false;
            }
        }

        foreach (var (key, value) in Names)
        {
            if (!other.Names.TryGetValue(key, out var v) || !v.SequenceEqual(value))
            {
                return false;
            }
        }

        foreach (var (key, value) in Dates)
        {
            if (!other.Dates.TryGetValue(key, out var v) || !v.Equals(value))
            {
                return false;
            }
        }

        return (Categories is null ? other.Categories is null : other.Categories is not null && Categories.SequenceEqual(other.Categories))
               && CslExtensions.AreEqual(Extensions, other.Extensions);
    }

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Type, Variables.Count, Names.Count, Dates.Count);

    /// <summary>Returns <c>type id: title</c>, for debugging.</summary>
    public override string ToString() => $"{Type} {Id.Text}: {Title}";
}
