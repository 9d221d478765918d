namespace Citations.Links;

/// <summary>
/// The codes of the diagnostics this package reports (<c>LNK</c> and a number). Stable: a code keeps its meaning.
/// </summary>
/// <remarks>
/// The first three kept the three-digit form they were published with (<c>LNK001</c>–<c>LNK003</c>); later codes
/// continue the sequence in the same form.
/// </remarks>
public static class LinkDiagnosticCodes
{
    /// <summary>A file of links could not be read (missing, unreadable, not text).</summary>
    public const string UnreadableFile = "LNK001";

    /// <summary>A cited source or CSL item has no URL or DOI: it is listed as not checkable.</summary>
    public const string NoUrl = "LNK002";

    /// <summary>A link is relative and cannot be checked without a base URL.</summary>
    public const string RelativeLink = "LNK003";

    /// <summary>
    /// The link history database is damaged (SQLite reports it malformed, or it cannot be read or written mid-run): the
    /// run went on, and the links it could not read or record were checked as if they had no history. The message
    /// says how to repair (<c>sqlite3 FILE ".recover"</c>) or reset (delete) the file.
    /// </summary>
    public const string HistoryDamaged = "LNK004";

    /// <summary>
    /// A check stored in the link history can no longer be read (a row this version cannot parse): that link was
    /// checked as if it had no history.
    /// </summary>
    public const string HistoryRowUnreadable = "LNK005";
}
