using Citations.CslData;

namespace Citations.Links;

/// <summary>
/// One cited link to check: the URL as written, and what the citation says about it (which source cites it, when the
/// source was consulted, and quotes the page should still contain).
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe. The checker's input seam: anything that cites URLs (a CSL item, a Markdown file,
/// an article's sources) becomes targets. Create them with <see cref="FromUrl"/>, <see cref="FromCslItem"/>,
/// <see cref="Extraction.ArticleLinkTargets"/> or the readers in <see cref="Extraction.LinkTargetReader"/>.</para>
/// <para>An article's sources become targets through <see cref="Extraction.ArticleLinkTargets"/>: one per source with a
/// URL, with the source's id, its accessed date and the passages its claims quote.</para>
/// </remarks>
/// <param name="Url">The URL exactly as cited. A malformed URL is still a target: it gets the verdict
/// <see cref="LinkVerdict.InvalidUrl"/>.</param>
public sealed record LinkTarget(string Url)
{
    /// <summary>The id of the source, CSL item or claim that cites the URL, if any.</summary>
    public string? SourceId { get; init; }

    /// <summary>When the citing author consulted the page (CSL <c>accessed</c>); archived copies are sought closest to it.</summary>
    public CslDate? Accessed { get; init; }

    /// <summary>Passages the page is cited for; the checker reports whether the page still contains each one.</summary>
    public IReadOnlyList<string> Quotes { get; init; } = [];

    /// <summary>Where the URL was found (file and line), for reports; <see langword="null"/> when unknown.</summary>
    public string? Origin { get; init; }

    /// <summary>The file the URL was found in, as the reader was given its name; <see langword="null"/> when unknown.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line of <see cref="File"/> the URL was found on; <see langword="null"/> when unknown (an item of a bibliography, a source of an article).</summary>
    public int? Line { get; init; }

    /// <summary>
    /// What cited the URL, so that a reader can find it: an HTML attribute as <c>element[attribute]</c> (<c>a[href]</c>,
    /// <c>img[srcset]</c>), or one of the names in <see cref="LinkConstructs"/> (<c>markdown inline link</c>,
    /// <c>bare url</c>…); <see langword="null"/> when unknown.
    /// </summary>
    public string? Construct { get; init; }

    /// <summary>
    /// The title the page was cited under (a CSL item's <c>title</c>), if any: the checker compares it with the page's
    /// title and flags a page that no longer resembles it (<see cref="LinkCheckResult.IsChanged"/>).
    /// </summary>
    public string? Title { get; init; }

    /// <summary>Creates a target from a URL alone.</summary>
    /// <param name="url">The URL as cited.</param>
    public static LinkTarget FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new LinkTarget(url);
    }

    /// <summary>
    /// Creates the target of a CSL item: its <c>URL</c>, or the DOI resolver's URL when the item has a DOI and no URL;
    /// <see langword="null"/> when the item cites no link.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="origin">Where the item was read from, for reports.</param>
    public static LinkTarget? FromCslItem(CslItem item, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var url = item.Url?.Trim();
        if (string.IsNullOrEmpty(url) && item.Doi?.Trim() is { Length: > 0 } doi)
        {
            url = DoiUrl(doi);
        }

        return string.IsNullOrEmpty(url)
            ? null
            : new LinkTarget(url) { SourceId = item.Id.Text, Accessed = item.Accessed, Origin = origin, Title = string.IsNullOrWhiteSpace(item.Title) ? null : item.Title };
    }

    /// <summary>Turns a DOI (bare, <c>doi:</c>-prefixed or already a resolver URL) into a resolver URL.</summary>
    internal static string DoiUrl(string doi)
    {
        if (doi.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || doi.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return doi;
        }

        if (doi.StartsWith("doi:", StringComparison.OrdinalIgnoreCase))
        {
            doi = doi[4..];
        }

        return "https://doi.org/" + doi;
    }
}
