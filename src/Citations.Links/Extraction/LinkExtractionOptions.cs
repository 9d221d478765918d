namespace Citations.Links.Extraction;

/// <summary>What counts as a cited link when reading Markdown and HTML (see <see cref="LinkTargetReader"/>).</summary>
/// <remarks>Immutable and thread-safe: one instance can serve any number of reads.</remarks>
public sealed record LinkExtractionOptions
{
    /// <summary>The defaults: verbatim text skipped, <c>rel="nofollow"</c> links kept.</summary>
    public static LinkExtractionOptions Default { get; } = new();

    /// <summary>
    /// Whether links in verbatim text are read too: Markdown code (fenced, indented and inline) and the HTML elements
    /// <c>pre</c>, <c>code</c>, <c>kbd</c>, <c>samp</c>, <c>var</c>, <c>listing</c>, <c>xmp</c>, <c>plaintext</c> and
    /// <c>textarea</c> (their attributes, the elements inside them, and the URLs written in their text). Code samples
    /// often carry placeholder URLs, so they are skipped unless asked for.
    /// </summary>
    /// <value><see langword="false"/> by default.</value>
    public bool IncludeVerbatim { get; init; }

    /// <summary>
    /// Whether links whose element says <c>rel="nofollow"</c> are left out. A cited link stays a citation whatever the
    /// page tells search engines, so they are kept unless asked otherwise.
    /// </summary>
    /// <value><see langword="false"/> by default.</value>
    public bool SkipNofollow { get; init; }
}
