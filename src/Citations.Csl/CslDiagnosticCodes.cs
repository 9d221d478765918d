namespace Citations.Csl;

/// <summary>
/// The codes of every diagnostic this package reports (<c>CSL</c> and four digits): <c>CSL00xx</c> for styles and
/// locales as they are read, <c>CSL01xx</c> for citations and items as they are formatted, <c>CSL02xx</c> for finding
/// locales. Each constant says what the diagnostic means and the severity it is reported with.
/// </summary>
/// <remarks>
/// Numbers are never reused for another meaning. <c>CSL0100</c> (a cite of an item not in the item list, reported by
/// an internal path that no longer exists) is retired: such cites are reported as <see cref="UnknownItem"/>.
/// </remarks>
public static class CslDiagnosticCodes
{
    /// <summary>
    /// Warning: a style holds something this processor does not use — an unknown element or attribute, an attribute
    /// value that is not valid, an incomplete element (a <c>&lt;text&gt;</c> with nothing to render, a sort key
    /// without variable or macro), a macro defined twice. It is ignored; the rest of the style is used.
    /// </summary>
    public const string StyleMarkupIgnored = "CSL0001";

    /// <summary>
    /// Warning: a locale (a locale file, or a <c>&lt;locale&gt;</c> inside a style) holds an unknown element or a term
    /// without a name. It is ignored; the rest of the locale is used.
    /// </summary>
    public const string LocaleMarkupIgnored = "CSL0002";

    /// <summary>
    /// Warning: a style calls a macro it does not define (from a <c>&lt;text macro&gt;</c> or a sort key). The call
    /// renders nothing; the sort key is empty.
    /// </summary>
    public const string UndefinedMacro = "CSL0003";

    /// <summary>
    /// Error: a cite has no item id, or names an item that is not in the item list. The cite is left out; the rest
    /// of its citation is formatted.
    /// </summary>
    public const string UnknownItem = "CSL0101";

    /// <summary>Error: a citation has no cites. It renders as nothing.</summary>
    public const string EmptyCitation = "CSL0102";

    /// <summary>Error: a citation's note number is negative. It is taken as a citation in the running text (note 0).</summary>
    public const string NegativeNoteNumber = "CSL0103";

    /// <summary>
    /// Warning: a document's note numbers go backwards, or a note number comes back after other notes. Positions
    /// (ibid, subsequent) restart from the citation that goes backwards.
    /// </summary>
    public const string NoteOutOfOrder = "CSL0104";

    /// <summary>Info: a cite has a locator without a label. The locator is taken as a page, as CSL prescribes.</summary>
    public const string LocatorWithoutLabel = "CSL0105";

    /// <summary>
    /// Error: the style could not format an item's bibliography entry (its macros go over the render budget, or are
    /// nested too deep). The entry is left out; the other entries are formatted.
    /// </summary>
    public const string EntryNotFormatted = "CSL0110";

    /// <summary>
    /// Error: the style could not format a citation (its macros go over the render budget, or are nested too deep).
    /// The citation is left empty; the other citations are formatted.
    /// </summary>
    public const string CitationNotFormatted = "CSL0111";

    /// <summary>
    /// Warning: no locale exists for the language a style or caller asked for (nor for its primary dialect, when that is
    /// what is missing); the processor renders with the next locale in CSL's fallback order (primary dialect, then
    /// en-US) and says which. The output is complete, but in another language or variety.
    /// </summary>
    public const string LocaleNotFound = "CSL0200";

    /// <summary>
    /// Error: a locale that may exist could not be had (not cached while offline, a download that failed, a response
    /// that is not a CSL locale); the processor falls back as for <see cref="LocaleNotFound"/>. The output is not in the
    /// language asked for, and providing the locale would change it.
    /// </summary>
    public const string LocaleUnavailable = "CSL0201";
}
