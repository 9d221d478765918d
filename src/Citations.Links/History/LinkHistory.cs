using System.Text.Json;
using Citations.Diagnostics;

namespace Citations.Links.History;

/// <summary>
/// The history of link checks: every check of every URL with its verdict and evidence, and per URL when it was first
/// seen failing, last seen alive, its last page fingerprint and whether it has rotted. Kept in a SQLite file
/// (<see cref="Open"/>) or, with the Citations.Links.PostgreSql package, in a PostgreSQL database; both behave the same.
/// </summary>
/// <remarks>
/// <para>Each result is committed as it is recorded (write-ahead log), so a run killed midway loses nothing already
/// checked and the next run, with <see cref="LinkCheckerOptions.MaxAge"/>, resumes where it stopped.</para>
/// <para>Thread-safe. Several processes may share a history: SQLite locking (with a busy timeout) for a file,
/// row locks for PostgreSQL; a check recorded by one is never lost by another.</para>
/// <para>Checks are stored in the history's own versioned row format, not as the report's JSON, so reports can change
/// without a database migration; a database written by an earlier version is brought up to date when it is opened (see
/// <see cref="Open"/>). Rot follows the state machine described with <see cref="RotPolicy"/>, worked out here for
/// every store.</para>
/// </remarks>
public sealed partial class LinkHistory : IDisposable, IAsyncDisposable
{
    /// <summary>The file name used when no path is given: <c>citations-links.db</c> in the current directory.</summary>
    public const string DefaultFileName = "citations-links.db";

    /// <summary>The most warnings <see cref="Diagnostics"/> keeps.</summary>
    private const int MaxDiagnostics = 100;

    private readonly LinkHistoryStore _store;
    private readonly Lock _diagnosticsLock = new();
    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>A history over a store (the PostgreSQL package makes its histories so).</summary>
    /// <param name="store">The store, owned (disposed) by the history from now on.</param>
    /// <param name="policy">When failures make rot, validated.</param>
    internal LinkHistory(LinkHistoryStore store, RotPolicy policy)
    {
        _store = store;
        Policy = policy;
    }

    /// <summary>
    /// Where the history is: the database file's full path, or, for a PostgreSQL history, the server, database and
    /// schema (<c>postgresql://user@host:port/database?schema=name</c>, never with a password).
    /// </summary>
    public string Path => _store.Location;

    /// <summary>When failures make rot.</summary>
    public RotPolicy Policy { get; }

    /// <summary>
    /// Warnings about the database found while a checker used it: damage (<see cref="LinkDiagnosticCodes.HistoryDamaged"/>)
    /// and stored checks that cannot be read (<see cref="LinkDiagnosticCodes.HistoryRowUnreadable"/>), each problem once.
    /// A checker goes on when the history fails it: the link is checked as if it had no history, its result says so
    /// in a note, and the warning here says how to repair or reset the database. Show them after a run.
    /// </summary>
    public IReadOnlyList<Diagnostic> Diagnostics
    {
        get
        {
            lock (_diagnosticsLock)
            {
                return [.. _diagnostics];
            }
        }
    }

    /// <summary>
    /// Opens (creating if needed) a history file. A file written by an earlier version of this library (schema 1,
    /// which stored checks as report JSON) is converted to the current schema first, in one transaction: every check
    /// is kept, or, when one cannot be read, the file is left as it was and the error names it.
    /// </summary>
    /// <param name="path">The file; <see cref="DefaultFileName"/> in the current directory when <see langword="null"/>.</param>
    /// <param name="policy">When failures make rot; <see cref="RotPolicy.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="LinkOptionsException">The policy is invalid.</exception>
    /// <exception cref="Diagnostics.CitationsException">The file cannot be opened or is not a history database.</exception>
    public static LinkHistory Open(string? path = null, RotPolicy? policy = null)
    {
        policy ??= RotPolicy.Default;
        policy.Validate();
        return new LinkHistory(SqliteLinkHistoryStore.Open(System.IO.Path.GetFullPath(path ?? DefaultFileName)), policy);
    }

