namespace Citations.Links.History;

/// <summary>
/// Where a <see cref="LinkHistory"/> keeps its rows: a SQLite file (<see cref="SqliteLinkHistoryStore"/>) or a
/// PostgreSQL schema (the Citations.Links.PostgreSql package). A store reads and writes rows and nothing else: the rot
/// state machine (<see cref="RotState"/>), the reuse of recent results and the reading of stored checks stay in
/// <see cref="LinkHistory"/>, one copy for every store.
/// </summary>
/// <remarks>
/// Implementations are thread-safe. <see cref="RecordAsync"/> is atomic per URL, also across processes sharing the
/// database: the URL's row is read, updated and written with the check in one transaction, and no other writer of the
/// same URL runs in between, so no check and no count is lost.
/// </remarks>
internal abstract class LinkHistoryStore : IDisposable
{
    /// <summary>Where the history is, for messages: a file path, or a database named without its password.</summary>
    public abstract string Location { get; }

    /// <summary>What to do with a damaged history, one or two sentences for a warning.</summary>
    public abstract string RepairAdvice { get; }

    /// <summary>
    /// Inserts a check and replaces its URL's row by what <paramref name="update"/> makes of the stored one (none for a
    /// URL never checked) and the new check's id, in one transaction.
    /// </summary>
    /// <returns>The URL's new row.</returns>
    public abstract Task<UrlRow> RecordAsync(CheckRow row, Func<UrlRow?, long, UrlRow> update, CancellationToken cancellationToken);

    /// <summary>The row of a URL, or <see langword="null"/> when it was never checked.</summary>
    public abstract Task<UrlRow?> ReadUrlAsync(string url, CancellationToken cancellationToken);

    /// <summary>Every check of a URL, oldest first (by time, then by id).</summary>
    public abstract Task<IReadOnlyList<CheckRow>> ReadChecksAsync(string url, CancellationToken cancellationToken);

    /// <summary>One check by its id, or <see langword="null"/>.</summary>
    public abstract Task<CheckRow?> ReadCheckAsync(long id, CancellationToken cancellationToken);

    /// <summary>Every check's URL, time, verdict and status, sorted by URL, then time, then id.</summary>
    public abstract IAsyncEnumerable<(string Url, RecordedCheck Check)> ReadTimelineChecksAsync(CancellationToken cancellationToken);

    /// <summary>How many checks are stored.</summary>
    public abstract Task<long> CountChecksAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The URLs failing now (a first failure is stored), with at least <paramref name="minimumSpacedFailures"/>
    /// spaced failures and first failing at or before <paramref name="failingSince"/> when given; the longest failing
    /// first, then by URL.
    /// </summary>
    public abstract Task<IReadOnlyList<(string Url, RotState Rot)>> ReadFailingAsync(DateTimeOffset? failingSince, int minimumSpacedFailures,
        CancellationToken cancellationToken);

    /// <summary>Whether an exception is the database failing (not a programming error or cancellation).</summary>
    public abstract bool IsStoreFailure(Exception exception);

    /// <summary>Whether a <see cref="IsStoreFailure"/> exception says the stored data is damaged.</summary>
    public abstract bool IsDamage(Exception exception);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the connection or connections.</summary>
    /// <param name="disposing">Called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}

/// <summary>
/// A URL's row: its rot state, the last conclusive check (reused under <see cref="LinkCheckerOptions.MaxAge"/>) and
/// the last page fingerprint (for "changed since last check"). Times in Unix milliseconds.
/// </summary>
internal sealed record UrlRow
{
    public required string Url { get; init; }

    public required RotState Rot { get; init; }

    public long? LastConclusiveCheck { get; init; }

    public long? LastConclusiveAt { get; init; }

    public PageFingerprint? Fingerprint { get; init; }

    public long? FingerprintAt { get; init; }
}
