using System.Globalization;
using System.Text.Json;
using Citations.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Citations.Links.History;

/// <summary>
/// The history of link checks in a SQLite file: every check of every URL with its verdict and evidence, and per URL
/// when it was first seen failing, last seen alive, its last page fingerprint and whether it has rotted.
/// </summary>
/// <remarks>
/// <para>Each result is committed as it is recorded (write-ahead log), so a run killed midway loses nothing already
/// checked and the next run, with <see cref="LinkCheckerOptions.MaxAge"/>, resumes where it stopped.</para>
/// <para>Thread-safe: calls are serialised on one connection. Several processes may share a file (SQLite locking,
/// with a busy timeout).</para>
/// <para>Checks are stored in the history's own versioned row format, not as the report's JSON, so reports can change
/// without a database migration; a file written by an earlier version is brought up to date when it is opened (see
/// <see cref="Open"/>). Rot follows the state machine described with <see cref="RotPolicy"/>.</para>
/// </remarks>
public sealed partial class LinkHistory : IDisposable, IAsyncDisposable
{
    /// <summary>The file name used when no path is given: <c>citations-links.db</c> in the current directory.</summary>
    public const string DefaultFileName = "citations-links.db";

    /// <summary>SQLite's result codes for a damaged file: <c>SQLITE_CORRUPT</c> and <c>SQLITE_NOTADB</c>.</summary>
    private const int SqliteCorrupt = 11;

    private const int SqliteNotADatabase = 26;

    /// <summary>The most warnings <see cref="Diagnostics"/> keeps.</summary>
    private const int MaxDiagnostics = 100;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _diagnosticsLock = new();
    private readonly List<Diagnostic> _diagnostics = [];
    private bool _disposed;

