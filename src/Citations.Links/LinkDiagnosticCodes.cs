namespace Citations.Links;

/// <summary>
/// The codes of the diagnostics the link package produces (<c>LNK0xxx</c>). Problems with a file as a whole (missing,
/// unreadable, too large, not UTF-8, in no known format) and with the items and articles in it carry the core codes
/// (<c>CIT0xxx</c>, <see cref="Citations.Serialization.DiagnosticCodes"/>), since the core reads them.
/// </summary>
/// <remarks>
/// <c>LNK0001</c> (an unreadable file, as <c>LNK001</c>) is retired: unreadable files are <c>CIT0011</c> now. Codes are
/// never reused.
/// </remarks>
public static class LinkDiagnosticCodes
{
    /// <summary>Info: a cited source (a bibliography item, an article's source) has no URL or DOI, so no link check covers it.</summary>
    public const string NoUrl = "LNK0002";

    /// <summary>Info: a link is relative (an HTML <c>href</c> with no scheme or host) and cannot be checked without a base URL.</summary>
    public const string RelativeLink = "LNK0003";

    /// <summary>
    /// Warning: the link history database is damaged (SQLite reports it malformed) or cannot be read or written in the
    /// middle of a run. The run went on; the links it could not read or record were checked as if they had no history.
    /// The message says how to repair (<c>sqlite3 FILE ".recover"</c>) or reset (delete) the file.
    /// </summary>
    public const string HistoryDamaged = "LNK0004";

    /// <summary>
    /// Warning: a check stored in the link history can no longer be read (a row this version cannot parse); that link
    /// was checked as if it had no history.
    /// </summary>
    public const string HistoryRowUnreadable = "LNK0005";

    /// <summary>
    /// Markdown nested more deeply than a reader follows (quotes in quotes, lists in lists, emphasis in emphasis):
    /// a warning when the links below that depth were left out, fatal when the Markdown parser gave up on the file.
    /// </summary>
    public const string NestedTooDeeply = "LNK0006";

    // ---- DOI lookup (Lookup/): LNK01xx. ----

    /// <summary>
    /// Error: a DOI could not be looked up: the resolver could not be reached (offline, refused, timed out, a private
    /// address not allowed), or the lookup is offline and the DOI is not in the cache. No item is made for it.
    /// </summary>
    public const string DoiUnavailable = "LNK0101";

    /// <summary>Error: the resolver does not know a DOI (HTTP 404 or 410). No item is made for it.</summary>
    public const string DoiNotFound = "LNK0102";

    /// <summary>
    /// Error: the resolver answered a DOI with something other than one valid CSL-JSON item: another status, an answer
    /// over the size cap, an unusable redirect, text that is not CSL-JSON, or an item with errors. No item is made for it.
    /// </summary>
    public const string DoiInvalidAnswer = "LNK0103";

    /// <summary>Error: a line of a list of DOIs is not a DOI; it is skipped, the other lines are read.</summary>
    public const string NotADoi = "LNK0104";

    /// <summary>Warning: a list of DOIs names one DOI twice (in any spelling); it is read once.</summary>
    public const string DuplicateDoi = "LNK0105";

    /// <summary>
    /// Warning: a page an extracted article cites could not be fetched or read (offline, gone, refused, not HTML); its
    /// source still gets a minimal item (the URL, the link text as title, the accessed date) and a note saying why.
    /// </summary>
    public const string CitedPageUnavailable = "LNK0201";

    /// <summary>Fatal: the article to extract could not be fetched (an http(s) URL) or is not an HTML or Markdown page.</summary>
    public const string ArticleUnavailable = "LNK0202";
}
