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
    /// Markdown nested more deeply than a reader follows (quotes in quotes, lists in lists, emphasis in emphasis):
    /// a warning when the links below that depth were left out, fatal when the Markdown parser gave up on the file.
    /// </summary>
    public const string NestedTooDeeply = "LNK0006";
}