    private LinkHistory(SqliteConnection connection, string path, RotPolicy policy)
    {
        _connection = connection;
        Path = path;
        Policy = policy;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>When failures make rot.</summary>
    public RotPolicy Policy { get; }

    /// <summary>
    /// Warnings about the file found while a checker used it: damage (<see cref="LinkDiagnosticCodes.HistoryDamaged"/>)
    /// and stored checks that cannot be read (<see cref="LinkDiagnosticCodes.HistoryRowUnreadable"/>), each problem once.
    /// A checker goes on when the history fails it: the link is checked as if it had no history, its result says so
    /// in a note, and the warning here says how to repair or reset the file. Show them after a run.
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
        path = System.IO.Path.GetFullPath(path ?? DefaultFileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            HistorySchema.Prepare(connection, path);
            return new LinkHistory(connection, path, policy);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new Diagnostics.CitationsException($"The link history '{path}' cannot be opened: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Records a check, committing it at once, and returns the URL's updated summary.</summary>
    /// <param name="result">The result (its <see cref="LinkCheckResult.History"/> is ignored).</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<LinkHistorySummary> RecordAsync(LinkCheckResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var row = CheckRow.From(result);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(row.CheckedAt);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            var checkId = HistorySchema.InsertCheck(_connection, transaction, row);
            var url = ReadUrlRow(result.Url, transaction);
            var updated = new UrlRow
            {
                Url = result.Url,
                Rot = url?.Rot.Next(result.Verdict, at, Policy) ?? RotState.First(result.Verdict, at, Policy),
                LastConclusiveCheck = result.Verdict is LinkVerdict.Inconclusive ? url?.LastConclusiveCheck : checkId,
                LastConclusiveAt = result.Verdict is LinkVerdict.Inconclusive ? url?.LastConclusiveAt : row.CheckedAt,
                Fingerprint = result.Content?.Fingerprint ?? url?.Fingerprint,
                FingerprintAt = result.Content is null ? url?.FingerprintAt : row.CheckedAt,
            };
            WriteUrlRow(updated, transaction);
            transaction.Commit();
            return updated.Rot.ToSummary(updated.Url, Policy);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What the history knows about a URL, or <see langword="null"/> when it was never checked.</summary>
    /// <param name="url">The normalised URL.</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<LinkHistorySummary?> GetSummaryAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ReadUrlRow(url, null)?.Rot.ToSummary(url, Policy);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every recorded check of a URL, oldest first (citations and history are not stored with them).</summary>
    /// <param name="url">The normalised URL.</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<IReadOnlyList<LinkCheckResult>> GetChecksAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {HistorySchema.CheckColumns} FROM checks WHERE url = $url ORDER BY checked_at, id";
            command.Parameters.AddWithValue("$url", url);
            var results = new List<LinkCheckResult>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                results.Add(ReadResult(reader, []));
            }

            return results;
        }
        finally
        {
            _gate.Release();
        }
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
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT url, checked_at, verdict, status FROM checks ORDER BY url, checked_at, id";
            var timelines = new List<LinkTimeline>();
            var checks = new List<RecordedCheck>();
            string? url = null;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rowUrl = reader.GetString(0);
                if (url is not null && !string.Equals(url, rowUrl, StringComparison.Ordinal))
                {
                    timelines.Add(Timeline(url, checks));
                    checks = [];
                }

                url = rowUrl;
                var verdict = LinkVerdictExtensions.TryParseReportName(reader.GetString(2), out var parsed) ? parsed : LinkVerdict.Inconclusive;
                checks.Add(new RecordedCheck(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), verdict, reader.IsDBNull(3) ? null : reader.GetInt32(3)));
            }

            if (url is not null)
            {
                timelines.Add(Timeline(url, checks));
            }

            return timelines;
        }
        finally
        {
            _gate.Release();
        }
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
    public async Task<long> CountChecksAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM checks";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What the checker needs before checking a URL: a recent conclusive result to reuse, and the last fingerprint.</summary>
    internal async Task<PriorState?> GetPriorAsync(string url, DateTimeOffset now, TimeSpan? maxAge, IReadOnlyList<LinkTarget> targets, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var row = ReadUrlRow(url, null);
            if (row is null)
            {
                return null;
            }

            LinkCheckResult? recent = null;
            if (maxAge is { } age && row.LastConclusiveCheck is { } id && row.LastConclusiveAt is { } at
                && now.ToUnixTimeMilliseconds() - at <= (long)age.TotalMilliseconds)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = $"SELECT {HistorySchema.CheckColumns} FROM checks WHERE id = $id";
                command.Parameters.AddWithValue("$id", id);
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    recent = ReadResult(reader, targets) with { FromHistory = true, History = row.Rot.ToSummary(url, Policy) };
                }
            }

            return new PriorState(recent, row.Fingerprint, row.FingerprintAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null);
        }
        finally
        {
            _gate.Release();
        }
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

    /// <summary>Whether an exception is the file failing (as opposed to cancellation or misuse).</summary>
    private static bool IsFailure(Exception e)
        => e is SqliteException or CitationsException or JsonException or InvalidCastException or FormatException or OverflowException or KeyNotFoundException
           || (e is InvalidOperationException && e is not ObjectDisposedException);

    /// <summary>Records the warning for a failure (once per kind of problem) and returns the note for the result.</summary>
    private string Failed(Exception e, string url, string consequence)
    {
        var damaged = e is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase };
        var reason = DisplayText.Escape(e is CitationsException { InnerException: { } inner } ? inner.Message : e.Message);
        var repair = string.Create(CultureInfo.InvariantCulture,
            $"Repair it with `sqlite3 \"{Path}\" \".recover\" | sqlite3 \"{Path}.recovered\"` and put the recovered file in its place, or reset it by deleting the file (its history is then lost).");
        Diagnostic diagnostic = e is SqliteException
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
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The result a check row records; a row that cannot be read is reported with the file and the URL.</summary>
    private LinkCheckResult ReadResult(SqliteDataReader reader, IReadOnlyList<LinkTarget> targets)
    {
        var row = HistorySchema.ReadCheck(reader);
        try
        {
            return row.ToResult(targets);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new Diagnostics.CitationsException($"The link history '{Path}' holds a check of {row.Url} that cannot be read: {e.Message}", e);
        }
    }

    private UrlRow? ReadUrlRow(string url, SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT {RotColumns}, fingerprint, simhash, text_length, fingerprint_at
            FROM urls WHERE url = $url
            """;
        command.Parameters.AddWithValue("$url", url);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var rot = ReadRot(reader, 0);
        return new UrlRow
        {
            Url = url,
            Rot = rot,
            LastConclusiveCheck = Nullable(reader, 4),
            LastConclusiveAt = Nullable(reader, 5),
            Fingerprint = reader.IsDBNull(10) ? null : new PageFingerprint(reader.GetString(10), unchecked((ulong)(Nullable(reader, 11) ?? 0)), (int)(Nullable(reader, 12) ?? 0)),
            FingerprintAt = Nullable(reader, 13),
        };

        static long? Nullable(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
    }

    private void WriteUrlRow(UrlRow r, SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO urls (url, checks, first_checked, last_checked, last_verdict, last_conclusive_check, last_conclusive_at,
                              last_alive, first_failing, spaced_failures, last_spaced_failure, fingerprint, simhash, text_length, fingerprint_at)
            VALUES ($url, $checks, $first, $last, $verdict, $cc, $ca, $alive, $failing, $spaced, $lastSpaced, $fp, $sim, $len, $fpAt)
            ON CONFLICT (url) DO UPDATE SET
                checks = excluded.checks, last_checked = excluded.last_checked, last_verdict = excluded.last_verdict,
                last_conclusive_check = excluded.last_conclusive_check, last_conclusive_at = excluded.last_conclusive_at,
                last_alive = excluded.last_alive, first_failing = excluded.first_failing, spaced_failures = excluded.spaced_failures,
                last_spaced_failure = excluded.last_spaced_failure, fingerprint = excluded.fingerprint, simhash = excluded.simhash,
                text_length = excluded.text_length, fingerprint_at = excluded.fingerprint_at
            """;
        var p = command.Parameters;
        var rot = r.Rot;
        p.AddWithValue("$url", r.Url);
        p.AddWithValue("$checks", rot.Checks);
        p.AddWithValue("$first", rot.FirstCheckedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$last", rot.LastCheckedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$verdict", rot.LastVerdict.ToReportName());
        p.AddWithValue("$cc", (object?)r.LastConclusiveCheck ?? DBNull.Value);
        p.AddWithValue("$ca", (object?)r.LastConclusiveAt ?? DBNull.Value);
        p.AddWithValue("$alive", (object?)rot.LastSeenAlive?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("$failing", (object?)rot.FirstSeenFailing?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("$spaced", rot.SpacedFailures);
        p.AddWithValue("$lastSpaced", (object?)rot.LastSpacedFailure?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("$fp", (object?)r.Fingerprint?.Sha256 ?? DBNull.Value);
        p.AddWithValue("$sim", r.Fingerprint is { } f ? unchecked((long)f.SimHash) : DBNull.Value);
        p.AddWithValue("$len", (object?)r.Fingerprint?.TextLength ?? DBNull.Value);
        p.AddWithValue("$fpAt", (object?)r.FingerprintAt ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The <c>urls</c> row of a URL: its rot state, the last conclusive check (reused under
    /// <see cref="LinkCheckerOptions.MaxAge"/>) and the last page fingerprint (for "changed since last check"). Times in
    /// Unix milliseconds.
    /// </summary>
    private sealed record UrlRow
    {
        public required string Url { get; init; }

        public required RotState Rot { get; init; }

        public long? LastConclusiveCheck { get; init; }

        public long? LastConclusiveAt { get; init; }

        public PageFingerprint? Fingerprint { get; init; }

        public long? FingerprintAt { get; init; }
    }
}

/// <summary>What the history holds for a URL before it is checked.</summary>
/// <param name="Recent">A conclusive result young enough to reuse, or <see langword="null"/>.</param>
/// <param name="Fingerprint">The last page fingerprint, or <see langword="null"/>.</param>
/// <param name="FingerprintAt">When it was taken.</param>
internal sealed record PriorState(LinkCheckResult? Recent, PageFingerprint? Fingerprint, DateTimeOffset? FingerprintAt);
