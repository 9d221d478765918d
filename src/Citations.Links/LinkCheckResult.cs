
namespace Citations.Links;

/// <summary>The outcome of checking one URL: the verdict, its evidence, and what the history and archives add.</summary>
/// <remarks>Immutable and thread-safe. One result per distinct URL: <see cref="Targets"/> lists every citation of it.</remarks>
public sealed record LinkCheckResult
{
    /// <summary>The normalised URL that was checked (lower-case scheme and host, no default port, no fragment).</summary>
    public required string Url { get; init; }

    /// <summary>Every target that cites this URL (after normalisation), in input order.</summary>
    public required IReadOnlyList<LinkTarget> Targets { get; init; }

    /// <summary>What the check found.</summary>
    public required LinkVerdict Verdict { get; init; }

    /// <summary>Why: status codes, redirects, timing, error.</summary>
    public required LinkEvidence Evidence { get; init; }

    /// <summary>When the check was made (by the checker's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>Whether the result was taken from the history (the URL was checked recently) instead of the network.</summary>
    public bool FromHistory { get; init; }

    /// <summary>Page text found, quotes looked for, and change since the previous check; <see langword="null"/> when no page text was read.</summary>
    public ContentCheck? Content { get; init; }

    /// <summary>
    /// What the page itself showed when it decided the verdict (a client-rendered shell, a login wall, a parked
    /// domain, a "not found" answer, a rendered page): the reason, the signals and the comparison; or
    /// <see langword="null"/> when the status or the error alone decided it.
    /// </summary>
    public PageAssessment? Assessment { get; init; }

    /// <summary>What the history says about the URL (including this check), or <see langword="null"/> without a history store.</summary>
    public LinkHistorySummary? History { get; init; }

    /// <summary>The archived copy closest to the date the source was consulted, for failing or drifted links; or <see langword="null"/>.</summary>
    public ArchivedCopy? Archive { get; init; }

    /// <summary>Whether the link is broken now (see <see cref="LinkVerdictExtensions.IsBroken"/>).</summary>
    public bool IsBroken => Verdict.IsBroken();

    /// <summary>Whether the history shows the link has rotted: repeated failures spread over time.</summary>
    public bool IsRot => History?.IsRot ?? false;

    /// <summary>Whether some quote the page is cited for is no longer on it.</summary>
    public bool HasMissingQuote => Content?.Quotes.Any(q => !q.Found) ?? false;

    /// <summary>
    /// Whether the page answers but no longer resembles what was cited: its title (or main heading) is unlike the
    /// cited title (see <see cref="ContentCheck.TitleMatch"/>), as when a URL was repurposed or its domain taken over.
    /// </summary>
    public bool IsChanged => Verdict.IsAlive() && Content?.TitleMatch is { Changed: true };
}

/// <summary>Progress of a run, reported after each URL.</summary>
/// <param name="Total">How many distinct URLs the run checks.</param>
/// <param name="Completed">How many are done.</param>
/// <param name="Broken">How many of those are broken.</param>
/// <param name="Last">The result just completed.</param>
public sealed record LinkCheckProgress(int Total, int Completed, int Broken, LinkCheckResult Last)
{
    /// <summary>
    /// The hosts (<c>host</c> or <c>host:port</c>) with a URL being checked when the result completed, with how many of
    /// their URLs were in progress, busiest first: what a progress display shows as "now checking".
    /// </summary>
    /// <value>Empty when nothing else was in progress.</value>
    public IReadOnlyList<KeyValuePair<string, int>> ActiveHosts { get; init; } = [];
}
