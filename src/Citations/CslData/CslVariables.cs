using System.Collections.Frozen;

namespace Citations.CslData;

/// <summary>What kind of value a CSL variable holds.</summary>
public enum CslVariableKind
{
    /// <summary>Not a variable CSL defines.</summary>
    Unknown,

    /// <summary>An ordinary text variable (<c>title</c>, <c>publisher</c>, …).</summary>
    Standard,

    /// <summary>A number variable (<c>volume</c>, <c>page</c>, …); a subset of the ordinary variables.</summary>
    Number,

    /// <summary>A date variable (<c>issued</c>, <c>accessed</c>, …).</summary>
    Date,

    /// <summary>A name variable (<c>author</c>, <c>editor</c>, …).</summary>
    Name,
}

/// <summary>The variable names of CSL 1.0.2 and CSL-JSON, and what kind each is.</summary>
public static class CslVariables
{
#pragma warning disable CS1591 // The constants are the variable names themselves.
    public const string Author = "author";
    public const string Editor = "editor";
    public const string Translator = "translator";
    public const string Title = "title";
    public const string ContainerTitle = "container-title";
    public const string Publisher = "publisher";
    public const string PublisherPlace = "publisher-place";
    public const string Issued = "issued";
    public const string Accessed = "accessed";
    public const string Url = "URL";
    public const string Doi = "DOI";
    public const string Note = "note";
    public const string Genre = "genre";
    public const string Number = "number";
    public const string Volume = "volume";
    public const string Issue = "issue";
    public const string Page = "page";
    public const string Locator = "locator";
    public const string CitationNumber = "citation-number";
    public const string YearSuffix = "year-suffix";
#pragma warning restore CS1591

    /// <summary>The ordinary variables of CSL 1.0.2 and CSL-JSON that are not number variables.</summary>
    public static IReadOnlySet<string> Standard { get; } = new[]
    {
        "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority",
        "call-number", "citation-key", "citation-label", "collection-title", "collection-title-short", "container-title",
        "container-title-short", "dimensions", "division", "DOI", "event", "event-title", "event-place", "genre", "ISBN",
        "ISSN", "jurisdiction", "journalAbbreviation", "keyword", "language", "license", "medium", "note",
        "original-publisher", "original-publisher-place", "original-title", "part-title", "PMCID", "PMID", "publisher",
        "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "shortTitle", "source", "status",
        "title", "title-short", "URL", "volume-title", "volume-title-short", "year-suffix",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The number variables of CSL 1.0.2, with the CSL-JSON spellings <c>part</c>, <c>printing</c>, <c>supplement</c>.</summary>
    public static IReadOnlySet<string> Numbers { get; } = new[]
    {
        "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number", "issue",
        "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part-number", "part",
        "printing-number", "printing", "section", "supplement-number", "supplement", "version", "volume",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The date variables.</summary>
    public static IReadOnlySet<string> DateNames { get; } = new[]
    {
        "accessed", "available-date", "event-date", "issued", "original-date", "submitted",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The name variables (with <c>editor-translator</c>, which processors derive when editor and translator agree).</summary>
    public static IReadOnlySet<string> NameNames { get; } = new[]
    {
        "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator",
        "director", "editor", "editorial-director", "editor-translator", "executive-producer", "guest", "host",
        "illustrator", "interviewer", "narrator", "organizer", "original-author", "performer", "producer", "recipient",
        "reviewed-author", "script-writer", "series-creator", "translator",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["part-number"] = "part",
        ["part"] = "part-number",
        ["printing-number"] = "printing",
        ["printing"] = "printing-number",
        ["supplement-number"] = "supplement",
        ["supplement"] = "supplement-number",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Tells what kind of value a variable holds.</summary>
    public static CslVariableKind KindOf(string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (Numbers.Contains(variable))
        {
            return CslVariableKind.Number;
        }

        if (Standard.Contains(variable))
        {
            return CslVariableKind.Standard;
        }

        if (DateNames.Contains(variable))
        {
            return CslVariableKind.Date;
        }

        return NameNames.Contains(variable) ? CslVariableKind.Name : CslVariableKind.Unknown;
    }

    /// <summary>The other spelling of a variable that CSL 1.0.2 and CSL-JSON name differently, or <see langword="null"/>.</summary>
    public static string? Alias(string variable) => Aliases.GetValueOrDefault(variable);
}
