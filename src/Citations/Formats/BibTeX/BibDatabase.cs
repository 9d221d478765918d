namespace Citations.Formats.BibTeX;

/// <summary>One field of a BibTeX entry: its name (lower case) and its value, macros expanded, outer delimiters removed.</summary>
/// <param name="Name">The field name, lower case.</param>
/// <param name="Value">The value as LaTeX text: <c>@string</c> macros expanded, <c>#</c> pieces joined, inner braces kept.</param>
/// <param name="Offset">The character offset of the value in the file, for diagnostics.</param>
internal sealed record BibField(string Name, string Value, int Offset);

/// <summary>One entry of a BibTeX file (<c>@type{key, field = value, …}</c>), as written.</summary>
internal sealed class BibEntry
{
    private readonly Dictionary<string, BibField> _fields = new(StringComparer.Ordinal);

    public BibEntry(string type, string key, int offset)
    {
        Type = type;
        Key = key;
        Offset = offset;
    }

    /// <summary>The entry type, lower case (<c>article</c>, <c>inproceedings</c>, …).</summary>
    public string Type { get; }

    /// <summary>The citation key.</summary>
    public string Key { get; }

    /// <summary>The offset of the entry's <c>@</c>.</summary>
    public int Offset { get; }

    /// <summary>The fields, in the order written (duplicates already dropped).</summary>
    public List<BibField> Fields { get; } = [];

    /// <summary>Whether the entry has a field.</summary>
    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>A field by name, or <see langword="null"/>.</summary>
    public BibField? Get(string name) => _fields.GetValueOrDefault(name);

    /// <summary>Adds a field; returns <see langword="false"/> (and adds nothing) when the entry already has one of that name.</summary>
    public bool TryAdd(BibField field)
    {
        if (!_fields.TryAdd(field.Name, field))
        {
            return false;
        }

        Fields.Add(field);
        return true;
    }
}

/// <summary>What a BibTeX file holds at the syntax level: its entries (in order) and its <c>@preamble</c> texts.</summary>
internal sealed class BibDatabase
{
    public List<BibEntry> Entries { get; } = [];

    public List<string> Preambles { get; } = [];
}
