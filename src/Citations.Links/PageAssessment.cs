namespace Citations.Links;

/// <summary>Why the page itself decided a verdict: what kind of answer the server gave in place of (or as) the page.</summary>
public enum VerdictReason
{
    /// <summary>
    /// A client-rendered shell: little visible text, a mount element and script bundles, the same HTML a random path
    /// gets. Without rendering the checker cannot see whether the page exists (<see cref="LinkVerdict.Unverifiable"/>).
    /// </summary>
    ClientRendered,

    /// <summary>A login wall: a redirect to a sign-in page that asks to come back, or a sign-in form in place of the page (<see cref="LinkVerdict.Unverifiable"/>).</summary>
    LoginRequired,

    /// <summary>A parked domain: a parking service's page of advertisements or links (<see cref="LinkVerdict.Parked"/>).</summary>
    Parked,

    /// <summary>A domain offered for sale (<see cref="LinkVerdict.Parked"/>).</summary>
    ForSale,

    /// <summary>A "not found" answer with a success status (<see cref="LinkVerdict.Soft404"/>).</summary>
    NotFound,

    /// <summary>The page was rendered in a browser and shows its own content, unlike a random path on the host (<see cref="LinkVerdict.Alive"/> or <see cref="LinkVerdict.Redirected"/>).</summary>
    RenderedContent,
}

/// <summary>
/// What the checker saw in a page that decided its verdict: the reason, the signals found, the comparison with a random
/// path on the same host, and the rendering in a browser when there was one.
/// </summary>
/// <remarks>Immutable and thread-safe. Every text in it that came from a server is escaped (<see cref="DisplayText.Escape"/>).</remarks>
public sealed record PageAssessment
{
    /// <summary>Why the verdict is what it is.</summary>
    public required VerdictReason Reason { get; init; }

    /// <summary>The signals found, in the order they were looked for (such as <c>mount-element</c>, <c>sign-in-redirect</c>, <c>parking-phrase</c>).</summary>
    public IReadOnlyList<PageSignal> Signals { get; init; } = [];

    /// <summary>The comparison with a random path on the same host, in a sentence, or <see langword="null"/> when none was made.</summary>
    public string? Comparison { get; init; }

    /// <summary>What rendering the page in a browser showed, or <see langword="null"/> when it was not rendered.</summary>
    public RenderedComparison? Rendering { get; init; }
}

/// <summary>One signal found in a page.</summary>
/// <param name="Name">The signal's stable name (kebab-case, such as <c>noscript-javascript</c>); the package README lists them.</param>
/// <param name="Detail">What was seen, for people (such as <c>div#root is empty</c>).</param>
public sealed record PageSignal(string Name, string Detail);

/// <summary>What rendering a page and a random path on the same host in a headless browser showed.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RenderedComparison
{
    /// <summary>Whether the page was rendered; <see langword="false"/> when rendering failed or was not possible (see <see cref="Failure"/>).</summary>
    public bool Rendered { get; init; }

    /// <summary>Why rendering failed or was skipped, or <see langword="null"/>.</summary>
    public string? Failure { get; init; }

    /// <summary>The title of the rendered page, if any.</summary>
    public string? Title { get; init; }

    /// <summary>How many characters of visible text the rendered page has.</summary>
    public int TextLength { get; init; }

    /// <summary>The random path rendered for comparison, or <see langword="null"/>.</summary>
    public string? RandomUrl { get; init; }

    /// <summary>How alike (word triples, Jaccard, 0–1) the rendered page and the rendered random path are, or <see langword="null"/>.</summary>
    public double? Similarity { get; init; }

    /// <summary>How many requests the browser made for the page (each one through the checker's guarded client).</summary>
    public int Requests { get; init; }

    /// <summary>How many of the browser's requests were refused (a private address, a scheme other than http(s), over the per-page limit, images and media).</summary>
    public int RefusedRequests { get; init; }

    /// <summary>How long rendering the page took (the random path not included).</summary>
    public TimeSpan Elapsed { get; init; }
}
