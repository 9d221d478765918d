using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats.BibTeX;

/// <summary>
/// The fields of one entry (its own and the inherited ones) as the item mapping reads them: raw text, rich text, titles
/// (sentence-cased when the entry is in English), and lists split at <c>and</c>. Unknown LaTeX commands are reported
/// once per entry and command.
/// </summary>
internal sealed class EntryFields
{
    private readonly IReadOnlyDictionary<string, BibField> _fields;
    private readonly TextSource _source;
    private HashSet<string>? _reported;

    public EntryFields(BibEntry entry, IReadOnlyDictionary<string, BibField> fields, TextSource source)
    {
        Entry = entry;
        _fields = fields;
        _source = source;
    }

    public BibEntry Entry { get; }

    /// <summary>Whether titles are converted to sentence case (the entry's language is English or not given).</summary>
    public bool English { get; set; } = true;

    /// <summary>Set when the year said "forthcoming" (a state, not a date).</summary>
    public bool ForthcomingYear { get; set; }

    public bool Has(string name) => _fields.ContainsKey(name);

    public BibField? Get(string name) => _fields.GetValueOrDefault(name);

    /// <summary>The value as written (trimmed), or <see langword="null"/>; for identifiers and keys, which are not LaTeX text.</summary>
    public string? Raw(string name) => _fields.TryGetValue(name, out var field) && field.Value.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The value as plain text, or <see langword="null"/>.</summary>
    public string? Plain(string name) => Field(name) is { } inlines ? Inline.Plain(inlines) : null;

    /// <summary>The value read as LaTeX, or <see langword="null"/> when absent or empty. Each call gives a new list.</summary>
    public List<Inline>? Field(string name)
    {
        if (!_fields.TryGetValue(name, out var field))
        {
            return null;
        }

        var inlines = LaTeXReader.Read(field.Value, UnknownCommandReporter(field));
        return inlines.Count > 0 ? inlines : null;
    }

    /// <summary>A title field: read, then converted to sentence case for an English entry.</summary>
    public List<Inline>? Title(string name)
    {
        var inlines = Field(name);
        if (inlines is not null && English)
        {
            SentenceCase.Apply(inlines);
        }

        return inlines;
    }

    /// <summary>A BibLaTeX literal list (<c>publisher</c>, <c>location</c>): its items, split at <c>and</c>, joined with "; ".</summary>
    public List<Inline>? LiteralList(string name)
    {
        var inlines = Field(name);
        return inlines is null ? null : RichText.JoinList(RichText.SplitAtAnd(inlines));
    }

    /// <summary>Reports an unknown command once per entry.</summary>
    public Action<string> UnknownCommandReporter(BibField field) => command =>
    {
        _reported ??= new HashSet<string>(StringComparer.Ordinal);
        if (_reported.Add(command))
        {
            _source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.BibUnknownCommand,
                $"Entry '{Entry.Key}', field '{field.Name}': the LaTeX command \\{command} is unknown; it was dropped and its arguments kept as text.", field.Offset, Entry.Key);
        }
    };
}
