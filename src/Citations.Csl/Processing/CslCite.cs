namespace Citations.Csl.Processing;

/// <summary>One reference to an item inside a citation: the item, and what this cite adds (locator, affixes).</summary>
/// <param name="Id">The id of the cited item.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CslCite(string Id)
{
    /// <summary>A locator such as a page or chapter ("23", "12-15").</summary>
    public string? Locator { get; init; }

    /// <summary>The locator's label: <c>page</c> (the default), <c>chapter</c>, <c>section</c>, <c>figure</c>, …</summary>
    public string? Label { get; init; }

    /// <summary>Text before the cite ("see ").</summary>
    public string? Prefix { get; init; }

    /// <summary>Text after the cite (", emphasis added").</summary>
    public string? Suffix { get; init; }

    /// <summary>Leave out the author (when the text already names them): "(2020, 12)".</summary>
    public bool SuppressAuthor { get; init; }

    /// <summary>Render only the author, for narrative citations: "Doe".</summary>
    public bool AuthorOnly { get; init; }

    /// <summary>
    /// A position the caller has worked out, used instead of the one the processor computes from the cite's place in
    /// the document; <see langword="null"/> (the default) lets the processor decide. For callers that track positions
    /// themselves, and for citations formatted on their own (<see cref="CslProcessor.FormatCitations"/>), where a cite
    /// is otherwise a first cite.
    /// </summary>
    public CslPosition? Position { get; init; }

    /// <summary>
    /// With <see cref="Position"/> (other than <see cref="CslPosition.First"/>): whether the previous cite of the same
    /// item is close enough for the style's <c>near-note</c> test. Ignored when <see cref="Position"/> is not set.
    /// </summary>
    public bool NearNote { get; init; }

    /// <summary>The position computed for the cite in its document.</summary>
    internal int PositionFlags { get; init; }

    /// <summary>The note number of the item's first citation, once computed.</summary>
    internal int? FirstReferenceNoteNumber { get; init; }
}

/// <summary>Where a cite stands among the cites of the same item before it (CSL's cite positions).</summary>
public enum CslPosition
{
    /// <summary>The item's first cite.</summary>
    First,

    /// <summary>A later cite of the item.</summary>
    Subsequent,

    /// <summary>A later cite right after one of the same item, with the same locator or none: "Ibid."</summary>
    Ibid,

    /// <summary>A later cite right after one of the same item, with another locator: "Ibid., 12".</summary>
    IbidWithLocator,
}

/// <summary>A citation: one or more cites rendered together ("(Doe 2020; Roe 2021)"), optionally in a footnote.</summary>
/// <param name="Cites">The cites, in the order written.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CslCitation(IReadOnlyList<CslCite> Cites)
{
    /// <summary>The number of the note the citation is in (note styles); 0 when it is in the running text.</summary>
    public int NoteNumber { get; init; }

    /// <summary>A citation of one cite.</summary>
    public static CslCitation Of(string id) => new([new CslCite(id)]);
}
