namespace Citations.Links.Extraction;

/// <summary>What counts as a cited link when reading Markdown and HTML (see <see cref="LinkTargetReader"/>).</summary>
/// <remarks>Immutable and thread-safe: one instance can serve any number of reads.</remarks>
public sealed record LinkExtractionOptions
{
    private readonly Uri? _baseUrl;

    /// <summary>The defaults: verbatim text skipped, <c>rel="nofollow"</c> links kept, no base URL.</summary>
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

    /// <summary>
    /// The address the Markdown or HTML file is read as if it were published at: relative links (<c>../y</c>,
    /// root-relative <c>/z</c>, protocol-relative <c>//host/p</c>) are resolved against it. As in a browser, an HTML
    /// <c>&lt;base href&gt;</c> in the document (also in a Markdown file's HTML) wins over it, and a relative
    /// <c>&lt;base href&gt;</c> is itself resolved against it.
    /// </summary>
    /// <value>
    /// <see langword="null"/> by default: relative links are left out (those of an HTML file with an info diagnostic,
    /// LNK0003, unless its own <c>&lt;base href&gt;</c> is an absolute http(s) URL), and protocol-relative ones are
    /// checked over https.
    /// </value>
    /// <exception cref="ArgumentException">The value is not an absolute http or https URL.</exception>
    public Uri? BaseUrl
    {
        get => _baseUrl;
        init
        {
            if (value is not null && (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps)))
            {
                throw new ArgumentException($"The base URL '{value}' is not an absolute http or https URL.", nameof(value));
            }

            _baseUrl = value;
        }
    }
}