    /// <summary>Records a check, committing it at once, and returns the URL's updated summary.</summary>
    /// <param name="result">The result (its <see cref="LinkCheckResult.History"/> is ignored).</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<LinkHistorySummary> RecordAsync(LinkCheckResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var row = CheckRow.From(result);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(row.CheckedAt);
        var updated = await _store.RecordAsync(row, (url, checkId) => new UrlRow
        {
            Url = result.Url,
            Rot = url?.Rot.Next(result.Verdict, at, Policy) ?? RotState.First(result.Verdict, at, Policy),
            LastConclusiveCheck = result.Verdict is LinkVerdict.Inconclusive ? url?.LastConclusiveCheck : checkId,
            LastConclusiveAt = result.Verdict is LinkVerdict.Inconclusive ? url?.LastConclusiveAt : row.CheckedAt,
            Fingerprint = result.Content?.Fingerprint ?? url?.Fingerprint,
            FingerprintAt = result.Content is null ? url?.FingerprintAt : row.CheckedAt,
        }, cancellationToken).ConfigureAwait(false);
        return updated.Rot.ToSummary(updated.Url, Policy);
    }

    /// <summary>What the history knows about a URL, or <see langword="null"/> when it was never checked.</summary>
    /// <param name="url">The normalised URL.</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<LinkHistorySummary?> GetSummaryAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        return (await _store.ReadUrlAsync(url, cancellationToken).ConfigureAwait(false))?.Rot.ToSummary(url, Policy);
    }

    /// <summary>Every recorded check of a URL, oldest first (citations and history are not stored with them).</summary>
    /// <param name="url">The normalised URL.</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<IReadOnlyList<LinkCheckResult>> GetChecksAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var rows = await _store.ReadChecksAsync(url, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => ReadResult(row, []))];
    }

    /// <summary>
    /// The timeline of every URL in the history, sorted by URL: its checks oldest first, its rot summary, its first
    /// failure and when its current rot began. The summary is worked out again from the checks with this history's
    /// <see cref="Policy"/> (the same state machine that keeps the stored one), so the rot date is known.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the database and reading.</param>
    /// <remarks>Reads only the columns a timeline needs (one query), so a history of many runs of many URLs stays fast.</remarks>
    public async Task<IReadOnlyList<LinkTimeline>> GetTimelinesAsync(CancellationToken cancellationToken = default)
    {
        var timelines = new List<LinkTimeline>();
        var checks = new List<RecordedCheck>();
        string? url = null;
        await foreach (var (rowUrl, check) in _store.ReadTimelineChecksAsync(cancellationToken).ConfigureAwait(false))
        {
            if (url is not null && !string.Equals(url, rowUrl, StringComparison.Ordinal))
            {
                timelines.Add(Timeline(url, checks));
                checks = [];
            }

            url = rowUrl;
            checks.Add(check);
        }

        if (url is not null)
        {
            timelines.Add(Timeline(url, checks));
        }

        return timelines;
    }

    private LinkTimeline Timeline(string url, List<RecordedCheck> checks)
    {
        RotState? state = null;
        DateTimeOffset? firstFailure = null;
        DateTimeOffset? rotSince = null;
        foreach (var check in checks)
        {
            state = state?.Next(check.Verdict, check.CheckedAt, Policy) ?? RotState.First(check.Verdict, check.CheckedAt, Policy);
            firstFailure ??= check.Verdict.CountsAsFailure() ? check.CheckedAt : null;
            rotSince = state.IsRot(Policy) ? rotSince ?? check.CheckedAt : null;
        }

        return new LinkTimeline { Url = url, Checks = checks, Summary = state!.ToSummary(url, Policy), FirstFailure = firstFailure, RotSince = rotSince };
    }

    /// <summary>How many checks the history holds, over all URLs.</summary>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public Task<long> CountChecksAsync(CancellationToken cancellationToken = default) => _store.CountChecksAsync(cancellationToken);

    /// <summary>What the checker needs before checking a URL: a recent conclusive result to reuse, and the last fingerprint.</summary>
    internal async Task<PriorState?> GetPriorAsync(string url, DateTimeOffset now, TimeSpan? maxAge, IReadOnlyList<LinkTarget> targets, CancellationToken cancellationToken)
    {
        var row = await _store.ReadUrlAsync(url, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        LinkCheckResult? recent = null;
        if (maxAge is { } age && row.LastConclusiveCheck is { } id && row.LastConclusiveAt is { } at
            && now.ToUnixTimeMilliseconds() - at <= (long)age.TotalMilliseconds
            && await _store.ReadCheckAsync(id, cancellationToken).ConfigureAwait(false) is { } check)
        {
            recent = ReadResult(check, targets) with { FromHistory = true, History = row.Rot.ToSummary(url, Policy) };
        }

        return new PriorState(recent, row.Fingerprint, row.FingerprintAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null);
    }

    /// <summary>
    /// <see cref="GetPriorAsync"/> for a checker: a history that fails (damaged, or a row it cannot parse) gives no
    /// prior state, a warning in <see cref="Diagnostics"/> and the sentence for the result's notes.
    /// </summary>
    internal async Task<(PriorState? Prior, string? Problem)> TryGetPriorAsync(string url, DateTimeOffset now, TimeSpan? maxAge, IReadOnlyList<LinkTarget> targets,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await GetPriorAsync(url, now, maxAge, targets, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (IsFailure(e))
        {
            return (null, Failed(e, url, "could not be read for this link, which was checked as if it had no history"));
        }
    }

    /// <summary>
    /// <see cref="RecordAsync"/> for a checker: a history that fails gives no summary, a warning in
    /// <see cref="Diagnostics"/> and the sentence for the result's notes; the result itself is kept.
    /// </summary>
    internal async Task<(LinkHistorySummary? Summary, string? Problem)> TryRecordAsync(LinkCheckResult result, CancellationToken cancellationToken)
    {
        try
        {
            return (await RecordAsync(result, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (IsFailure(e))
        {
            return (null, Failed(e, result.Url, "could not record this check"));
        }
    }

    /// <summary>Whether an exception is the database failing (as opposed to cancellation or misuse).</summary>
    private bool IsFailure(Exception e)
        => _store.IsStoreFailure(e) || e is CitationsException or JsonException or InvalidCastException or FormatException or OverflowException or KeyNotFoundException
           || (e is InvalidOperationException && e is not ObjectDisposedException);

    /// <summary>Records the warning for a failure (once per kind of problem) and returns the note for the result.</summary>
    private string Failed(Exception e, string url, string consequence)
    {
        var damaged = _store.IsDamage(e);
        var reason = DisplayText.Escape(e is CitationsException { InnerException: { } inner } ? inner.Message : e.Message);
        var repair = _store.RepairAdvice;
        Diagnostic diagnostic = _store.IsStoreFailure(e)
            ? new(DiagnosticSeverity.Warning, LinkDiagnosticCodes.HistoryDamaged, damaged
                ? $"The link history is damaged ({reason}); the run went on, and links it could not read or record were checked as if they had no history. {repair}"
                : $"The link history could not be used ({reason}); the run went on, and links it could not read or record were checked as if they had no history.",
                new SourceLocation(Path, null, 0, 0))
            : new(DiagnosticSeverity.Warning, LinkDiagnosticCodes.HistoryRowUnreadable,
                $"The link history holds a check of {DisplayText.Url(url)} that cannot be read ({reason}); that link was checked as if it had no history. {repair}",
                new SourceLocation(Path, null, 0, 0));
        lock (_diagnosticsLock)
        {
            // One warning per problem (a damaged page fails every link stored on it with the same message), and a bounded list.
            if (_diagnostics.Count < MaxDiagnostics && !_diagnostics.Contains(diagnostic))
            {
                _diagnostics.Add(diagnostic);
            }
        }

        return $"the history {consequence}: {(damaged ? "the file is damaged" : "it failed")} ({reason})";
    }

    /// <inheritdoc/>
    public void Dispose() => _store.Dispose();

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The result a check row records; a row that cannot be read is reported with the database and the URL.</summary>
    private LinkCheckResult ReadResult(CheckRow row, IReadOnlyList<LinkTarget> targets)
    {
        try
        {
            return row.ToResult(targets);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new CitationsException($"The link history '{Path}' holds a check of {row.Url} that cannot be read: {e.Message}", e);
        }
    }
}

/// <summary>What the history holds for a URL before it is checked.</summary>
/// <param name="Recent">A conclusive result young enough to reuse, or <see langword="null"/>.</param>
/// <param name="Fingerprint">The last page fingerprint, or <see langword="null"/>.</param>
/// <param name="FingerprintAt">When it was taken.</param>
internal sealed record PriorState(LinkCheckResult? Recent, PageFingerprint? Fingerprint, DateTimeOffset? FingerprintAt);
